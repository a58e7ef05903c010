"""What an agreement's words say of it: its status, how many, when, its worth and who told of it.

The words governing the event say whether it happened ("signed", or "agreed" for terms agreed,
renewed or announced), is only planned ("will sign", "agreed to sign"), proposed or pending, or
is no agreement at all ("failed to reach", "could sign", "did not sign"); an agreement named
with no signing told is "existing" unless the words governing it say otherwise. A count is the
number the text gives ("six agreements", "MoUs with three universities"), a date the one
attached to the event or the agreement, a value the money figure inside its phrase.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from .. import models
from ..entities import CanonicalEntity
from ..quotes import quote_holding
from .dates import iso_date
from .mentions import MAX_GOVERNORS, count_token, in_existing_frame, is_plural
from .words import AgreementWords

# Dependencies through which a word governs an event: "failed to sign", "talks aimed at reaching".
GOVERNOR_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl", "advcl", "conj", "acomp"}


def made_status(event: Token, words: AgreementWords, noun: Token | None = None) -> str | None:
    """How the event left the agreement: "signed" or "agreed" (as its verb says), "planned",
    "proposed" or "pending" (a signing only supported or negotiated: "backs the early signing of"),
    or None when the words around it deny it happened."""
    if noun is not None and any(c.lower_ in words.blocked for c in noun.children if c.dep_ in ("det", "neg")):
        return None  # "no agreement was reached"
    # a participle on the agreement tells its own making: "delivers under the contract signed last year"
    chain = [event] if event.dep_ in ("acl", "amod") and event.tag_ == "VBN" else governors(event)
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in event.children)
    # "met to sign" is a plan, "managed to sign" a fact
    found = "planned" if infinitive and not (len(chain) > 1 and chain[1].lemma_.lower() in words.achieved) \
        else words.signing_verbs.get(event.lemma_.lower(), "signed")
    for position, token in enumerate(chain):
        if position > 0 and (token.lemma_.lower() in words.blocked or token.lower_ in words.blocked):
            return None
        if position > 0 and (token.lemma_.lower() in words.planned or token.lower_ in words.planned):
            found = "planned"
        for child in token.children:
            if child.dep_ in ("neg", "aux", "auxpass", "mark", "advmod", "preconj"):
                if child.lower_ in words.blocked or child.lemma_.lower() in words.blocked:
                    return None
                if child.lower_ in words.planned:
                    found = "planned"
    if event.pos_ == "NOUN" and event.head.i != event.i:
        word = event.head.lemma_.lower()  # "supports the early signing of", "talks on the signing of"
        if word in words.proposed:
            return "proposed"
        if word in words.pending:
            return "pending"
    return found


def standing_status(noun: Token, words: AgreementWords) -> str | None:
    """The status of an agreement named with no signing told, from its modifiers and the word
    governing it: "existing" ("revitalise the pact with X", "part of a wider deal"), "pending"
    ("talks on a deal with X"), "proposed" ("a proposed pact", "efforts for a deal"), "planned"
    ("the planned accord"), or None when denied ("rejected the deal with X")."""
    for child in noun.children:
        word = child.lemma_.lower()
        if child.dep_ in ("det", "neg") and child.lower_ in words.denying:
            return None
        if child.dep_ in ("amod", "compound", "advmod"):  # as written: "so-called" is no call for one
            if child.lower_ in words.proposed:
                return "proposed"
            if child.lower_ in words.planned_modifiers:
                return "planned"
            if child.lower_ in words.pending:
                return "pending"
    position = noun
    while position.dep_ == "conj" and position.head.i != position.i:
        position = position.head
    if in_existing_frame(position, words):
        return "existing"  # "quotas set under the accord"
    governor = position.head
    if position.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    if governor.i == position.i:
        return "existing"
    word = governor.lemma_.lower()
    if word in words.denying or governor.lower_ in words.denying:
        return None
    if word in words.pending or governor.lower_ in words.pending:
        return "pending"
    if word in words.proposed or governor.lower_ in words.proposed:
        return "proposed"
    if position.dep_ != "nsubj" and (word in words.planned or governor.lower_ in words.planned_modifiers):
        return "planned"
    return "existing"


def governors(event: Token) -> list[Token]:
    """The event and the words above it whose meaning reaches it ("failed to [sign]")."""
    chain = [event]
    token = event
    for _ in range(MAX_GOVERNORS):
        if token.dep_ not in GOVERNOR_DEPS or token.head.i == token.i:
            break
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # a clause of its own: "the first attempt failed, but they signed"
        token = token.head
        chain.append(token)
    return chain


class Details:
    """The figures, quotes and dates of one document, as they bear on its agreements."""

    def __init__(self, doc: Doc, words: AgreementWords, entities: list[CanonicalEntity]):
        self.words = words
        self.entities = entities
        self.figures: list[models.Figure] = (doc._.figures or []) if Doc.has_extension("figures") else []
        self.quotes: list[models.Quote] = (doc._.quotes or []) if Doc.has_extension("quotes") else []
        metadata = doc._.metadata if Doc.has_extension("metadata") else None
        self.published: str | None = (metadata or {}).get("published_date")  # ISO 8601, from article.py

    def quote_at(self, char: int) -> models.Quote | None:
        """The quote holding the character, when it has a speaker."""
        quote = quote_holding(self.quotes, char)
        return quote if quote is not None and quote.speaker is not None else None

    def speaker_at(self, char: int) -> str | None:
        quote = self.quote_at(char)
        return quote.speaker.name if quote is not None else None

    def speaker_entity_at(self, char: int) -> CanonicalEntity | None:
        quote = self.quote_at(char)
        if quote is None or quote.speaker.entity_id is None:
            return None
        return next((e for e in self.entities if e.id == quote.speaker.entity_id), None)

    def number_at(self, token: Token) -> int | None:
        """The whole number a token writes, as the figures component read it ("six", "a dozen", "15"),
        or as a number word when it is no figure ("the two countries" refers back: no count)."""
        figure = next((f for f in self.figures if f.start <= token.idx < f.end and f.value is not None), None)
        if figure is not None:
            return int(figure.value) if float(figure.value).is_integer() else None
        digits = token.text.replace(",", "")
        if digits.isdigit():
            return int(digits)
        try:
            return int(text2num(token.lower_, "en"))
        except ValueError:
            return None

    def count(self, noun: Token, event: Token | None = None) -> int | None:
        """The number of agreements the text gives: written on the noun ("six agreements", "a total
        of 12 MoUs"), or for a plural noun, one per side when the sides are counted ("MoUs with three
        universities") or each has its preposition ("accords with Peru and with Colombia"); None when
        not given (a worth is no number of agreements: "a $10 billion contract")."""
        number = count_token(noun)
        if number is not None:
            return self.number_at(number)
        if not is_plural(noun, self.words):
            return None
        heads = [noun] + ([event] if event is not None and event.pos_ in ("VERB", "AUX") else [])
        sides = [c for head in heads for c in head.children if c.dep_ == "prep" and c.lower_ == "with"]
        sides += [c for side in sides for c in side.children if c.dep_ == "conj" and c.lower_ == "with"]
        if len(sides) > 1:
            return len(sides)
        for side in (o for s in sides for o in s.children if o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS")):
            number = count_token(side)
            if number is not None:
                return self.number_at(number)
        return None

    def money_within(self, head: Token) -> models.Figure | None:
        """The money figure inside a phrase: "deals worth $2 billion", "a $5 million contract"."""
        start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        return next((f for f in self.figures if f.kind == "money" and start <= f.start and f.end <= end), None)

    def date(self, anchors: set[int], sentence: Span) -> str | None:
        """A date attached to the event or the agreement ("in May", "yesterday", "signed on 3 June")."""
        for ent in sentence.ents:
            if ent.label_ != "DATE" or self.is_duration(ent):
                continue
            head = ent.root.head
            if head.dep_ == "prep":
                head = head.head
            if head.i in anchors and ent.root.i not in anchors:
                return ent.text
        return None

    def date_iso(self, written: str | None, status: str) -> str | None:
        """The date resolved against the publication date; a date still to come is read forwards."""
        if written is None:
            return None
        return iso_date(written, self.published, self.words.date_hedges, future=status in ("planned", "pending"))

    def is_duration(self, ent: Span) -> bool:
        """"seven years" (of talks) is no date; "two years ago", "May 5" and "next year" are."""
        return ent.root.lemma_.lower() in self.words.duration_units and \
            any(c.dep_ == "nummod" for c in ent.root.children) and not any(t.lower_ == "ago" for t in ent)
