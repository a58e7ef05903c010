"""Numbers in digits and their grammar: separators, decimals, exponents, fractions, scale words and
abbreviations ("1.3 billion", "$1bn"), sums, ratios ("one in three") and signs. Number words come
from words.py; compose() joins both kinds of pieces into numbers."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import replace

from text_to_num import text2num

from .drafts import Number, is_year, only_space
from .lexicon import Lexicon
from .nonfigures import is_part_of_period
from .patterns import SPACE

DIGITS = re.compile(rf"""
    (?<![\w.,/:^])(?<!\w\+)
    (?:(?P<int>\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d{{1,3}}(?:{SPACE}\d{{3}})+(?!\d)|\d+)(?P<dec>\.\d+)?|(?P<bare>\.\d+))
    (?:(?P<mixed>{SPACE}+\d+/\d+(?![\d/]))|/(?P<den>\d+)(?![\d/]))?
    (?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?
    (?:[eE](?P<exp>[-+−]?\d+)(?![\w])|{SPACE}?[x×]{SPACE}?(?P<base>\d+)(?:\^|\*\*)?(?P<pow>[-+−]?\d+)|\^(?P<power>[-+−]?\d+))?
    """, re.X)
VULGAR = re.compile(r"(?<![\w])[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
# "<>30" is no comparison in English; "9.83e-3 +/- 1e-5 km" gives a tolerance, not a figure.
NOT_A_FIGURE_BEFORE = re.compile(r"(?:<>|=>|=<|±\s?|\+/-\s?|\+-\s?)$")
HALF_CONTEXT = re.compile(r"(?i)\s*(?:of|an?|million|billion|trillion|thousand|[.,;:!?)\"”’']|$)(?![\w])")
PART_OF = re.compile(r"\s*(?:of(?![\w])|[.,;:!?)]|$)")  # "a third of", "one eighth."
OF_A = re.compile(rf"{SPACE}+(?:of{SPACE}+)?an?(?={SPACE})")
# Numbers listed with commas and no spaces, three or more: "22,24,26,31" (not "1,234,567").
LIST = re.compile(r"(?<![\d.,])\d+(?:,\d+){2,}(?![\d,]|\.\d)")
SPOKEN_POINT = re.compile(rf"{SPACE}+point{SPACE}+(?=[A-Za-z])", re.I)
ZERO_WORDS = {"naught": "zero", "nought": "zero", "oh": "zero", "o": "zero"}
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![\w])")


class NumberGrammar:
    """Digits found in the text, and pieces (digits and words) composed into numbers."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def digit_numbers(self, text: str) -> list[Number]:
        numbers = []
        for m in DIGITS.finditer(text):
            if not any(m.group(g) for g in ("int", "bare")):
                continue
            end = m.end()
            follow = text[end:end + 2]
            if follow[:1] == "." and follow[1:2].isdigit() or follow[:1] in (":",) and follow[1:2].isdigit():
                continue  # an address, a version or a clock time: 192.168.1.2, 3.8.0, 10:30
            value = number_value(m)
            if value is None or NOT_A_FIGURE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue  # no comparison in English, or a tolerance: "9.83e-3 +/- 1e-5 km"
            ordinal = bool(ORDINAL_SUFFIX.match(text, end)) and m.group("dec") is None
            if ordinal:
                end = ORDINAL_SUFFIX.match(text, end).end()
            elif text[end:end + 1].isalpha() and not self.attached_suffix(text, end):
                continue  # part of a code or a name: 06F6, i7
            numbers.append(Number(m.start(), end, value, ordinal=ordinal, digits=m.group(0)))
        for run in LIST.finditer(text):  # "nos. 22,24,26": a list written without spaces
            if not re.fullmatch(r"\d+(?:,\d{3})+", run.group()):
                for m in re.finditer(r"\d+", run.group()):
                    if m.start():
                        numbers.append(Number(run.start() + m.start(), run.start() + m.end(), float(m.group()),
                                              digits=m.group()))
        for m in VULGAR.finditer(text):
            numbers.append(Number(m.start(), m.end(), unicodedata.numeric(m.group()), fraction=True))
        return numbers

    @staticmethod
    def spoken_decimal(text: str, n: Number) -> Number:
        """"two point five", "nought point nought three": the words after "point" are digits."""
        if not n.words or n.fraction or n.ordinal or n.article:
            return n
        m = SPOKEN_POINT.match(text, n.end)
        if not m:
            return n
        digits, end = "", m.end()
        for word in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", text[m.end():m.end() + 60]):
            if text[end:m.end() + word.start()].strip():
                break
            try:
                value = text2num(ZERO_WORDS.get(word.group().lower(), word.group().lower()), "en")
            except ValueError:
                break
            if not 0 <= value < 100:
                break
            digits, end = digits + str(value), m.end() + word.end()
        return replace(n, end=end, value=n.value + float("0." + digits)) if digits else n

    def attached_suffix(self, text: str, end: int) -> bool:
        """Letters right after digits that belong to the figure: a scale, unit or currency ("10k", "5km", "15€")."""
        lex = self.lex
        return any(p.match(text, end) for p in (lex.scale_after, lex.money_scale_after, lex.unit_after,
                                                lex.currency_after, lex.percent_after)) or \
            bool(re.match(r"s(?![\w])", text[end:end + 2]))

    def compose(self, text: str, pieces: list[Number]) -> list[Number]:
        """Join the pieces into numbers: fractions ("two thirds", "a fifth", "one-eighth"), scales
        ("2.4 trillion", "a dozen", "half a million"), sums ("4 thousand 3 hundred and 21", "five
        and a half", "one million and a half"), ratios ("one in three") and signs."""
        out: list[Number] = []
        i = 0
        while i < len(pieces):
            n, i = self.fraction(text, pieces, i)
            if n is None:
                continue
            n = self.scaled(text, n)
            while i < len(pieces) and pieces[i].start < n.end:
                i += 1
            if n.scaled and i < len(pieces) and pieces[i].ordinal and only_space(text[n.end:pieces[i].start]) and \
                    self.is_denominator(text, n, pieces[i]):  # "a hundred trillionths"
                n, i = replace(n, end=pieces[i].end, value=n.value / pieces[i].value, fraction=True), i + 1
            while i < len(pieces):
                gap = text[n.end:pieces[i].start]
                if re.fullmatch(rf"{SPACE}+(?:out{SPACE}+of|in|over){SPACE}+", gap):
                    nxt, j = self.fraction(text, pieces, i)
                    if nxt is not None and self.is_ratio(text, n, self.scaled(text, nxt), gap):
                        nxt = self.scaled(text, nxt)
                        n, i = replace(n, end=nxt.end, value=n.value / nxt.value, fraction=True, magnitude=1.0), j
                    break
                if not re.fullmatch(rf"{SPACE}*(?:(?:and|&){SPACE}+)?", gap) and not (
                        gap.strip() == "," and n.words and pieces[i].words):  # "three million, two hundred"
                    break
                nxt, j = self.fraction(text, pieces, i, after_and="and" in gap)
                if nxt is None or nxt.ordinal:
                    break
                if nxt.fraction and "and" in gap and not n.fraction:
                    tail = self.scaled(text, nxt)
                    if n.magnitude >= 1000 and not tail.scaled:  # "one million and a half"
                        n = replace(n, end=tail.end, value=n.value + nxt.value * n.magnitude)
                    elif n.magnitude > 1:  # "one billion and a half million"
                        n = replace(n, end=tail.end, value=n.value + tail.value, magnitude=tail.magnitude)
                    else:  # "five and a half (million)"
                        n = self.scaled(text, replace(n, end=nxt.end, value=n.value + nxt.value, fraction=True))
                    i = j
                    continue
                if n.magnitude > 1 and not nxt.fraction and not nxt.article:
                    tail = self.scaled(text, nxt)
                    if tail.value < n.magnitude and (n.words or not nxt.digits or tail.scaled or "and" in gap):
                        n, i = replace(n, end=tail.end, value=n.value + tail.value, magnitude=tail.magnitude), j
                        continue
                break
            if n.article and not n.scaled and not n.fraction and not self.lex.article_unit.match(text, n.end):
                continue  # "a" alone is no number (but "a decade": read() sees the unit)
            n = self.spoken_decimal(text, n)
            while i < len(pieces) and pieces[i].start < n.end:
                i += 1
            out.append(self.signed(text, n))
        return dedupe(out)

    def fraction(self, text: str, pieces: list[Number], i: int, after_and: bool = False) -> tuple[Number | None, int]:
        """The piece at i, joined with a denominator after it ("two thirds", "a fifth"); a lone
        denominator is a number only as "half" in a number's place ("more than half", "half a million")."""
        n = pieces[i]
        i += 1
        if n.denominator:
            word = text[n.start:n.end].lower()
            if word in ("half", "quarter") and not is_part_of_period(text, n.start) and (
                    self.fraction_context(text, n.end) and word == "half" or
                    self.lex.scale_after.match(text, n.end)):  # "quarter million", not "the first half of 2024"
                return replace(n, value=1 / n.value, fraction=True, ordinal=False, denominator=False), i
            return None, i
        if n.ordinal:
            return n, i
        if i < len(pieces) and pieces[i].ordinal and text[n.end:pieces[i].start] == "-" and n.value < pieces[i].value \
                and not text[n.start:n.end].lower().endswith(("ty", "hundred", "thousand")):
            d = pieces[i]  # "one-fourth", "three-fifths"
            return replace(n, end=d.end, value=n.value / d.value, fraction=True, words=True, article=False), i + 1
        if n.article and i < len(pieces) and pieces[i].words and not pieces[i].ordinal and \
                only_space(text[n.end:pieces[i].start]) and self.lex.scale_after.match(text, n.end):
            n, i = replace(pieces[i], start=n.start), i + 1  # "a hundred and two"
        if i < len(pieces) and pieces[i].ordinal and only_space(text[n.end:pieces[i].start], dash=True) \
                and (self.is_denominator(text, n, pieces[i]) or after_and and pieces[i].denominator):
            d = pieces[i]
            return replace(n, end=d.end, value=n.value / d.value, fraction=True, words=True, article=False), i + 1
        return n, i

    def is_ratio(self, text: str, n: Number, d: Number, gap: str) -> bool:
        """"one in three", "two out of five hundred", "1 over 3": a part of a whole, smaller than it;
        not "12 in six boxes", "$2000 over 3 years"."""
        if n.fraction or d.fraction or n.ordinal or d.ordinal or d.value == 0 or is_year(d) or \
                n.value >= d.value and "over" not in gap:
            return False
        after = text[d.end:d.end + 20]
        if self.lex.unit_after.match(after) or self.lex.currency_before.search(text, max(0, n.start - 5), n.start):
            return False
        return "over" not in gap or not re.match(r"\s*[A-Za-z]", after)

    @staticmethod
    def fraction_context(text: str, end: int) -> bool:
        """"half" as a number: before "of", "a", a scale, or at a clause end ("more than half")."""
        return HALF_CONTEXT.match(text, end) is not None

    def is_denominator(self, text: str, n: Number, d: Number) -> bool:
        """An ordinal after a number is a denominator when plural ("three fifths") or after one/a ("one eighth")."""
        word = text[d.start:d.end].lower()
        if word.startswith("second"):
            return False
        if word.endswith("s"):
            return True
        return n.value == 1 and (PART_OF.match(text, d.end) is not None or
                                 d.denominator and (self.lex.scale_after.match(text, d.end) is not None or
                                                    self.lex.unit_after.match(text, d.end) is not None))

    def scaled(self, text: str, n: Number) -> Number:
        """Apply the scale words and abbreviations after a number: "1.3 billion", "10k", "three lakh crore"."""
        lex = self.lex
        while True:
            m = lex.scale_after.match(text, n.end)
            of_a = OF_A.match(text, n.end) if n.fraction else None
            if of_a:  # "two thirds of a million", "half a dozen"
                m2 = lex.scale_after.match(text, of_a.end())
                if m2 and m2.group("word"):
                    m = m2
            if not m:
                return n
            word = m.group("word") or m.group("abbr")
            if m.group("abbr") and (n.words or not n.digits) and len(m.group("abbr")) < 3:
                return n  # "five m" is no number, "five mln" and "five dozs" are
            if m.group("word") and word.lower() == "hundreds" and not text[m.end():m.end() + 1] in ("", " ", ".", ",", "?"):
                return n
            scale = lex.scales.get(word.lower()) if m.group("word") else lex.scale_abbreviations[word]
            if m.group("abbr") and len(word) == 1 and self.is_unit_here(text, n.end):
                return n
            n = replace(n, end=m.end(), value=n.value * scale, magnitude=scale, scaled=True,
                        words=n.words and bool(m.group("word")))

    def is_unit_here(self, text: str, end: int) -> bool:
        """A one-letter abbreviation that is a unit there: "10 m" is metres unless money; "5 T" a tesla is rare."""
        m = self.lex.unit_after.match(text, end)
        return bool(m) and len(m.group("unit")) > 1

    def signed(self, text: str, n: Number) -> Number:
        """"minus five", "-4/5", "$-99.99": a sign right before the number, not a range dash."""
        m = self.lex.sign_before.search(text, max(0, n.start - 12), n.start)
        if not m:
            return n
        if m.group("dash"):
            before = text[m.start() - 1:m.start()]
            if before.isalnum() or before and before in ")%/" or m.end() - m.start() > 1 and m.start() > 0:
                return n  # "1000-5000", "SCP-173", "1000 - 5000": a dash between two things, not a sign
        return replace(n, start=m.start(), value=-n.value)


def number_value(m: re.Match) -> float | None:
    """The value of a DIGITS match, or None for an impossible one (1/0)."""
    if m.group("bare"):
        value = float(m.group("bare"))
    else:
        value = float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", m.group("int")) + (m.group("dec") or ""))
    if m.group("mixed"):
        top, bottom = m.group("mixed").split("/")
        if float(bottom) == 0:
            return None
        value += float(top) / float(bottom)
    elif m.group("den"):
        if float(m.group("den")) == 0:
            return None
        value /= float(m.group("den"))
    if m.group("vulgar"):
        value += unicodedata.numeric(m.group("vulgar"))
    try:
        if m.group("exp"):
            value *= 10 ** float(m.group("exp").replace("−", "-"))
        elif m.group("pow"):
            value *= float(m.group("base")) ** float(m.group("pow").replace("−", "-"))
        elif m.group("power"):
            value = value ** float(m.group("power").replace("−", "-"))
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def dedupe(numbers: list[Number]) -> list[Number]:
    """Numbers in text order, none overlapping an earlier, longer one."""
    out: list[Number] = []
    for n in sorted(numbers, key=lambda n: (n.start, -(n.end - n.start))):
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out
