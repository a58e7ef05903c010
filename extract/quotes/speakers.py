"""Speakers: the token a rule found as the source of some words, resolved to a canonical entity
where the text makes it unambiguous (a name, "he" or "she" to the person last in focus, "the
minister" to the one person with that role), and the speaker a quote with no frame continues.
No speaker beats a wrong one."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from ..entities import CanonicalEntity
from .words import SpeechWords

if TYPE_CHECKING:
    from .found import Found

ANTECEDENT_MAX_TOKENS = 400  # how far back a pronoun's person is looked for, within its paragraphs
FLOATING_MAX_GAP = 2  # paragraphs between a floating quote and the quote whose speaker it continues
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
NOUN_MODIFIER_DEPS = {"det", "amod", "compound", "nummod", "poss", "case", "punct"}
TIME_ENTITIES = {"DATE", "TIME"}
NOT_WORDS_OF_A_NAME = {"PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "SYM"}


@dataclass
class Attribution:
    """A speaker found for some content: the source token (or a span for a Q&A label) and the cue."""
    source: Span | None
    cue: Span | None
    entity: CanonicalEntity | None = None
    name: str | None = None

    def continued(self, before: int | None = None) -> "Attribution":
        """The same speaker for a quote with no words of attribution beside it: no cue of its own,
        and as mention the one that names the speaker nearest before character `before` (the
        quote's start), from the attribution it continues on."""
        source = self.source
        if source is not None and is_relative_subject(source[0]):
            source = noun_phrase(source[0].head.head)  # away from its clause, "who" names no one
        if self.entity is not None and source is not None and before is not None:
            named_since = [m for m in self.entity.mentions + self.entity.references
                           if source.start_char < m.start_char and m.end_char <= before]
            source = max(named_since, key=lambda m: m.start_char, default=source)
        return Attribution(source, None, self.entity, self.name)


class Speakers:
    """The speakers of one document: `attribute` turns a source token into an Attribution."""

    def __init__(self, doc: Doc, words: SpeechWords):
        self.doc = doc
        self.words = words
        self.genders = entity_genders(doc, words)

    def attribute(self, source: Token, cue: Span | None) -> Attribution:
        doc = self.doc
        source = speaker_token(doc, source)
        if source is None:
            return Attribution(None, cue)  # no speaker beats a wrong one
        index = doc._.entity_index or {}
        relative = is_relative_subject(source)
        # "Weaver, who said ...": the mention beside the quote is "who", the speaker its antecedent.
        named = source.head.head if relative else source
        entity = index.get(named.i)
        if entity is None and named.pos_ == "PRON":
            entity = self.antecedent(named)
        elif entity is None:
            appositive = next((index[c.i] for c in named.children if c.dep_ == "appos" and c.i in index), None)
            entity = appositive or self.role_holder(named)  # "The minister, Maria Lopez, said"
        mention = (doc._.mention_index or {}).get(source.i) if entity is index.get(source.i) else None
        if mention is None:
            mention = source.doc[source.i:source.i + 1] if source.pos_ == "PRON" else noun_phrase(source)
            if entity is not None and not relative:
                entity.refer(mention)
        name = entity.name if entity is not None else noun_phrase(named).text if relative else mention.text
        return Attribution(mention, cue, entity, name)

    def antecedent(self, pronoun: Token) -> CanonicalEntity | None:
        """The person a "he" or "she" refers to: the most recent person mentioned before it whose
        known gender does not contradict the pronoun, preferring grammatical subjects, within
        the last two paragraphs. First-person and plural pronouns are left unresolved."""
        doc = self.doc
        word = pronoun.lower_
        if word not in self.words.male and word not in self.words.female:
            return None
        gender = "m" if word in self.words.male else "f"
        index = doc._.entity_index or {}
        window_start = paragraph_window_start(doc, pronoun.idx, 2)
        nearest_other = None
        for i in range(pronoun.i - 1, max(-1, pronoun.i - 1 - ANTECEDENT_MAX_TOKENS), -1):
            entity = index.get(i)
            if entity is None or entity.label != "PERSON" or self.genders.get(entity.id) not in (None, gender):
                continue
            token = doc[i]
            if token.idx < window_start:
                break
            if token.dep_ in SUBJECT_DEPS or token.head.dep_ in SUBJECT_DEPS:
                return entity  # the nearest subject wins
            nearest_other = nearest_other or entity
        return nearest_other

    def role_holder(self, source: Token) -> CanonicalEntity | None:
        """"the minister", "the president": the one person whose roles carry that word."""
        doc = self.doc
        if source.lower_ not in self.words.role_words or source.pos_ not in ("NOUN", "PROPN"):
            return None
        holders = [e for e in doc._.entities or [] if e.label == "PERSON" and any(
            re.search(rf"\b{re.escape(source.lower_)}\b", r.lower()) for r in e.roles)]
        if len(holders) <= 1:
            return holders[0] if holders else None
        # Several hold the role: the one named last before, when named in this or the previous paragraph.
        window_start = paragraph_window_start(doc, source.idx, 1)
        last_named = [(max((m.start for m in e.mentions if m.start < source.i), default=-1), e) for e in holders]
        position, holder = max(last_named, key=lambda pair: pair[0])
        return holder if position >= 0 and doc[position].idx >= window_start else None

    def continue_speakers(self, found: list[Found], reported: list[Found]) -> None:
        """A quote with no frame continues the speaker of the quote or report just before it, when
        that is at most FLOATING_MAX_GAP paragraphs back."""
        doc = self.doc
        paragraphs = doc._.paragraphs or [(0, len(doc_text(doc)))]
        index = doc._.entity_index or {}

        def paragraph_of(offset: int) -> int:
            return next((n for n, (a, b) in enumerate(paragraphs) if a <= offset < b), -1)

        earlier = sorted(found + reported, key=lambda f: f.start)
        for f in found:
            if f.attribution is not None:
                continue
            previous = [p for p in earlier if p.end <= f.start and p.attribution is not None]
            if previous and paragraph_of(f.start) - paragraph_of(previous[-1].start) <= FLOATING_MAX_GAP:
                f.attribution = previous[-1].attribution.continued(before=f.start)
                newcomer = subject_since(doc, previous[-1].end, f.start)
                if newcomer is not None and index.get(newcomer.i) is not f.attribution.entity:
                    f.attribution = self.attribute(newcomer, None)


def entity_genders(doc: Doc, words: SpeechWords) -> dict[str, str]:
    """Gender evidence the text gives for a person: honorifics and gendered role words."""
    genders = {}
    for entity in doc._.entities or []:
        if entity.label != "PERSON":
            continue
        evidence = {w.lower() for r in entity.roles for w in r.split()}
        evidence |= {m.doc[m.start - 1].lower_ for m in entity.mentions if m.start > 0}
        if evidence & words.female_words:
            genders[entity.id] = "f"
        elif evidence & words.male_words:
            genders[entity.id] = "m"
    return genders


def share_within_chains(found: list[Found]) -> None:
    """The parts of a run-on quotation share the speaker any of them has."""
    by_chain: dict[int, Attribution] = {}
    for f in found:
        if f.attribution is not None:
            by_chain.setdefault(f.chain, f.attribution)
    for f in found:
        if f.attribution is None and f.chain in by_chain:
            f.attribution = by_chain[f.chain].continued()


def subject_of(verb: Token) -> Token | None:
    """The speaker of a reporting verb: its subject, the agent of a passive, or the subject of
    the verb it is conjoined to ("... and added")."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return child  # "a surrogate who said ...": attribute() takes the person from "a surrogate"
        if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("it", "there", "that", "which", "what", "who"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ") and verb.head.i != verb.i:
        return subject_of(verb.head)  # "... and added", "..., telling the crowd"
    return None


def subject_since(doc: Doc, start: int, end: int) -> Token | None:
    """The last person who is the subject of a sentence between two offsets."""
    index = doc._.entity_index or {}
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for token in reversed(span):
        entity = index.get(token.i)
        if entity is not None and entity.label == "PERSON" and token.dep_ in SUBJECT_DEPS \
                and token.head.dep_ == "ROOT":
            return token
    return None


def entity_named(doc: Doc, label: str) -> CanonicalEntity | None:
    """The person or organisation a speaker label names, by full name or surname, any case."""
    words = label.lower().replace(".", "").split()
    for entity in doc._.entities or []:
        if entity.label not in ("PERSON", "ORG"):
            continue
        name = entity.name.lower().split()
        if words == name or len(words) == 1 and words[0] in (name[-1], name[0]) and entity.label == "PERSON":
            return entity
    return None


def is_relative_subject(token: Token) -> bool:
    """The "who" of "Weaver, who said ...", whose antecedent is the speaker."""
    return token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl"


def speaker_token(doc: Doc, source: Token) -> Token | None:
    """The token naming a speaker, or None when the parse offers a date or a time ("Saturday at
    the convention, Warren said"; but "the 46-year-old said" is a person). A dateline's place
    parsed as the subject ("WASHINGTON (AP) — Donald Trump said") gives way to the noun phrase
    that follows the dateline."""
    dateline = doc._.dateline
    if dateline is not None and dateline[0] <= source.idx < dateline[1]:
        after = doc.char_span(dateline[1], len(doc_text(doc)), alignment_mode="expand")
        if after is None or not len(after):
            return None
        source = doc[after.start]
        while source.dep_ in NOUN_MODIFIER_DEPS and source.head.i > source.i:
            source = source.head
    if source.pos_ in NOT_WORDS_OF_A_NAME and source.dep_ not in SUBJECT_DEPS:
        return None  # "’s" or "of" taken for a name (but Al From, the subject of "said", speaks)
    if source.ent_type_ in TIME_ENTITIES and not source.lower_.endswith("old") and all(
            t.ent_type_ in TIME_ENTITIES or t.dep_ in ("det", "punct") for t in noun_phrase(source)):
        return None
    return source


def noun_phrase(token: Token) -> Span:
    """The words of a speaker's noun phrase up to its head ("a senior official", "Tulsa police
    Chief Chuck Jordan"), without a following relative clause or apposition."""
    start = token.left_edge.i
    while start < token.i and token.doc[start].is_punct:
        start += 1
    return token.doc[start:token.i + 1]


def paragraph_window_start(doc: Doc, offset: int, paragraphs_back: int) -> int:
    paragraphs = doc._.paragraphs or [(0, len(doc_text(doc)))]
    current = bisect_right(paragraphs, offset, key=lambda p: p[0]) - 1
    return paragraphs[current - paragraphs_back][0] if current >= paragraphs_back else 0
