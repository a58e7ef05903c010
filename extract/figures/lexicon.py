"""The figure lexicons (numbers, units, currencies, qualifiers) compiled once into lookups and patterns."""
from __future__ import annotations

import re

from .money import Currencies
from .patterns import MONTHS, SPACE, alternation, starting_with


class Lexicon:
    """The figure lexicons compiled once: lookups and the regular expressions built from them."""

    def __init__(self, numbers: dict, units: dict, currencies: dict, qualifiers: dict):
        self.scales = {k.lower(): float(v) for k, v in numbers["scales"].items()}
        self.scale_abbreviations = {k: float(v) for k, v in numbers["scale_abbreviations"].items()}
        self.money_scales = {k: float(v) for k, v in numbers["money_scale_abbreviations"].items()}
        self.denominators = {k: float(v) for k, v in numbers["denominators"].items()}
        self.vague = {k: float(v) for k, v in numbers["vague_plurals"].items()}
        self.negative = set(numbers["negative"])
        self.idioms = re.compile(rf"(?i){starting_with(numbers['idioms'])}(?<![\w-])"
                                 rf"{alternation(numbers['idioms'])}(?![\w-])")
        self.reference_nouns = {w.lower() for w in numbers["reference_nouns"]}
        self.multiplier_verbs = {k: float(v) for k, v in numbers["multiplier_verbs"].items()}
        self.amount_nouns = frozenset(numbers["amount_nouns"])
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

        self.currencies = Currencies(currencies)
        self.currency_before, self.currency_after = self.currencies.before, self.currencies.after

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
        money_words = [*self.currencies.minor, *self.currencies.bare]
        self.article = re.compile(
            rf"(?i)(?<![\w])(?P<a>an?){SPACE}+(?=(?:{alternation(self.scales)}|{alternation(self.denominators)}|"
            rf"{alternation(words)}|{alternation(money_words)}|\w+(?:th|st|nd|rd)s?)(?![\w]))")
        # "a decade", "a gallon of beer": one of a unit; "A kibibyte is ...", "a penny!": one unit or coin
        # named on its own; not "a year ago", "a second thought", "a dollar a day"
        self.article_unit = re.compile(rf"{SPACE}+(?:(?i:{alternation(self.multiple_units)})(?![\w])|"
                                       rf"(?i:{alternation(words)}){SPACE}+of(?![\w])|"
                                       rf"(?i:{alternation(words)}|{alternation(money_words)})"
                                       rf"(?={SPACE}*(?:[!?]|(?:is|equals)(?![\w]))))")
        self.denominator_word = re.compile(rf"(?i)(?<![\w]){alternation(self.denominators)}(?![\w])")
        self.month = re.compile(rf"(?i)(?<![\w])(?:{MONTHS})\.?(?:{SPACE}|&nbsp;)*$")
        self.month_after = re.compile(rf"(?i){SPACE}*(?:of{SPACE}+)?(?:{MONTHS})(?![\w])")
