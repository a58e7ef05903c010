"""A number and a figure as they are read, and the small helpers every reader of them shares."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .patterns import SPACE


@dataclass
class Number:
    """A number as written: its place, value, and how it was written."""
    start: int
    end: int
    value: float
    ordinal: bool = False
    words: bool = False
    digits: str = ""            # the digits as written, for telling a year from a number
    magnitude: float = 1.0      # the last scale word applied ("4 thousand" -> 1000)
    fraction: bool = False
    scaled: bool = False
    article: bool = False       # "a"/"an" standing for one before a scale or a denominator
    denominator: bool = False   # "half", "quarters", "hundredths"


@dataclass
class Draft:
    """A figure being read: its number(s) and what stands around them."""
    start: int
    end: int
    number: Number
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: str = "other"
    unit: str | None = None
    qualifier: str | None = None
    approximate: bool = False


def is_year(n: Number) -> bool:
    """Four plain digits that read as a year: 1500-2100, no separator, no decimals, no ratio."""
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|2100", n.digits or "")) and not n.scaled and not n.fraction


def only_space(gap: str, dash: bool = False) -> bool:
    return re.fullmatch(rf"{SPACE}*-?{SPACE}*" if dash else rf"{SPACE}*", gap) is not None


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering the character offset `char` (char_span would need exact token edges)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
