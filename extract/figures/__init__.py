"""Figures: every number in an article a reader would call a figure, with its value, unit,
qualifier and what it measures.

A number grammar over the text finds the numbers: digits (thousands separators, decimals,
exponents, fractions), number words (read by text2num), the scale words and abbreviations
after either ("1.3 billion", "$1bn", "three lakh crore") and fractions ("two thirds", "and a
half"). Around each number it reads a currency (any ISO 4217 one, from babel's data), a percent
sign, a unit, a qualifier ("around", "more than", "or less") and a second number that makes a
range ("5-10 years", "between $2 and $3 million"). Numbers that are no figures give none: dates,
times, years, codes and names with digits, ordinals of events, references back ("the two
sides"), boilerplate. The spaCy parse says what a figure measures. All word lists are lexicons
(extract/lexicons/*.json).

The parts, by concern: digits and the number grammar (`numbers`), number words (`words`),
money and currencies (`money`), other units (`units`), multipliers written without a number
(`multipliers`), numbers that are no figures (`nonfigures`), the figure around a number and its
qualifiers (`reading`), ranges (`ranges`), what a figure measures (`measures`), the lexicons
compiled (`lexicon`) and the pattern pieces they share (`patterns`).
"""
from __future__ import annotations

import re
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import lexicons, models
from ..doctext import doc_text
from ..intervals import Ranges
from ..quotes import quote_holding
from .drafts import Draft, Number, token_at
from .lexicon import Lexicon
from .measures import Context, measures
from .multipliers import multiplier_figures
from .numbers import NumberGrammar
from .ranges import RangeJoiner
from .reading import FigureReader
from .words import NumberWords

__all__ = ["FigureFinder", "make_figures"]

Doc.set_extension("figures", default=None)


@Language.factory("extract_figures", default_config={"numbers": "numbers", "units": "units",
                                                      "currencies": "currencies", "qualifiers": "qualifiers"})
def make_figures(nlp: Language, name: str, numbers: str, units: str, currencies: str,
                 qualifiers: str) -> "FigureFinder":
    return FigureFinder(Lexicon(lexicons.load(numbers), lexicons.load(units), lexicons.load(currencies),
                                lexicons.load(qualifiers)))


