"""Canonical entities: one per real-world person, organisation or place, its mentions merged.

The model's named entities are the evidence. They are cleaned (a leading "the" or a title
such as "President" comes off a name and becomes a role), repaired where the article itself
proves the model wrong (a known person's surname tagged ORG is that person; a demonym tagged
PERSON is a nationality), and clustered: surnames and first names join the full name,
acronyms join their expansion, country spellings join by ISO code. Roles come from the
words before a name ("Rwandan President Paul Kagame") and from appositions ("Olivier
Nduhungirehe, Rwandan Minister of Foreign Affairs"); countries from countryinfo.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from . import countries, lexicons
from .doctext import doc_text

Doc.set_extension("entities", default=None)
Doc.set_extension("entity_index", default=None)  # token index -> CanonicalEntity
Doc.set_extension("mention_index", default=None)  # token index -> the Span of its entity's mention

NAMED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART",
                "LANGUAGE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the model gives a person's surname by mistake, which the person's full name overrides.
MISTAKABLE_FOR_PERSON = {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT", "LAW"}
DETERMINERS = {"the", "a", "an"}
APPOSITION_MAX_TOKENS = 14
APPOSITION_STOPS = {",", ".", ";", ":", "(", ")", "[", "]", "!", "?", "—", "–", '"', "“", "”", "‘", "’"}
POSSESSIVE = re.compile(r"['’‘]s?$")
NAME_EDGE_PUNCT = "'’\",.;:!?()[]“”‘-–—"


@dataclass
class CanonicalEntity:
    """One real-world thing and every span of the text that names it."""
    label: str
    mentions: list[Span]
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    id: str = ""  # "e1", "e2", ... in order of first mention
    # Pronouns and descriptions later components resolve to it ("he", "the minister"): mentions,
    # but never its name.
    references: list[Span] = field(default_factory=list)
    forms: set[tuple[str, ...]] = field(default_factory=set, repr=False)  # the names' words, for matching
    _name: str | None = field(default=None, init=False, repr=False, compare=False)  # until the next add()
    _starts: set[int] = field(default_factory=set, init=False, repr=False, compare=False)  # of all spans

    def add(self, mention: Span) -> None:
        self.mentions.append(mention)
        self.forms.add(name_tokens(mention))
        self._name = None
        self._starts.add(mention.start)

    def refer(self, span: Span) -> None:
        if span.start not in self._starts:
            self.references.append(span)
            self._starts.add(span.start)

    @property
    def name(self) -> str:
        """The longest full form among the mentions (the first written, among equals)."""
        if self._name is None:
            longest = max(self.mentions, key=lambda m: (len(m.text.split()), len(m.text), -m.start))
            self._name = POSSESSIVE.sub("", longest.text)
        return self._name

    @property
    def start(self) -> int:
        return min(m.start_char for m in self.mentions)


@Language.factory("extract_entities", default_config={"lexicon": "roles"})
def make_entities(nlp: Language, name: str, lexicon: str) -> "EntityLinker":
    return EntityLinker(lexicons.load(lexicon), lexicons.load("organisations")["org_heads"])


class EntityLinker:
    def __init__(self, roles: dict, org_heads: list[str]):
        self.honorifics = set(roles["honorifics"])
        self.role_heads = {tuple(r.split()) for r in roles["heads"]}
        self.connectors = set(roles["connectors"])
        self.role_words = {w for r in roles["heads"] for w in r.split()} - self.connectors
        self.modifiers = set(roles["modifiers"])
        self.org_heads = set(org_heads)

    def __call__(self, doc: Doc) -> Doc:
        # Captions and the page header's byline name people; other boilerplate gives no mention.
        promos = [(b.start, b.end) for b in doc._.boilerplate or [] if b.kind not in ("caption", "metadata")]
        mentions = []
        for ent in join_split_names(doc):
            if ent.label_ not in NAMED_LABELS or any(a <= ent.start_char < b for a, b in promos):
                continue
            span = self.clean(ent)
            if span is not None:
                mentions.append(self.relabel(span))
        # A headline's capitalised words mislead the model: its mentions count only when they
        # name something the article's body names too.
        headline = doc._.headline or (0, 0)
        in_headline = [m for m in mentions if headline[0] <= m.start_char < headline[1]]
        mentions = [m for m in mentions if m not in in_headline]
        people, absorbed = self.cluster_people(doc, mentions)
        others = self.cluster_others([m for m in mentions if m.label_ != "PERSON" and m not in absorbed])
        join_headline_mentions(in_headline, people, others)
        text = doc_text(doc)
        role_spans = {(m.start, m.end): self.role_spans(m) for p in people for m in p.mentions}
        for person in people:
            spans = [span for m in person.mentions for span in role_spans[m.start, m.end]]
            person.roles = distinct_roles(person.roles + [text[a:b] for a, b in spans])
            person.country = self.nationality(doc, spans)
        all_roles = [span for spans in role_spans.values() for span in spans]
        others = [e for e in others if not self.is_portfolio(e, all_roles)]
        for entity in others:
            entity.country = country_of(entity)
        doc._.entities = sorted(people + others, key=lambda e: e.start)
        for number, entity in enumerate(doc._.entities, 1):
            entity.id = f"e{number}"
        doc._.entity_index = {t.i: e for e in doc._.entities for m in e.mentions for t in m}
        doc._.mention_index = {}
        for entity in doc._.entities:
            for mention in entity.mentions:
                for i in range(mention.start, mention.end):
                    if doc._.entity_index[i] is entity:  # its first mention that holds the token
                        doc._.mention_index.setdefault(i, mention)
        return doc

    # --- cleaning and repairing mentions ---------------------------------------------------

    def clean(self, ent: Span) -> Span | None:
        """The name without a leading determiner, honorific or title, or trailing possessive."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or
                               doc[end - 1].is_punct and doc[end - 1].text not in (".",) or
                               doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")):
            end -= 1
        # "The" belongs to some organisations' names ("The Astana Times"), to no place's.
        keeps_the = ent.label_ in ("ORG", "WORK_OF_ART") and not doc[start].is_sent_start
        while start < end and (doc[start].lower_ in DETERMINERS and not (keeps_the and doc[start].text == "The")
                               or doc[start].is_punct):
            start += 1
        if ent.label_ == "PERSON":
            while end - start > 1 and self.is_title_token(doc[start]):
                start += 1
            if start < end and self.is_title_token(doc[start]):
                return None
        if start >= end or not any(c.isupper() for c in doc[start:end].text):
            return None
        return Span(doc, start, end, label=ent.label_)

    def is_title_token(self, token: Token) -> bool:
        return token.lower_ in self.honorifics or token.lower_ in self.role_words or \
            token.lower_ in self.modifiers and token.is_title

    def relabel(self, span: Span) -> Span:
        """A demonym tagged PERSON or ORG is a nationality ("Kazakh"); a country tagged PERSON is a place."""
        if span.label_ in ("PERSON", "ORG") and len(span) == 1:
            if countries.demonym_code(span.text):
                return Span(span.doc, span.start, span.end, label="NORP")
            if span.label_ == "PERSON" and countries.is_country(span.text):
                return Span(span.doc, span.start, span.end, label="GPE")
        return span

    # --- people ---------------------------------------------------------------------------

    def cluster_people(self, doc: Doc, mentions: list[Span]) -> tuple[list[CanonicalEntity], list[Span]]:
        """Full names first; a shorter name joins the full name it is part of (the nearest one
        before it when several fit). A known person's name tagged as something else, or left
        untagged, joins too: those mentions are returned beside the people."""
        people: list[CanonicalEntity] = []
        person_mentions = sorted((m for m in mentions if m.label_ == "PERSON"),
                                 key=lambda m: (-len(name_tokens(m)), m.start))
        for mention in person_mentions:
            person = self.person_for(people, name_tokens(mention), mention.start)
            if person is None:
                person = CanonicalEntity("PERSON", [])
                people.append(person)
            person.add(mention)
        taken = {t.i for m in mentions for t in m}
        absorbed = []
        for mention in mentions:
            if mention.label_ in MISTAKABLE_FOR_PERSON and not countries.place_code(mention.text):
                person = self.person_for(people, name_tokens(mention), mention.start, exact=True)
                if person is not None:
                    person.add(Span(doc, mention.start, mention.end, label="PERSON"))
                    absorbed.append(mention)
        for token in proper_nouns(doc):
            if token.i in taken or not token.is_title:
                continue
            person = self.person_for(people, (token.text,), token.i, exact=True)
            if person is not None:
                person.add(Span(doc, token.i, token.i + 1, label="PERSON"))
        for person in people:
            person.mentions.sort(key=lambda m: m.start)
        return people, absorbed

    @staticmethod
    def person_for(people: list[CanonicalEntity], tokens: tuple[str, ...], position: int,
                   exact: bool = False) -> CanonicalEntity | None:
        """The person whose full name contains `tokens` (as its last name, first name or whole),
        the nearest one mentioned before `position` when several fit."""
        if not tokens:
            return None
        fits = []
        for person in people:
            for full in person.forms:
                if tokens == full or not exact and is_subsequence(tokens, full) or \
                        exact and len(tokens) == 1 and tokens[0] in (full[0], full[-1]) and len(full) > 1:
                    fits.append(person)
                    break
        if len(fits) <= 1:
            return fits[0] if fits else None
        before = [(max((m.start for m in p.mentions if m.start < position), default=-1), p) for p in fits]
        return max(before, key=lambda pair: pair[0])[1]

    # --- other entities -------------------------------------------------------------------

    def cluster_others(self, mentions: list[Span]) -> list[CanonicalEntity]:
        """The same name (a leading "the" aside), the same country, or an acronym of a name."""
        clusters: dict[tuple[str, str], CanonicalEntity] = {}
        for mention in sorted(mentions, key=lambda m: (-len(m), m.start)):
            key = cluster_key(mention)
            cluster = clusters.get(key)
            if cluster is None and mention.text.isupper() and len(mention) == 1:
                cluster = next((c for k, c in clusters.items() if k[0] == key[0] and
                                acronym(c.name) == mention.text), None)
            if cluster is None:
                cluster = clusters[key] = CanonicalEntity(mention.label_, [])
            cluster.add(mention)
        for cluster in clusters.values():
            cluster.mentions.sort(key=lambda m: m.start)
            cluster.label = Counter(m.label_ for m in cluster.mentions).most_common(1)[0][0]
        return list(clusters.values())

    def is_portfolio(self, entity: CanonicalEntity, role_spans: list[tuple[int, int]]) -> bool:
        """An ORG found only inside people's roles with no organisation head word is a portfolio
        ("Minister of ... and International Cooperation"), not an organisation."""
        return entity.label == "ORG" and all(
            any(a <= m.start_char and m.end_char <= b for a, b in role_spans) and
            not any(t.lower_ in self.org_heads for t in m) for m in entity.mentions)

    # --- roles ----------------------------------------------------------------------------

    def role_spans(self, mention: Span) -> list[tuple[int, int]]:
        """Character offsets of the roles next to a person's mention."""
        spans = []
        for tokens in (self.premodifier(mention), self.apposition(mention), self.preposed_apposition(mention)):
            if tokens is not None:
                spans.append((tokens.start_char, tokens.end_char))
        return spans

    def premodifier(self, mention: Span) -> Span | None:
        """Title words right before the name: "Rwandan President", "The Astana Times correspondent"."""
        doc = mention.doc
        return self.role_leftwards(doc, mention.start - 1)

    def preposed_apposition(self, mention: Span) -> Span | None:
        """A role set off by a comma before the name: "Rwanda's foreign minister, Olivier ..."."""
        doc = mention.doc
        i = mention.start - 1
        if i < 1 or doc[i].text != "," or doc[i - 1].lower_ not in self.role_words:
            return None
        return self.role_leftwards(doc, i - 1)

    def role_leftwards(self, doc: Doc, i: int) -> Span | None:
        """The title phrase ending at token i, if it holds a role word."""
        end = i + 1
        start = end
        while i >= 0:
            token = doc[i]
            if token.lower_ in self.role_words or token.lower_ in self.modifiers:
                pass
            elif token.text in ("'s", "’s") and i > 0 and doc[i - 1].is_title:
                pass
            elif token.text == "-" or token.lower_ in self.connectors and start < end and doc[start].is_title:
                pass
            elif token.text == "The" and start < end and doc[start].is_title and \
                    doc[start].lower_ not in self.role_words:
                pass  # part of a name: "The Daily Gazette correspondent"
            elif (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "ADJ") and \
                    token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                pass
            elif token.dep_ in ("compound", "amod", "poss", "nmod") and token.pos_ in ("NOUN", "ADJ", "PROPN") \
                    and start < end and start <= token.head.i < end:
                pass  # a modifier of the role: "business owner", "the council's transport director"
            else:
                break
            start = i
            i -= 1
        while start < end and (doc[start].lower_ in self.connectors or doc[start].text in ("'s", "’s", "-")):
            start += 1
        while end > start and doc[end - 1].lower_ in self.connectors:
            end -= 1
        phrase = doc[start:end]
        return phrase if len(phrase) and any(t.lower_ in self.role_words for t in phrase) else None

    def apposition(self, mention: Span) -> Span | None:
        """A role set off by a comma after the name: "..., Rwandan Minister of Foreign Affairs,"."""
        doc = mention.doc
        i = mention.end
        if i >= len(doc) or doc[i].text != ",":
            return None
        start = i + 1
        end = start
        while end < len(doc) and end - start <= APPOSITION_MAX_TOKENS:
            token = doc[end]
            if token.text in APPOSITION_STOPS or "\n" in token.text or \
                    token.pos_ in ("VERB", "AUX", "PRON") or token.ent_type_ == "PERSON":
                break
            end += 1
        if end - start > APPOSITION_MAX_TOKENS or end == start:
            return None
        while start < end and doc[start].lower_ in DETERMINERS:
            start += 1
        phrase = doc[start:end]
        if not len(phrase) or phrase[0].pos_ in ("ADP", "SCONJ", "CCONJ", "PRON", "ADV") or \
                phrase[0].lower_ in ("who", "which", "that"):
            return None
        return phrase if any(t.lower_ in self.role_words for t in phrase) else None

    # --- countries ------------------------------------------------------------------------

    @staticmethod
    def nationality(doc: Doc, role_spans: list[tuple[int, int]]) -> str | None:
        """The country the text gives a person through their roles (character spans, in the order
        of the mentions): a demonym or a country name ("Rwandan Minister", "Minister of Foreign
        Affairs of Kazakhstan")."""
        for a, b in role_spans:
            for token in doc.char_span(a, b, alignment_mode="expand"):
                if token.ent_type_ == "ORG" and (token.ent_iob_ == "I" or token.nbor(1).ent_iob_ == "I"):
                    continue  # a word of an organisation's name: "The Astana Times"
                code = countries.demonym_code(token.text) or (
                    countries.country_code(token.text) if token.ent_type_ == "GPE" else None)
                if code:
                    return code
        return None


