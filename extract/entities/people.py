"""People: full names first, then the shorter names, titles-and-surnames and mistagged
names that join them."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from .. import countries
from .canonical import CanonicalEntity, is_subsequence, name_tokens
from .mentions import proper_nouns

# Labels the model gives a person's surname by mistake, which the person's full name overrides.
MISTAKABLE_FOR_PERSON = {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT", "LAW"}


def cluster_people(doc: Doc, mentions: list[Span], fixed: frozenset[tuple[int, int]] = frozenset()
                   ) -> tuple[list[CanonicalEntity], list[Span]]:
    """Full names first; a shorter name joins the full name it is part of (the nearest one
    before it when several fit). A known person's name tagged as something else, or left
    untagged, joins too: those mentions are returned beside the people. The `fixed` mentions
    (start, end) keep their labels."""
    people: list[CanonicalEntity] = []
    person_mentions = sorted((m for m in mentions if m.label_ == "PERSON"),
                             key=lambda m: (-len(name_tokens(m)), m.start))
    for mention in person_mentions:
        person = person_for(people, name_tokens(mention), mention.start)
        if person is None:
            person = CanonicalEntity("PERSON", [])
            people.append(person)
        person.add(mention)
    taken = {t.i for m in mentions for t in m}
    absorbed = []
    for mention in mentions:
        if mention.label_ in MISTAKABLE_FOR_PERSON and not countries.place_code(mention.text) and \
                (mention.start, mention.end) not in fixed:
            person = person_for(people, name_tokens(mention), mention.start, exact=True)
            if person is not None:
                person.add(Span(doc, mention.start, mention.end, label="PERSON"))
                absorbed.append(mention)
    for token in proper_nouns(doc):
        if token.i in taken or not token.is_title:
            continue
        person = person_for(people, (token.text,), token.i, exact=True)
        if person is not None:
            person.add(Span(doc, token.i, token.i + 1, label="PERSON"))
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    return people, absorbed


def person_for(people: list[CanonicalEntity], tokens: tuple[str, ...], position: int,
               exact: bool = False) -> CanonicalEntity | None:
    """The person whose full name contains `tokens` (as its last name, first name or whole),
    the nearest one mentioned before `position` when several fit."""
    if not tokens:
        return None
    tokens = folded(tokens)  # "XI Jinping" is "Xi Jinping"
    fits = []
    for person in people:
        for full in person.forms:
            full = folded(full)
            if tokens == full or not exact and is_subsequence(tokens, full) or \
                    exact and len(tokens) == 1 and tokens[0] in (full[0], full[-1]) and len(full) > 1:
                fits.append(person)
                break
    if len(fits) <= 1:
        return fits[0] if fits else None
    before = [(max((m.start for m in p.mentions if m.start < position), default=-1), p) for p in fits]
    return max(before, key=lambda pair: pair[0])[1]


@lru_cache(maxsize=4096)
def folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words case-folded, once per name: person_for compares every name with every other."""
    return tuple(w.casefold() for w in words)


def join_headline_mentions(mentions: list[Span], people: list[CanonicalEntity],
                           others: list[CanonicalEntity]) -> None:
    """Add each headline mention to the body entity it names, if any; drop the rest."""
    for mention in mentions:
        words = name_tokens(mention)
        for entity in people + others:
            if any(words == name_tokens(m) or entity.label == "PERSON" and len(words) == 1 and
                   words[0] in name_tokens(m) for m in entity.mentions):
                entity.add(Span(mention.doc, mention.start, mention.end, label=entity.label))
                entity.mentions.sort(key=lambda m: m.start)
                break


ORGANISATION_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def organisations_named_as_people(people: list[CanonicalEntity], others: list[Span],
                                  org_kinds: frozenset[str]) -> list[CanonicalEntity]:
    """The "people" the article shows to be organisations: never named in full, and named
    right after a word for a kind of organisation ("brokerage Aton", "oil group Yukos"), only
    by an acronym ("CNPC"), or as a word of an organisation's name ("YouTrip" beside "YouTrip
    Thailand")."""
    org_words = {w.casefold() for m in others if m.label_ in ORGANISATION_LABELS for w in name_tokens(m)}
    found = []
    for person in people:
        if any(len(form) > 1 for form in person.forms):
            continue
        after_kind = any(m.start > 0 and m.doc[m.start - 1].lower_ in org_kinds and m.doc[m.start - 1].is_lower
                         for m in person.mentions)
        acronym = all(len(form[0]) > 2 and form[0].isupper() for form in person.forms if form)
        if after_kind or acronym or all(form and form[0].casefold() in org_words for form in person.forms):
            found.append(person)
    return found


LOCATIVE = {"in", "near", "into", "across", "outside", "around", "via"}
DIRECTIONAL = LOCATIVE | {"at", "from", "to", "through"}


def places_named_as_people(people: list[CanonicalEntity], has_role: Callable[[Span], bool]
                           ) -> list[CanonicalEntity]:
    """The "people" that are places: named only after prepositions of place or direction, at
    least once after one of place ("in Nong Khai", "from Khon Kaen to ..."), and never with a role."""
    def preposition(mention: Span) -> str:
        """The preposition whose object the mention is ("in Bali"; not "in the Bali case")."""
        before = mention.doc[mention.start - 1] if mention.start > 0 else None
        return before.text if before is not None and mention.root.head.i == before.i else ""
    return [p for p in people if all(preposition(m) in DIRECTIONAL for m in p.mentions) and
            any(preposition(m) in LOCATIVE for m in p.mentions) and not any(has_role(m) for m in p.mentions)]

