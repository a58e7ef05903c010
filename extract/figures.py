"""Figures: every number in an article with its value, unit, qualifier and what it measures.

A number grammar over the text finds the numbers: digits (thousands separators, decimals,
exponents, fractions), number words (read by text2num), the scale words and abbreviations
after either ("1.3 billion", "$1bn", "three lakh crore") and fractions ("two thirds", "and a
half"). Around each number it reads a currency, a percent sign, a unit, a qualifier ("around",
"more than", "or less") and a second number that makes a range ("5-10 years", "between $2 and
$3 million"). The spaCy parse says what a figure measures and the part of speech tells the
numeral "one" from the pronoun. Dates, times, years, URLs and boilerplate give no figure.
All word lists are lexicons (extract/lexicons/*.json).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from text_to_num import find_numbers, text2num

from . import lexicons, models
from .doctext import doc_text
from .intervals import Ranges
from .quotes import quote_holding

Doc.set_extension("figures", default=None)

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
SPACE = r"[ \t\u00a0\u202f\u2009]"
DIGITS = re.compile(rf"""
    (?<![\w.,/:^])(?<!\w\+)
    (?:(?P<int>\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d{{1,3}}(?:{SPACE}\d{{3}})+(?!\d)|\d+)(?P<dec>\.\d+)?|(?P<bare>\.\d+))
    (?:(?P<mixed>{SPACE}+\d+/\d+(?![\d/]))|/(?P<den>\d+)(?![\d/]))?
    (?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?
    (?:[eE](?P<exp>[-+−]?\d+)(?![\w])|{SPACE}?[x×]{SPACE}?(?P<base>\d+)(?:\^|\*\*)?(?P<pow>[-+−]?\d+)|\^(?P<power>[-+−]?\d+))?
    """, re.X)
VULGAR = re.compile(r"(?<![\w])[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
WORD_TOKEN = re.compile(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d-]")
# How every word text2num reads as a number begins ("o" is its zero): a cheap first look that
# may also match other words ("tension"), never miss a number word.
NUMBER_WORD_START = re.compile(r"(?<![A-Za-z])(?:o(?![A-Za-z])|zero|nought|one|two|thr|thirt|third|thousand|four|fort"
                               r"|fi[fvr]|six|sev|eigh|nin|ten|elev|twe|hundred|million|billion|second)", re.I)
NUMBER_WORD_CONTEXT = 24  # characters read on each side of a possible number word
DATE_LIKE = re.compile(r"(?<![\w.])(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:1[5-9]|20)\d{2}[-–/](?:\d{2}|(?:1[5-9]|20)\d{2})"
                       r"|(?:1[5-9]|20)\d0s|'\d0s)(?![\w])")
TIME_AFTER = re.compile(rf"{SPACE}?(?:[ap]\.?m\.?(?![\w])|o'clock|GMT|UTC|hrs(?=\s+(?:local|GMT|UTC)))", re.I)
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?![\d])")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\+\d[\d /-]{6,}\d", re.I)  # and phone numbers
# Words after which a year-like number is a year: "in 2015", "since 1990", "the 2016 election".
YEAR_BEFORE = re.compile(r"(?i)(?<![\w])(?:in|since|by|until|till|from|to|of|before|after|during|through|the|early|"
                         r"late|mid|and|or|fiscal|FY|year|spring|summer|autumn|fall|winter|circa|c\.)[\s-]+$")
# "<>30" is no comparison in English; "9.83e-3 +/- 1e-5 km" gives a tolerance, not a figure.
NOT_A_FIGURE_BEFORE = re.compile(r"(?:<>|=>|=<|±\s?|\+/-\s?|\+-\s?)$")
HALF_CONTEXT = re.compile(r"(?i)\s*(?:of|an?|million|billion|trillion|thousand|[.,;:!?)]|$)(?![\w])")
PART_OF = re.compile(r"\s*(?:of(?![\w])|[.,;:!?)]|$)")  # "a third of", "one eighth."
OF_A = re.compile(rf"{SPACE}+(?:of{SPACE}+)?an?(?={SPACE})")
CENTURY = re.compile(rf"{SPACE}*-?{SPACE}*(?i:centur(?:y|ies)|millenni)")
COUNTED_NOUN = re.compile(rf"{SPACE}+[a-z]+(?={SPACE}+(?:or|and){SPACE})")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![\w])")
DASHES = "-–—"


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


def alternation(forms, flags: str = "") -> str:
    """A regex alternation of literal forms, longest first so that the longest form wins."""
    body = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


class Lexicon:
    """The figure lexicons compiled once: lookups and the regular expressions built from them."""

    def __init__(self, numbers: dict, units: dict, currencies: dict, qualifiers: dict):
        self.scales = {k.lower(): float(v) for k, v in numbers["scales"].items()}
        self.scale_abbreviations = {k: float(v) for k, v in numbers["scale_abbreviations"].items()}
        self.money_scales = {k: float(v) for k, v in numbers["money_scale_abbreviations"].items()}
        self.denominators = {k: float(v) for k, v in numbers["denominators"].items()}
        self.vague = {k: float(v) for k, v in numbers["vague_plurals"].items()}
        self.negative = set(numbers["negative"])
        # Scale words text2num does not read: passed to it as separators, read here.
        self.own_scale_words = {"trillion", "trillions", "lakh", "lakhs", "crore", "crores", "dozen", "dozens",
                                *self.denominators}
        self.scale_after = re.compile(
            rf"{SPACE}*-?{SPACE}*(?:(?P<word>{alternation(self.scales, 'i')})|"
            rf"(?P<abbr>{alternation(self.scale_abbreviations)}))(?![\w])")
        self.money_scale_after = re.compile(rf"{SPACE}?(?P<abbr>{alternation(self.money_scales)})(?![\w])")

        self.unit_of: dict[str, tuple[str, str, float]] = {}  # form -> (symbol, kind, factor)
        symbols, words, lengths = [], [], set()
        for symbol, spec in units["units"].items():
            entry = (spec.get("as", symbol), spec.get("kind", "quantity"), float(spec.get("factor", 1)))
            for form in spec.get("symbols", []):
                self.unit_of[form] = entry
                symbols.append(form)
            for form in spec.get("words", []):
                self.unit_of[form.lower()] = entry
                words.append(form)
            if spec.get("length"):
                lengths.update([*spec.get("symbols", []), *(w.lower() for w in spec.get("words", []))])
        self.lengths = lengths
        self.multiple_units = [w for w in words if self.unit_of[w.lower()][2] != 1]
        area = alternation(units["area_prefixes"] + units["volume_prefixes"], "i")
        powers = alternation(units["area_suffixes"] + units["volume_suffixes"])
        unit_alternatives = f"{alternation(symbols)}|{alternation(words, 'i')}"
        self.unit_after = re.compile(
            rf"{SPACE}*(?:-{SPACE}*)?(?:(?P<prefix>{area}){SPACE}+)?(?P<unit>{unit_alternatives})"
            rf"(?P<power>{powers})?(?P<inverse>{alternation(units['inverse_suffixes'])})?(?![\w])(?!\$)")
        self.per_unit = re.compile(rf"{SPACE}*(?:/|per|an?){SPACE}*(?P<unit>{unit_alternatives})(?![\w])")
        self.inch_after = re.compile(
            rf"{SPACE}?in(?:\.(?=\s*$)|(?=\s*(?:$|[,;:)]|thick|thin|wide|long|tall|high|deep|across|gap|diameter)))")

        self.currency_of = {**currencies["symbols"], **{c: c for c in currencies["codes"]}}
        self.currency_of.update({k.lower(): v for k, v in currencies["names"].items()})
        self.minor = {k.lower(): v for k, v in currencies["minor"].items()}
        codes = alternation(currencies["codes"])
        symbols_ = alternation(currencies["symbols"])
        names = alternation(list(currencies["names"]), "i")
        minor = alternation([m for m in currencies["minor"] if len(m) > 1], "i")
        self.currency_before = re.compile(rf"(?:(?<![A-Za-z])(?P<code>{codes})|(?P<symbol>{symbols_})){SPACE}?$")
        self.currency_after = re.compile(
            rf"{SPACE}*(?:(?P<name>{names})|(?P<minor>{minor})|(?P<code>{codes})|(?P<symbol>{symbols_}))(?![\w])")

        self.percent_after = re.compile(
            rf"{SPACE}*(?:(?P<points>(?i:percentage[ -]points?|pct[ -]points?|points?\s+percentage))|"
            rf"(?P<percent>%|(?i:per[ -]?cents?|percentages?|pct\.?)(?![\w])))")
        self.percent_of = re.compile(r"(?i:(?<![\w])(?:per[ -]?cents?|percents?)\s+of\s+)$")
        self.lone_percent = re.compile(r"(?i)(?:(?<=\s)|^)(?:percentages?|percents?|per cent)(?![\w])|(?<=\s)%(?=\s)")

        def before(forms):
            words = [f for f in forms if f[0].isalpha()]
            signs = [f for f in forms if not f[0].isalpha()]
            return re.compile(rf"(?:(?<![\w<>=])(?P<q>{alternation(words, 'i')})|(?<![<>=])(?P<sign>{alternation(signs)}))"
                              rf"{SPACE}*(?:the{SPACE}+)?$")

        self.approximate_before = before(qualifiers["approximate"])
        self.lower_before = before(qualifiers["lower"])
        self.upper_before = before(qualifiers["upper"])
        self.prepositions = set(qualifiers["prepositions"])
        self.lower_after = re.compile(rf"{SPACE}*(?P<q>{alternation(qualifiers['trailing_lower'], 'i')})(?![\w])")
        self.upper_after = re.compile(rf"{SPACE}*(?P<q>{alternation(qualifiers['trailing_upper'], 'i')})(?![\w])")
        self.inclusive_after = re.compile(
            rf"{SPACE}*(?P<q>{alternation(qualifiers['trailing_inclusive'], 'i')})(?:{SPACE}+(?:than|it))?(?![\w])")
        self.change_verbs = set(qualifiers["change_verbs"])
        self.sign_before = re.compile(rf"(?:(?<![\w])(?P<word>{alternation(self.negative, 'i')}){SPACE}+|"
                                      rf"(?P<dash>[-−]){SPACE}?)$")
        self.vague_of = re.compile(rf"(?i)(?<![\w])(?:(?P<several>several|a few|many){SPACE}+)?"
                                   rf"(?P<word>{alternation(self.vague)}){SPACE}+of(?![\w])")
        self.article = re.compile(
            rf"(?i)(?<![\w])(?P<a>an?){SPACE}+(?=(?:{alternation(self.scales)}|{alternation(self.denominators)}|"
            rf"{alternation(words)}|\w+(?:th|st|nd|rd)s?)(?![\w]))")
        # "a decade", "a gallon of beer": one of a unit; not "a year ago", "a second thought"
        self.article_unit = re.compile(rf"{SPACE}+(?:(?i:{alternation(self.multiple_units)})(?![\w])|"
                                       rf"(?i:{alternation(words)}){SPACE}+of(?![\w]))")
        self.denominator_word = re.compile(rf"(?i)(?<![\w]){alternation(self.denominators)}(?![\w])")
        self.month = re.compile(rf"(?i)(?<![\w])(?:{MONTHS})\.?{SPACE}*$")
        self.month_after = re.compile(rf"(?i){SPACE}*(?:of{SPACE}+)?(?:{MONTHS})(?![\w])")


@Language.factory("extract_figures", default_config={"numbers": "numbers", "units": "units",
                                                      "currencies": "currencies", "qualifiers": "qualifiers"})
def make_figures(nlp: Language, name: str, numbers: str, units: str, currencies: str,
                 qualifiers: str) -> "FigureFinder":
    return FigureFinder(Lexicon(lexicons.load(numbers), lexicons.load(units), lexicons.load(currencies),
                                lexicons.load(qualifiers)))


def number_word_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` text2num must read: each word that may be a number word, with the
    words around it that join numbers ("and", "point", "a"), cut at spaces and merged where they
    overlap. Reading only these keeps a long article's prose out of text2num."""
    windows: list[tuple[int, int]] = []
    for match in NUMBER_WORD_START.finditer(text):
        start = text.rfind(" ", 0, max(0, match.start() - NUMBER_WORD_CONTEXT)) + 1
        end = text.find(" ", match.end() + NUMBER_WORD_CONTEXT)
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


class WordToken:
    """A word as text2num's find_numbers reads it (its Token protocol)."""
    __slots__ = ("word", "start", "end")

    def __init__(self, word: str, start: int, end: int):
        self.word, self.start, self.end = word, start, end

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: "WordToken") -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


