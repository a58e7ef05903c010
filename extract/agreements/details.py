"""What an agreement's words say of it: whether it happened, how many, when, its worth and who told of it.

The words governing the event say whether it happened, is only planned ("will sign", "agreed
to sign": signed false) or is no agreement at all ("failed to reach", "could sign", "did not
sign"). A count is the number the text puts on the agreement ("six agreements"), a date the
one attached to the event or the agreement, a value the money figure inside its phrase.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import models
from ..entities import CanonicalEntity
from ..quotes import quote_holding
from .mentions import MAX_GOVERNORS
from .words import AgreementWords

# Dependencies through which a word governs an event: "failed to sign", "talks aimed at reaching".
GOVERNOR_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl", "advcl", "conj", "acomp"}
NOT_COUNT_ENTITIES = {"MONEY", "DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL"}  # "a $10 billion deal", "the 1951 Convention"


def status(event: Token, words: AgreementWords, noun: Token | None = None) -> str | None:
    """"signed", "planned", or None when the words around the event deny it happened."""
    if noun is not None and any(c.lower_ in words.blocked for c in noun.children if c.dep_ in ("det", "neg")):
        return None  # "no agreement was reached"
    chain = governors(event)
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in event.children)
    found = "planned" if infinitive and not (len(chain) > 1 and chain[1].lemma_.lower() in words.achieved) \
        else "signed"  # "met to sign" is a plan, "managed to sign" a fact
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
    return found


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
        """The whole number a token writes, as the figures component read it ("six", "a dozen", "15")."""
        figure = next((f for f in self.figures if f.start <= token.idx < f.end and f.value is not None), None)
        if figure is not None:
            return int(figure.value) if float(figure.value).is_integer() else None
        digits = token.text.replace(",", "")
        return int(digits) if digits.isdigit() else None

    def count(self, noun: Token) -> int | None:
        """The number of agreements stated on the noun ("six agreements"), None when not stated
        (a worth is no number of agreements: "a $10 billion contract")."""
        number = next((c for c in noun.children if c.dep_ == "nummod" and c.ent_type_ not in NOT_COUNT_ENTITIES), None)
        return self.number_at(number) if number is not None else None

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

    def is_duration(self, ent: Span) -> bool:
        """"seven years" (of talks) is no date; "two years ago", "May 5" and "next year" are."""
        return ent.root.lemma_.lower() in self.words.duration_units and \
            any(c.dep_ == "nummod" for c in ent.root.children) and not any(t.lower_ == "ago" for t in ent)
