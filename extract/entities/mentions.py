"""The model's named entities made into mentions: cut to the name, and relabelled where the
model's label cannot be right."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from .. import countries
from ..columns import tokens_at
from .titles import TitleWords

NAMED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART",
                "LANGUAGE"}
DETERMINERS = {"the", "a", "an"}


def clean(ent: Span, words: TitleWords) -> Span | None:
    """The name without a leading determiner, honorific or title, or trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start:
        last = doc[end - 1]
        if not (last.text in ("'s", "’s", "'", "’") or last.is_space or last.is_punct and last.text != "." or
                last.pos_ in ("ADP", "CCONJ", "DET")):
            break
        end -= 1
    # "The" belongs to some organisations' names ("The Astana Times"), to no place's.
    keeps_the = ent.label_ in ("ORG", "WORK_OF_ART") and not doc[start].is_sent_start
    while start < end:
        first = doc[start]
        if not (first.lower_ in DETERMINERS and not (keeps_the and first.text == "The") or first.is_punct or
                first.is_space):
            break
        start += 1
    if ent.label_ == "PERSON":
        while end - start > 1 and words.is_title_token(doc[start]):
            start += 1
        if start < end and words.is_title_token(doc[start]):
            return None
    if start >= end or not any(c.isupper() for c in doc[start:end].text):
        return None
    return Span(doc, start, end, label=ent.label_)


def before_spans(ent: Span, spans: list[Span]) -> Span | None:
    """The part of `ent` before the first of `spans` it overlaps, if any is left: "AFP/" of the
    model's "AFP/Jane Doe" once a photo credit has claimed "Jane Doe"."""
    overlapping = [s for s in spans if s.start < ent.end and ent.start < s.end]
    if not overlapping:
        return ent
    end = min(s.start for s in overlapping)
    return Span(ent.doc, ent.start, end, label=ent.label_) if end > ent.start else None


def relabel(span: Span) -> Span:
    """A demonym tagged PERSON or ORG is a nationality ("Kazakh"); a country tagged PERSON is a
    place; a "person" whose name ends in a country's is an organisation ("YouTrip Thailand")."""
    if span.label_ in ("PERSON", "ORG") and len(span) == 1 and countries.demonym_code(span.text):
        return Span(span.doc, span.start, span.end, label="NORP")
    if span.label_ == "PERSON" and countries.is_country(span.text):
        return Span(span.doc, span.start, span.end, label="GPE")
    if span.label_ == "PERSON" and len(span) > 1 and countries.is_country(span[-1].text):
        return Span(span.doc, span.start, span.end, label="ORG")
    return span


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
    yield from tokens_at(doc, doc.to_array(POS) == PROPN)