class FigureFinder:
    """Sets doc._.figures: one models.Figure per figure in the article's own text."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        blocked = Ranges([(b.start, b.end) for b in doc._.boilerplate or []] +
                         [m.span() for m in URL.finditer(text)] + [m.span() for m in DATE_LIKE.finditer(text)])
        numbers = [n for n in self.numbers(doc) if not blocked.touches(n.start, n.end)]
        drafts = [d for n in numbers if (d := self.read(text, n, doc)) is not None]
        drafts = self.join_ranges(text, drafts, doc)
        drafts += self.vague_figures(text, numbers, blocked)
        drafts = restated_in_headings(text, drafts, doc._.paragraphs or [])
        drafts = outermost(drafts)
        quotes = (doc._.quotes or []) if Doc.has_extension("quotes") else []
        figures = []
        has_sentences = doc.has_annotation("SENT_START")  # a walk over every token: once per Doc
        for draft in sorted(drafts, key=lambda d: d.start):
            sentence = sentence_of(doc, draft.start) if has_sentences else None
            figures.append(models.Figure(
                text=text[draft.start:draft.end], start=draft.start, end=draft.end, kind=draft.kind,
                value=draft.value, low=draft.low, high=draft.high, unit=draft.unit,
                approximate=draft.approximate, qualifier=draft.qualifier,
                measures=measures(doc, draft) if sentence is not None else None,
                said_by=speaker_at(quotes, draft.start),
                sentence=models.Span(text=sentence.text, start=sentence.start_char, end=sentence.end_char)
                if sentence is not None else models.Span(text=text, start=0, end=len(text))))
        doc._.figures = figures
        return doc

    # --- numbers ---------------------------------------------------------------------------

    def numbers(self, doc: Doc) -> list[Number]:
        """Every number in the text, digits and words, with its scale words and fractions."""
        text = doc_text(doc)
        pieces = self.digit_numbers(text) + self.word_numbers(doc)
        pieces.sort(key=lambda n: n.start)
        return self.compose(text, pieces)

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
        for m in VULGAR.finditer(text):
            numbers.append(Number(m.start(), m.end(), unicodedata.numeric(m.group()), fraction=True))
        return numbers

    def attached_suffix(self, text: str, end: int) -> bool:
        """Letters right after digits that belong to the figure: a scale, unit or currency ("10k", "5km", "15€")."""
        lex = self.lex
        return any(p.match(text, end) for p in (lex.scale_after, lex.money_scale_after, lex.unit_after,
                                                lex.currency_after, lex.percent_after)) or \
            bool(re.match(r"s(?![\w])", text[end:end + 2]))

    def word_numbers(self, doc: Doc) -> list[Number]:
        """Number words, read by text2num; articles and denominators before or after them are pieces
        too ("a dozen", "three quarters"), joined in compose()."""
        text, lex = doc_text(doc), self.lex
        tokens = []
        for start, end in number_word_windows(text):
            tokens += [WordToken("," if m.group().lower() in lex.own_scale_words or not m.group()[0].isalpha()
                                 else m.group(), m.start(), m.end()) for m in WORD_TOKEN.finditer(text, start, end)]
            tokens.append(WordToken(",", end, end))  # windows never run into each other
        numbers = []
        for found in find_numbers(tokens, "en", 0):
            first, last = tokens[found.start], tokens[found.end - 1]
            words = text[first.start:last.end]
            if len(words.split()) == 1 and words.lower() in lex.scales:
                continue  # a bare scale word ("hundred"): scaled() applies it
            if words.lower() in ("one", "second", "seconds") and not self.is_numeral(doc, first.start, words):
                continue
            numbers += self.split_before_denominator(text, first.start, last.end, found)
        for m in lex.article.finditer(text):
            numbers.append(Number(m.start(), m.end("a"), 1.0, words=True, article=True))
        for m in lex.denominator_word.finditer(text):
            numbers.append(Number(m.start(), m.end(), lex.denominators[m.group().lower()], ordinal=True, words=True,
                                  denominator=True))
        return numbers

    def split_before_denominator(self, text: str, start: int, end: int, found) -> list[Number]:
        """Numerators text2num reads into its numbers: "twenty fifths" is 20/5, not the 25th; "one
        hundred and three quarters" is 100 + 3/4 (a proper fraction after "and"), "one hundred and
        thirty-two fifths" is 132/5."""
        words = text[start:end]
        whole = Number(start, end, float(found.value), ordinal=found.is_ordinal, words=True,
                       magnitude=self.trailing_scale(words))
        parts = [Number(start, end, float(found.value), words=True, magnitude=whole.magnitude)]
        if found.is_ordinal:
            last = re.search(r"[A-Za-z]+$", words)
            if not words.endswith("s") or last.start() == 0 or (value := ordinal_value(last.group())) is None:
                return [whole]
            numerator = words[:last.start()].rstrip(" -")
            try:
                parts = [Number(start, start + len(numerator), float(text2num(re.sub(r"\s*-\s*", " ", numerator), "en")),
                                words=True)]
            except ValueError:
                return [whole]
            parts.append(Number(start + last.start(), end, value, ordinal=True, words=True))
            denominator = value
        else:
            follows = re.match(r"[ -]+([A-Za-z]+)", text[end:end + 20])
            denominator = follows and (self.lex.denominators.get(follows.group(1).lower()) or
                                       follows.group(1).endswith("s") and ordinal_value(follows.group(1)))
            if not denominator:
                return [whole]
        head = parts[0]
        said = text[head.start:head.end]
        cut = said.lower().rfind(" and ")
        if cut < 0:
            return parts
        try:
            tail = text2num(said[cut + 5:], "en")
            first = text2num(said[:cut], "en")
        except ValueError:
            return parts
        if tail >= denominator:
            return parts  # an improper fraction: "one hundred and thirty-two fifths"
        return [Number(start, start + cut, float(first), words=True, magnitude=self.trailing_scale(said[:cut])),
                Number(start + cut + 5, head.end, float(tail), words=True)] + parts[1:]

    def trailing_scale(self, words: str) -> float:
        last = re.split(r"[\s-]+", words.lower())[-1]
        return self.lex.scales.get(last, 1.0)

    @staticmethod
    def is_numeral(doc: Doc, start: int, words: str) -> bool:
        """"one" the numeral, not the pronoun ("the one you mentioned"); "second" the ordinal, not the unit."""
        token = token_at(doc, start)
        if token is None:
            return True
        if words.lower() == "one":
            return token.pos_ == "NUM" or token.tag_ == "CD" or \
                re.search(r"(?i)(?:hundred|thousand|million|billion)\s+and\s+$", doc_text(doc)[max(0, start - 16):start]) is not None
        return token.pos_ == "ADJ"

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
            out.append(self.signed(text, n))
        return dedupe(out)

    def fraction(self, text: str, pieces: list[Number], i: int, after_and: bool = False) -> tuple[Number | None, int]:
        """The piece at i, joined with a denominator after it ("two thirds", "a fifth"); a lone
        denominator is a number only as "half" in a number's place ("more than half", "half a million")."""
        n = pieces[i]
        i += 1
        if n.denominator:
            word = text[n.start:n.end].lower()
            if word in ("half", "quarter") and (self.fraction_context(text, n.end) and word == "half" or
                                                self.lex.scale_after.match(text, n.end)):  # "quarter million"
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
            if m.group("abbr") and n.words:
                return n
            if m.group("word") and word.lower() == "hundreds" and not text[m.end():m.end() + 1] in ("", " ", ".", ",", "?"):
                return n
            if m.group("abbr") and not n.digits:
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

    # --- figures -----------------------------------------------------------------------------

    def read(self, text: str, n: Number, doc: Doc) -> Draft | None:
        """The figure around one number: currency, percent, unit, qualifier; None for a date or a time."""
        if self.is_date_or_time(text, n, doc):
            return None
        d = Draft(n.start, n.end, n, n.value)
        if n.ordinal:
            if CENTURY.match(text, n.end):
                return None  # "the 21st century" is a period of time
            d.kind = "ordinal"
            return self.qualified(text, d, doc)
        self.read_currency(text, d)
        if d.kind == "other":
            self.read_percent(text, d)
        if d.kind == "other":
            self.read_unit(text, d)
        if d.kind == "other" and counts_a_noun(doc, d):
            d.kind = "count"
        return self.qualified(text, d, doc)

    def is_date_or_time(self, text: str, n: Number, doc: Doc) -> bool:
        """Years ("in 2015"), days of months ("May 5", "5 May"), decades, clock times ("2 pm")."""
        lex = self.lex
        if lex.month.search(text, max(0, n.start - 12), n.start) or lex.month_after.match(text, n.end):
            return n.value == int(n.value) and 0 < n.value <= 31 or is_year(n)
        if TIME_AFTER.match(text, n.end) and not n.words and (
                n.value == int(n.value) and 0 < n.value <= 12 or CLOCK.fullmatch(n.digits or "")):
            return True
        if is_year(n):
            after = text[n.end:n.end + 30]
            if lex.currency_before.search(text, max(0, n.start - 5), n.start) or lex.percent_after.match(after) or \
                    lex.unit_after.match(after) and not re.match(r"\s*(?:s|years?)\b", after):
                return False
            token = token_at(doc, n.start)
            if token is not None and token.dep_ == "nummod" and token.head.pos_ == "NOUN" and \
                    token.head.lemma_ not in ("year", "season", "census", "election", "budget"):
                return False  # "2000 people"
            return bool(YEAR_BEFORE.search(text, max(0, n.start - 12), n.start)) or \
                token is not None and token.ent_type_ in ("DATE", "TIME")
        return False

    def read_currency(self, text: str, d: Draft) -> None:
        lex = self.lex
        m = lex.currency_before.search(text, max(0, d.start - 6), d.start)
        if m:
            d.start, d.kind, d.unit = m.start(), "money", lex.currency_of[m.group(0).strip()]
            if not d.number.scaled:
                scale = lex.money_scale_after.match(text, d.end) or lex.scale_after.match(text, d.end)
                if scale:
                    word = scale.group("abbr") or scale.group("word")
                    factor = lex.money_scales.get(word) or lex.scale_abbreviations.get(word) or lex.scales[word.lower()]
                    d.value, d.end = d.value * factor, scale.end()
                    d.number = replace(d.number, scaled=True, magnitude=factor)
            after = lex.currency_after.match(text, d.end)
            if after and after.group("code"):
                d.end = after.end()
            self.read_per(text, d)
            return
        m = lex.currency_after.match(text, d.end)
        if m and not (m.group("symbol") == "p" and not d.number.digits):
            form = m.group(0).strip()
            if m.group("minor"):
                d.unit = lex.minor[form.lower()]
            else:
                d.unit = lex.currency_of.get(form) or lex.currency_of[form.lower()]
            d.kind, d.end = "money", m.end()
            self.read_per(text, d)

    def read_per(self, text: str, d: Draft) -> None:
        """"$15.4/hour", "$350 per kg": the rate's second unit joins the figure's text."""
        m = self.lex.per_unit.match(text, d.end)
        if m:  # "$60 a barrel", "$5 an hour"
            d.end = m.end()

    def read_percent(self, text: str, d: Draft) -> None:
        m = self.lex.percent_after.match(text, d.end)
        if m:
            d.kind, d.end = "percent", m.end()
            d.unit = "percentage point" if m.group("points") else "percent"
            return
        m = self.lex.percent_of.search(text, max(0, d.start - 20), d.start)
        if m and not re.search(r"[\d%]\s*$", text[max(0, m.start() - 8):m.start()]):
            d.kind, d.unit, d.start = "percent", "percent", m.start()  # "per cent of twenty-two" (recognizers' style)

    def read_unit(self, text: str, d: Draft) -> None:
        lex = self.lex
        m = lex.unit_after.match(text, d.end)
        if m:
            form = m.group("unit")
            symbol, kind, factor = lex.unit_of.get(form) or lex.unit_of[form.lower()]
            if m.group("prefix") or m.group("power"):
                if form not in lex.lengths and form.lower() not in lex.lengths:
                    return
                cubic = (m.group("prefix") or "").lower().startswith("cu") or (m.group("power") or "").strip() in (
                    "3", "³", "^3", "cubed")
                symbol += "3" if cubic else "2"
            if m.group("inverse"):
                symbol, kind = symbol + "^-1", "quantity"
            d.kind = kind
            d.unit = symbol
            d.end = m.end()
            if factor != 1:
                d.value = d.value * factor
            per = lex.per_unit.match(text, d.end)
            if per and (per.group(0).lstrip().startswith(("/", "per")) or
                        (lex.unit_of.get(per.group("unit")) or lex.unit_of.get(per.group("unit").lower(), ("", "", 1)))[1]
                        == "duration"):
                other = lex.unit_of.get(per.group("unit")) or lex.unit_of[per.group("unit").lower()]
                d.unit, d.end = f"{symbol}/{other[0]}", per.end()
                d.kind = "quantity"
            return
        m = lex.inch_after.match(text, d.end)
        if m and d.number.digits:
            d.kind, d.unit, d.end = "quantity", "in", m.end() - (1 if m.group().endswith(".") else 0)

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

    # --- ranges ------------------------------------------------------------------------------

    def join_ranges(self, text: str, drafts: list[Draft], doc: Doc) -> list[Draft]:
        """Join "5-10 years", "between $2 and $3 million", "from 3 to 5 percent", "more than 10 and
        less than 40" into one figure with low and high; scales and units are shared by both ends."""
        out: list[Draft] = []
        i = 0
        while i < len(drafts):
            a = drafts[i]
            if i + 1 < len(drafts):
                b = drafts[i + 1]
                joined = self.range_of(text, a, b, doc) or self.bounds_of(text, a, b)
                if joined:
                    out.append(joined)
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    def range_of(self, text: str, a: Draft, b: Draft, doc: Doc) -> Draft | None:
        if a.low is not None or a.high is not None or b.qualifier or \
                a.kind != b.kind and a.kind not in ("other", "count") and not (a.kind == "money" and b.kind == "other"):
            return None
        gap = text[a.end:b.start]
        lead = None
        m = re.fullmatch(rf"{SPACE}*(?:[-–—~]|to|through|thru|and){SPACE}*(?:the{SPACE}+)?", gap, re.I)
        if not m:
            m = re.fullmatch(rf"-?{SPACE}+to{SPACE}+", gap)
            if not m:
                return None
        word = gap.strip(" -\u00a0").lower()
        if word == "and":
            lead = re.search(rf"(?i)(?<![\w])between{SPACE}+(?:the{SPACE}+)?$", text[max(0, a.start - 20):a.start])
            if not lead:
                return None
        elif word in ("to", "through", "thru"):
            lead = re.search(rf"(?i)(?<![\w])from{SPACE}+(?:the{SPACE}+)?$", text[max(0, a.start - 20):a.start])
            if self.after_change_verb(doc, lead.start() + max(0, a.start - 20) if lead else a.start):
                return None
            if lead is None and a.unit and b.unit and a.unit != b.unit:
                return None
        elif word in ("", "~") or word in DASHES:
            if a.number.ordinal != b.number.ordinal or a.number.words or b.number.words or (text[a.end:a.end + 1] in DASHES and a.kind == "other" and
                                                         is_year(a.number) and is_year(b.number)):
                return None
            if not word and not gap.strip():
                return None
        if a.number.ordinal != b.number.ordinal:
            return None
        if a.unit and b.unit and a.unit != b.unit:
            return None
        low, high = a.value, b.value
        if b.number.scaled and not a.number.scaled and a.kind in ("other", b.kind) and abs(low) < abs(high):
            low = low * b.number.magnitude  # "between $2 and $3 million", "5-10 million"
        factor = b.value / b.number.value if b.kind == "duration" and b.number.value else 1
        if a.kind == "other" and factor != 1 and not b.number.scaled:
            low = low * factor
        if low is None or high is None:
            return None
        start = max(0, a.start - 20) + lead.start() if lead and not a.qualifier else a.start
        return Draft(start, b.end, b.number, None, low=min(low, high), high=max(low, high), kind=b.kind,
                     unit=b.unit or a.unit, qualifier=a.qualifier, approximate=a.approximate)

    def after_change_verb(self, doc: Doc, start: int) -> bool:
        """"rose from 5% to 7%" is a change between two figures, not a range."""
        token = token_at(doc, start)
        if token is None:
            return False
        for t in doc[max(token.sent.start, token.i - 4):token.i]:
            if t.lemma_.lower() in self.lex.change_verbs:
                return True
        return False

    @staticmethod
    def bounds_of(text: str, a: Draft, b: Draft) -> Draft | None:
        """"more than 10 and less than 40": a lower and an upper bound joined into one range."""
        if not re.fullmatch(rf"{SPACE}*(?:,|and|but|,{SPACE}*and|,{SPACE}*but){SPACE}*", text[a.end:b.start]):
            return None
        lower, upper = (a, b) if a.low is not None and a.high is None else (b, a)
        if lower.low is None or lower.high is not None or upper.high is None or upper.low is not None:
            return None
        bare = ("count", "other")
        if lower.low >= upper.high or lower.kind != upper.kind and lower.kind not in bare and upper.kind not in bare:
            return None
        kind = upper.kind if upper.kind not in bare else lower.kind
        return Draft(a.start, b.end, upper.number, None, low=lower.low, high=upper.high, kind=kind,
                     unit=upper.unit or lower.unit, qualifier=f"{a.qualifier} ... {b.qualifier}", approximate=False)

    # --- vague figures -----------------------------------------------------------------------

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


