"""Speakers: the token a rule found as the source of some words, resolved to a canonical entity
where the text makes it unambiguous (a name, "he" or "she" to the person in focus, "the
minister" to the one person with that role: see `references`), nested speech to its inner
speaker, and the speaker a quote with no frame continues. No speaker beats a wrong one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from ..entities import CanonicalEntity
from .references import SUBJECT_DEPS, References, appositive_name
from .words import SpeechWords

if TYPE_CHECKING:
    from .found import Found

FLOATING_MAX_GAP = 2  # paragraphs between a floating quote and the quote whose speaker it continues
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

    def __init__(self, doc: Doc, words: SpeechWords, quotations: list[tuple[int, int]]):
        self.doc = doc
        self.words = words
        self.references = References(doc, words, quotations)

    def attribute(self, source: Token, cue: Span | None, said: tuple[int, int] | None = None) -> Attribution:
        """The speaker `source` names, resolved to an entity where the text makes it plain;
        `said`, the offsets of what was said, when known, names no one who said it."""
        doc = self.doc
        index = doc._.entity_index or {}
        source = speaker_token(doc, self.inner_source(source, cue))
        if source is None:
            return Attribution(None, cue)  # no speaker beats a wrong one
        relative = is_relative_subject(source)
        # "Weaver, who said ...": the mention beside the quote is "who", the speaker its antecedent.
        named = source.head.head if relative else source
        references = self.references
        if named.dep_ == "appos" and named.pos_ == "NOUN" and references.is_person(index.get(named.head.i)):
            named = named.head  # "McConnell, now the majority leader, who said": McConnell's words
        entity = references.person_named(named) or index.get(named.i)
        if entity is None and named.pos_ == "PRON":
            entity = references.antecedent(named, said)
        elif entity is None and (appositive := appositive_name(named)) is not None:
            # "The minister, Maria Lopez, said": the one the apposition names, known or not.
            entity = references.person_named(appositive) or index.get(appositive.i)
            if entity is None:
                return Attribution(name_span(appositive), cue, None, name_span(appositive).text)
        elif entity is None:
            entity = references.described(named) or references.organisation_described(named)
        mention = (doc._.mention_index or {}).get(source.i) if entity is index.get(source.i) else None
        if mention is None:
            mention = source.doc[source.i:source.i + 1] if source.pos_ == "PRON" else noun_phrase(source)
            if entity is not None and not relative:
                entity.refer(mention)
        name = entity.name if entity is not None else noun_phrase(named).text if relative else mention.text
        return Attribution(mention, cue, entity, name)

    def inner_source(self, source: Token, cue: Span | None) -> Token:
        """Nested speech names its inner speaker: "the paper quotes a source close to the firm"
        (the source), "“…,” said Lu Wei, according to the statement" (Lu Wei)."""
        if cue is None:
            return source
        verb, words = cue[0], self.words
        index = self.doc._.entity_index or {}
        if verb.lemma_.lower() in words.quoting_verbs:
            quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if quoted is not None and (quoted.lower_ in words.source_nouns or quoted.lower_ in words.role_words
                                       or getattr(index.get(quoted.i), "label", None) in ("PERSON", "ORG")):
                return quoted
        said = verb.head
        if verb.lower_ == "according" and said.lemma_.lower() in words.verbs and said.pos_ == "VERB" and \
                self.references.quotations.ending_before(said.idx):
            inner = subject_of(said)  # the frame of a quotation ("“…,” said X"), not a clause reported
            if inner is not None and inner.i != source.i:
                return inner
        return source

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
            last = framing_quote(previous) if previous else None
            if last is not None and paragraph_of(f.start) - paragraph_of(last.start) <= FLOATING_MAX_GAP:
                f.attribution = last.attribution.continued(before=f.start)
                newcomer = self.subject_since(previous[-1].end, f.start)
                if newcomer is not None and index.get(newcomer.i) is not f.attribution.entity:
                    f.attribution = self.attribute(newcomer, None)

    def subject_since(self, start: int, end: int) -> Token | None:
        """The last person who is the subject of a sentence between two offsets."""
        index = self.doc._.entity_index or {}
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        for token in reversed(span):
            if self.references.is_person(index.get(token.i)) and token.dep_ in SUBJECT_DEPS \
                    and token.head.dep_ == "ROOT":
                return token
        return None


def framing_quote(previous: list[Found]) -> Found:
    """The quote a quotation with no frame goes on from: the last one before it, unless that is
    a report nested in the frame of a quotation ("“A,” X said in a statement that announced B.
    “C.”": C is X's)."""
    last = previous[-1]
    cue = last.attribution.cue
    if last.kind == "direct" or cue is None:
        return last
    framing = [p for p in previous[:-1] if p.kind == "direct" and p.attribution.cue is not None
               and p.attribution.cue[0].sent == cue[0].sent]
    return framing[-1] if framing else last


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


def name_span(token: Token) -> Span:
    """The words of an apposition's name, up to the comma after it."""
    words = [t for t in token.subtree if not t.is_punct]
    end = next((t.i for t in token.subtree if t.i > token.i and t.is_punct), words[-1].i + 1)
    return token.doc[words[0].i:end]


def noun_phrase(token: Token) -> Span:
    """The words of a speaker's noun phrase up to its head ("a senior official", "Tulsa police
    Chief Chuck Jordan"), without a following relative clause or apposition."""
    start = token.left_edge.i
    while start < token.i and token.doc[start].is_punct:
        start += 1
    return token.doc[start:token.i + 1]
