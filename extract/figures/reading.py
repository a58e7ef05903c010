"""A figure around one number: its currency, percent or unit, whether it counts a noun, and its
qualifiers ("around", "more than", "up to", "or more") with the bounds they give."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .drafts import Draft, Number, token_at
from .lexicon import Lexicon
from .money import MoneyReader
from .nonfigures import NonFigures
from .patterns import SPACE
from .units import UnitReader

CENTURY = re.compile(rf"{SPACE}*-?{SPACE}*(?i:centur(?:y|ies)|millenni)")
AGED = re.compile(rf"(?i)(?<![\w])aged{SPACE}+(?:between{SPACE}+)?$")
SHARE_OF = re.compile(rf"[\"”’']?{SPACE}+of(?![\w])")
COUNTED_NOUN = re.compile(rf"{SPACE}+[a-z]+(?={SPACE}+(?:or|and){SPACE})")


class FigureReader:
    """Reads the figure around each number."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.units = UnitReader(lexicon)
        self.money = MoneyReader(lexicon)
        self.nonfigures = NonFigures(lexicon)

    def read(self, text: str, n: Number, doc: Doc, countries: set[str]) -> Draft | None:
        """The figure around one number: currency (the article's `countries` tell a bare "pesos"),
        percent, unit, qualifier; None for a number that is no figure."""
        if self.nonfigures.is_date_or_time(text, n, doc) or self.nonfigures.is_in_name(text, n, doc):
            return None
        d = Draft(n.start, n.end, n, n.value)
        if n.ordinal:
            if CENTURY.match(text, n.end) or self.nonfigures.is_unranked_ordinal(text, n, doc):
                return None  # "the 21st century" is a period of time, "the 12th summit" no rank
            d.kind = "ordinal"
            return self.qualified(text, d, doc)
        self.money.read_currency(text, d, countries)
        if d.kind == "other":
            self.units.read_percent(text, d)
        if d.kind == "other":
            self.units.read_unit(text, d)
        if d.kind == "other" and AGED.search(text, max(0, d.start - 20), d.start):
            d.kind, d.unit = "duration", "year"  # "aged 20-30", "children aged 5"
        if d.kind == "other" and n.fraction and abs(n.value) < 1 and SHARE_OF.match(text, d.end):
            d.unit = "fraction"  # "a quarter of the reserves", "more than half of the members"
        if d.kind == "other" and counts_a_noun(doc, d):
            d.kind = "count"
        return self.qualified(text, d, doc)

    def qualified(self, text: str, d: Draft, doc: Doc) -> Draft:
        """Qualifiers before ("around", "more than", "up to") and after ("or more") the figure."""
        lex = self.lex
        window = max(0, d.start - 40)
        found = [(m, bound) for pattern, bound in ((lex.lower_before, "lower"), (lex.upper_before, "upper"),
                                                   (lex.approximate_before, None))
                 if (m := pattern.search(text, window, d.start)) and (
                     (m.group("q") or "").lower() not in lex.prepositions or
                     self.preposition_qualifies(text, m.start(), d, doc))]
        if found:
            m, bound = min(found, key=lambda f: f[0].start())  # the longest: "no more than", not "more than"
            d.qualifier, d.approximate, d.start = m.group("q") or m.group("sign"), True, m.start()
            self.bound(d, bound)
        for pattern, bound in ((lex.lower_after, "lower"), (lex.upper_after, "upper")):
            noun = COUNTED_NOUN.match(text, d.end) if d.kind in ("count", "other") else None
            m = pattern.match(text, d.end) or noun and pattern.match(text, noun.end())  # "500 pupils or more"
            if m and not re.match(r"\s*(?:than\s+)?(?:the\s+)?[-−]?\d|\s+than\s+(?:minus|negative|\w+ty|one|two|three)\b",
                                  text[m.end():m.end() + 20]):
                d.qualifier = m.group("q") if d.qualifier is None else f"{d.qualifier} ... {m.group('q')}"
                d.approximate, d.end = True, m.end()
                self.bound(d, bound)
                break
        m = lex.inclusive_after.match(text, d.end)
        if m and (d.low is not None or d.high is not None) and not re.match(r"\s*[-−]?\d", text[m.end():m.end() + 5]):
            d.end = m.end()
        return d

    @staticmethod
    def bound(d: Draft, bound: str | None) -> None:
        if bound == "lower":
            d.low, d.high = d.value, None
        elif bound == "upper":
            d.low, d.high = None, d.value

    def preposition_qualifies(self, text: str, start: int, d: Draft, doc: Doc) -> bool:
        """"over 30", not "over 3 years" after a verb or "2000 over 3": the preposition modifies the number."""
        before = text[max(0, start - 25):start].rstrip()
        if re.search(r"(?:\d|[%$€£¥])$", before) or re.search(r"(?i)(?<![\w])(?:is|are|was|were|be|been|of|by|to|at|with|"
                                                             r"and|or|but|for|just|well|from|in|,|\()$", before):
            return not re.search(r"(?:\d|[%$€£¥])$", before)
        token = token_at(doc, start)
        if token is None:
            return True
        if token.dep_ in ("quantmod", "advmod", "amod", "nmod", "npadvmod"):
            return True
        return not (token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX") and d.kind == "duration")


def counts_a_noun(doc: Doc, d: Draft) -> bool:
    """A number that modifies a noun counts it: "six agreements", "1.3 billion people"."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head.i >= span.end and \
        root.head.pos_ in ("NOUN", "PROPN")