# --- helpers ---------------------------------------------------------------------------------

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


def ordinal_value(word: str) -> float | None:
    """The number of an ordinal word ("fifths" -> 5), by text2num."""
    found = find_numbers([WordToken(word, 0, len(word))], "en", 0)
    return float(found[0].value) if len(found) == 1 and found[0].is_ordinal else None


def is_year(n: Number) -> bool:
    """Four plain digits that read as a year: 1500-2100, no separator, no decimals."""
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|2100", n.digits or "")) and not n.scaled


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


def counts_a_noun(doc: Doc, d: Draft) -> bool:
    """A number that modifies a noun counts it: "six agreements", "1.3 billion people"."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head.i >= span.end and \
        root.head.pos_ in ("NOUN", "PROPN")


def only_space(gap: str, dash: bool = False) -> bool:
    return re.fullmatch(rf"{SPACE}*-?{SPACE}*" if dash else rf"{SPACE}*", gap) is not None


def dedupe(numbers: list[Number]) -> list[Number]:
    """Numbers in text order, none overlapping an earlier, longer one."""
    out: list[Number] = []
    for n in sorted(numbers, key=lambda n: (n.start, -(n.end - n.start))):
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering the character offset `char` (char_span would need exact token edges)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def sentence_of(doc: Doc, char: int) -> Span | None:
    token = token_at(doc, char)
    return token.sent if token is not None else None


def speaker_at(quotes: list[models.Quote], char: int) -> str | None:
    """The speaker of the quote that holds the figure, when quotes were found."""
    quote = quote_holding(quotes, char)
    return quote.speaker.name if quote is not None and quote.speaker is not None else None


# --- what a figure measures --------------------------------------------------------------------

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "attr", "oprd", "pobj", "npadvmod", "appos", "conj")
PRONOUNS = {"it", "this", "that", "which", "these", "those", "they"}
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "prep", "pobj", "case", "nummod", "quantmod", "det", "cc", "conj",
               "punct", "advmod", "hmod", "hyph", "npadvmod"}


def measures(doc: Doc, d: Draft) -> str | None:
    """What the figure is about, from the parse: the noun a count modifies ("six agreements"), the
    "of" phrase after a unit or percent ("95% of the country"), the subject of a verb the figure
    completes ("trade ... stands at around $1 billion"), or what a duration spans."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    in_figure = {t.i for t in span}
    head = span.root
    # 1. an "of" phrase after the figure: "7,000 kilometers of fiber optics", "95% of the country"
    for t in span:
        for child in t.children:
            if child.i not in in_figure and child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return phrase(obj, in_figure)
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.head.i in in_figure | {nxt.i}:
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return phrase(obj, in_figure)
    # 2. what a duration spans, when it says so: "a decade since his last trip"
    if d.kind == "duration" and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("since", "until", "after"):
        return doc[nxt.i:nxt.right_edge.i + 1].text
    # 3. the noun the number counts: "six agreements", "1.3 billion people"
    if d.kind in ("count", "other", "ordinal", "money", "quantity") and head.dep_ in ("nummod", "quantmod", "amod", "compound") \
            and head.head.i not in in_figure and head.head.pos_ in ("NOUN", "PROPN"):
        if d.kind != "money" or head.head.lemma_ not in ("dollar", "euro"):
            return phrase(head.head, in_figure)
    # 4. the subject of the verb the figure completes: "X stands at", "X reached", "X is"
    verb = head
    while verb.dep_ in ("pobj", "prep", "dobj", "attr", "oprd", "npadvmod", "advmod", "nummod", "quantmod", "appos") \
            and verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX") and verb.head.i not in in_figure | {verb.i}:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            break
    while verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "For 65 years, I would say, Rwanda had ..."
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        if d.kind == "duration":
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in in_figure), None)
            if obj is not None:
                return f"{verb.text} {phrase(obj, in_figure)}"
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None and verb.dep_ in ("xcomp", "ccomp", "conj", "relcl", "advcl"):
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return phrase(resolve(subject), in_figure)
    return None