def join_split_names(doc: Doc) -> list[Span]:
    """The model's entities, with a name it cut before its last part joined up again: "the
    Ministry of Foreign Affairs of" + "Ghana" is one organisation."""
    joined: list[Span] = []
    for ent in doc.ents:
        last = joined[-1] if joined else None
        if last is not None and last.label_ in ("ORG", "FAC", "EVENT") and last.end == ent.start \
                and last[-1].lower_ in ("of", "for") and ent.label_ in ("GPE", "LOC", "ORG"):
            joined[-1] = Span(doc, last.start, ent.end, label=last.label_)
        else:
            joined.append(ent)
    return joined


def proper_nouns(doc: Doc) -> Iterator[Token]:
    """The tokens tagged PROPN, found in the Doc's array so the others never become Python objects."""
    for i, pos in enumerate(doc.to_array(POS).tolist()):
        if pos == PROPN:
            yield doc[i]


def name_tokens(span: Span) -> tuple[str, ...]:
    words = (POSSESSIVE.sub("", t.text).strip(NAME_EDGE_PUNCT) for t in span)
    return tuple(w for w in words if w)


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


def is_subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`short`'s tokens appear in `full` in order ("Kagame" in "Paul Kagame")."""
    rest = iter(full)
    return all(token in rest for token in short)