class FigureFinder:
    """Sets doc._.figures: one models.Figure per figure in the article's own text."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.grammar = NumberGrammar(lexicon)
        self.words = NumberWords(lexicon)
        self.reader = FigureReader(lexicon)
        self.ranges = RangeJoiner(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        blocked = Ranges([(b.start, b.end) for b in doc._.boilerplate or []] + self.reader.nonfigures.blocked(text))
        numbers = [n for n in self.numbers(doc) if not blocked.touches(n.start, n.end)]
        countries = {e.country for e in doc._.entities or [] if e.country and e.label in ("GPE", "NORP", "LOC")} \
            if Doc.has_extension("entities") else set()
        drafts = [d for n in numbers if (d := self.reader.read(text, n, doc, countries)) is not None]
        drafts = self.reader.money.join_minor(text, drafts)
        drafts = self.ranges.join_ranges(text, drafts, doc)
        drafts = [d for d in drafts if not self.reader.nonfigures.is_reference(text, d, doc)]
        self.reader.money.carry_currency(text, drafts, lambda char: sentence_start(doc, char))
        drafts += self.vague_figures(text, numbers, blocked) + multiplier_figures(doc, self.lex, blocked)
        drafts = restated_in_headings(text, drafts, doc._.paragraphs or [])
        drafts = outermost(drafts)
        quotes = (doc._.quotes or []) if Doc.has_extension("quotes") else []
        figures = []
        has_sentences = doc.has_annotation("SENT_START")  # a walk over every token: once per Doc
        context = Context(amount_nouns=self.lex.amount_nouns)
        for draft in drafts:
            span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
            context.figure_tokens.update(range(span.start, span.end) if span is not None else ())
        for draft in sorted(drafts, key=lambda d: d.start):
            sentence = sentence_of(doc, draft.start) if has_sentences else None
            figures.append(models.Figure(
                text=text[draft.start:draft.end], start=draft.start, end=draft.end, kind=draft.kind,
                value=draft.value, low=draft.low, high=draft.high, unit=draft.unit,
                approximate=draft.approximate, qualifier=draft.qualifier,
                measures=measures(doc, draft, context) if sentence is not None else None,
                said_by=speaker_at(quotes, draft.start),
                sentence=models.Span(text=sentence.text, start=sentence.start_char, end=sentence.end_char)
                if sentence is not None else models.Span(text=text, start=0, end=len(text))))
        doc._.figures = figures
        return doc

    def numbers(self, doc: Doc) -> list[Number]:
        """Every number in the text, digits and words, with its scale words and fractions."""
        text = doc_text(doc)
        pieces = self.grammar.digit_numbers(text) + self.words.word_numbers(doc)
        pieces.sort(key=lambda n: n.start)
        return self.grammar.compose(text, pieces)

    def vague_figures(self, text: str, numbers: list[Number], blocked: Ranges) -> list[Draft]:
        """"hundreds of people": an order of magnitude; "a small percentage of": a percent with no value."""
        drafts = []
        in_numbers = Ranges((n.start, n.end) for n in numbers)
        near_numbers = Ranges((n.start - 25, n.end + 4) for n in numbers)
        for m in self.lex.vague_of.finditer(text):
            if blocked.touches(m.start(), m.end()) or in_numbers.covers(m.start("word")):
                continue
            scale = self.lex.vague[m.group("word").lower()]
            end = m.end("word")
            drafts.append(Draft(m.start(), end, Number(m.start(), end, scale), None, low=scale, high=scale * 10,
                                kind="count", qualifier=m.group(0)[:-3].strip(), approximate=True))
        for m in self.lex.lone_percent.finditer(text):
            if blocked.touches(m.start(), m.end()) or near_numbers.covers(m.start()) or \
                    re.match(r"\s*points?\b", text[m.end():m.end() + 8], re.I) or \
                    not re.search(r"(?i)(?<![\w])(?:a|an|the|small|large|high|low|big|certain|this|that|what|"
                                  r"calculate|some)\s+$", text[max(0, m.start() - 12):m.start()]):
                continue
            drafts.append(Draft(m.start(), m.end(), Number(m.start(), m.end(), 0.0), None, kind="percent",
                                unit="percent", approximate=True))
        return drafts


def restated_in_headings(text: str, drafts: list[Draft], paragraphs: list[tuple[int, int]]) -> list[Draft]:
    """Drop a figure of a heading ("Six prospective cooperation fields") that the body states again:
    the body's sentence says what it measures."""
    headings = Ranges((s, e) for s, e in paragraphs
                      if len(text[s:e].split()) <= 12 and not text[s:e].rstrip("\"'”’)").endswith((".", "!", "?", ":")))
    body = {(d.kind, d.value, d.low, d.high) for d in drafts if not headings.touches(d.start, d.end)}
    return [d for d in drafts if not headings.touches(d.start, d.end) or (d.kind, d.value, d.low, d.high) not in body]


def outermost(drafts: list[Draft]) -> list[Draft]:
    """Drafts not inside a longer one (the "1" of a unit's "s-1" inside "4e14 s-1"), in their order."""
    inner, reach = set(), -1  # the furthest end of the drafts before, in (start, longest first) order
    for (_, negative_end), same in groupby(sorted(drafts, key=span_order), key=span_order):
        if -negative_end <= reach:
            inner.update(id(d) for d in same)
        reach = max(reach, -negative_end)
    return [d for d in drafts if id(d) not in inner]


def span_order(draft: Draft) -> tuple[int, int]:
    return draft.start, -draft.end


def sentence_start(doc: Doc, char: int) -> int:
    """Where the sentence holding `char` starts (0 before the parser has run)."""
    sentence = sentence_of(doc, char) if doc.has_annotation("SENT_START") else None
    return sentence.start_char if sentence is not None else 0


def sentence_of(doc: Doc, char: int) -> Span | None:
    token = token_at(doc, char)
    return token.sent if token is not None else None


def speaker_at(quotes: list[models.Quote], char: int) -> str | None:
    """The speaker of the quote that holds the figure, when quotes were found."""
    quote = quote_holding(quotes, char)
    return quote.speaker.name if quote is not None and quote.speaker is not None else None