def resolve(token: Token) -> Token:
    """A relative or personal pronoun stands for a noun: "trade ..., which stands at" -> trade;
    "it's $1 billion" -> the subject of the sentence before."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        noun = token.head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return noun
    if token.lower_ in PRONOUNS:
        sent = token.sent
        if sent.start > 0:
            previous = token.doc[sent.start - 1].sent
            subject = next((t for t in previous if t.dep_ in SUBJECT_DEPS and t.lower_ not in PRONOUNS
                            and t.pos_ in ("NOUN", "PROPN")), None)
            if subject is not None:
                return subject
    return token


def phrase(token: Token, exclude: set[int]) -> str:
    """A noun with its modifiers and "of"/"between" phrases, without determiners, the figure itself or
    a relative clause: "trade between the two countries"."""
    keep = [token]

    def walk(t: Token, depth: int) -> None:
        for child in t.children:
            if child.i in exclude or child.dep_ not in PHRASE_DEPS or depth > 3:
                continue
            if depth == 0 and child.i > token.i and child.dep_ not in ("prep", "compound", "cc", "conj", "hyph", "case"):
                continue  # no clause or adjective phrase after the noun: "agreements worth $1 billion"
            if child.dep_ == "prep" and (child.i < token.i or child.lower_ not in ("of", "between", "for")):
                continue
            if child.dep_ == "punct" or child.dep_ == "det" and child.i < token.i and child.head.i == token.i:
                continue
            keep.append(child)
            walk(child, depth + 1)

    walk(token, 0)
    ids = sorted(t.i for t in keep)
    tokens = [token.doc[i] for i in range(ids[0], ids[-1] + 1) if i in set(ids)]
    while tokens and tokens[0].dep_ in ("det", "cc", "prep") and tokens[0].i != token.i:
        tokens = tokens[1:]
    return " ".join(t.text for t in tokens) if tokens else token.text