LABEL_FAMILIES = {"GPE": "place", "LOC": "place", "ORG": "body", "FAC": "body", "EVENT": "body"}


def cluster_key(span: Span) -> tuple[str, str]:
    """Entities of one kind whose names agree once "the" and full stops are dropped, or that
    name the same country, are one. The model confuses some labels (an ORG for a FAC, a GPE
    for a LOC) from one mention to the next, so those are compared as one family."""
    family = LABEL_FAMILIES.get(span.label_, span.label_)
    if family == "place" and countries.is_country(span.text):
        return family, "country:" + countries.country_code(span.text)
    return family, countries.key(span.text).replace(".", "")


def acronym(name: str) -> str:
    """Initials of the capitalised words: "Astana International Forum" -> "AIF"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")


def country_of(entity: CanonicalEntity) -> str | None:
    if entity.label in PLACE_LABELS:
        return next(filter(None, (countries.place_code(m.text) for m in entity.mentions)), None)
    if entity.label == "NORP":
        return next(filter(None, (countries.demonym_code(m.text) for m in entity.mentions)), None)
    if entity.label == "ORG" and " of " in entity.name:  # "Ministry of Foreign Affairs of Ghana"
        return countries.country_code(entity.name.rsplit(" of ", 1)[1])
    return None


def distinct_roles(roles: list[str]) -> list[str]:
    """Roles in order of appearance, without those repeated inside a longer one."""
    unique = list(dict.fromkeys(r.strip() for r in roles if r.strip()))
    return [r for r in unique if not any(
        r != o and re.search(rf"(?<!\w){re.escape(r.lower())}(?!\w)", o.lower()) for o in unique)]
