"""Money: every currency a news reader meets, by ISO 4217 code, symbol and name, from babel's CLDR
data (current and historic currencies with their English names and plurals, symbols and
minor-unit digits, and the countries that use or used each), the currency signs of Unicode
("₸" is the TENGE SIGN), and the conventions of English news in lexicons/currencies.json
(agency styles such as "dlrs", "Rs", "Rp"). A bare name ("escudos", "pesos", "rupees") is the
currency of a country the article names, else the one English news means by it.

Around a number: a currency before or after it and the second unit of a rate ("$60 a barrel");
an amount and its minor unit read as one value ("2 pounds 20 pence" = 2.20 GBP); and a bare
amount that compares with the money before it takes its currency ("2.5 billion dlrs, against two
billion a year earlier").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from babel import Locale, numbers
from babel.core import get_global

from .drafts import Draft
from .patterns import SPACE, alternation

if TYPE_CHECKING:  # the lexicon holds the currencies: no import at run time
    from .lexicon import Lexicon

# A bare amount that compares with the money before it: "..., against two billion", "up from 3 million".
COMPARED = re.compile(rf"(?i)[,;]?{SPACE}*(?:\(|(?:up|down|rising|falling|compared|comparing)?{SPACE}*"
                      rf"(?:from|against|with|versus|vs\.?|than|to|or|and){SPACE}+(?:about|around|some|nearly|almost|"
                      rf"just|only|over|under|more than|less than)?{SPACE}*)$")


class Currencies:
    """Every currency by its forms, and how a form is resolved to one ISO code."""

    def __init__(self, conventions: dict):
        english = Locale.parse("en")
        not_money = set(conventions["not_money"])
        codes = [c for c in sorted(numbers.list_currencies()) if c not in not_money and c in english.currencies]
        self.digits = {c: numbers.get_currency_precision(c) for c in codes}
        self.used_in: dict[str, set[str]] = {}  # ISO code -> the territories that use or used it
        self.used_now: dict[str, set[str]] = {}  # ISO code -> the territories that use it today
        for territory, uses in get_global("territory_currencies").items():
            for code, _, end, *_ in uses:
                self.used_in.setdefault(code, set()).add(territory)
                if end is None:
                    self.used_now.setdefault(code, set()).add(territory)
        self.names: dict[str, set[str]] = {}  # a name in lower case -> the codes it names
        self.bare: dict[str, set[str]] = {}  # a name's last word ("escudos") -> the codes it may name
        not_bare = set(conventions["not_bare"])
        for code in codes:
            for count in (1, 2):
                name = numbers.get_currency_name(code, count, "en")
                if "(" in name or name == code:
                    continue
                self.names.setdefault(name.lower(), set()).add(code)
                last = name.split()[-1].lower()
                if last not in not_bare:
                    self.bare.setdefault(last, set()).add(code)
        self.weight = set(conventions["weight"])  # "pounds": money only after a scale or before pence
        self.always = conventions["bare_always"]
        self.fallback = conventions["bare_fallback"]
        self.symbols = self.unicode_signs()
        self.symbols.update({s: c for c, s in english.currency_symbols.items()
                             if c in self.digits and s != c and s.strip() and not s.isalpha() and s != "¤"})
        self.symbols.update(conventions["symbols"])
        self.symbols = {s.replace("\u202f", " "): c for s, c in self.symbols.items()}
        for form, code in conventions["names"].items():
            self.names[form.lower()] = {code}
        self.codes = [c for c in codes if c not in set(conventions["not_codes"])]
        self.minor = {form.lower(): spec for form, spec in conventions["minor"].items()}

        codes_ = alternation(self.codes)
        symbols = alternation(self.symbols)
        names = alternation([*self.names, *(w for w in self.bare if w not in self.names)], "i")
        minor = alternation([m for m in self.minor if len(m) > 1], "i")
        self.before = re.compile(rf"(?:(?<![A-Za-z])(?P<code>{codes_})|(?P<symbol>{symbols})){SPACE}?$")
        self.after = re.compile(
            rf"{SPACE}*(?:(?P<name>{names})|(?P<minor>{minor})|(?P<code>{codes_})|(?P<symbol>{symbols}))(?![\w])")

    def unicode_signs(self) -> dict[str, str]:
        """Unicode's currency signs, each resolved by the currency its name says ("TENGE SIGN",
        "THAI CURRENCY SYMBOL BAHT", "TURKISH LIRA SIGN"), where that is one currency."""
        signs = {}
        for point in range(0x20, 0x10000):
            char = chr(point)
            if unicodedata.category(char) != "Sc" or char in "$£¥€":
                continue
            words = [w for w in unicodedata.name(char, "").lower().split() if w not in ("sign", "currency", "symbol")]
            whole = " ".join(words)
            found = self.names.get(whole) or {c for n, codes in self.names.items() if n.endswith(" " + whole)
                                              for c in codes} or (self.bare.get(words[-1]) if words else None)
            if found and len(found) == 1:
                signs[char] = next(iter(found))
            elif found and words and words[-1] in self.fallback:
                signs[char] = self.fallback[words[-1]]
        return signs

    def code(self, form: str, countries: set[str]) -> str | None:
        """The ISO code a written form stands for, in an article that names `countries`."""
        key = form.strip()
        if key in self.codes:
            return key
        if key in self.symbols:
            return self.local(self.symbols[key], countries)
        lower = key.lower()
        if lower in self.always:
            return self.always[lower]
        named = self.names.get(lower)
        if named and len(named) == 1:
            return self.local(next(iter(named)), countries)
        candidates = named or self.bare.get(lower, set())
        for uses in (self.used_now, self.used_in):  # a country's currency today, else its old one
            local = {c for c in candidates if uses.get(c, set()) & countries}
            if len(local) == 1:
                return next(iter(local))
        if lower in self.fallback:
            return self.fallback[lower]
        current = {c for c in candidates if c in self.used_now}
        return next(iter(current)) if len(current) == 1 else next(iter(candidates)) if len(candidates) == 1 else None

    def local(self, code: str, countries: set[str]) -> str:
        """A currency of the same name that a country of the article uses today: "Rs" in a story
        about Pakistan is the Pakistani rupee; "$" and "dollars" stay the US dollar."""
        family = numbers.get_currency_name(code, 1, "en").split()[-1].lower()
        if not countries or family in self.always:
            return code
        local = {c for c in self.bare.get(family, ()) if self.used_now.get(c, set()) & countries}
        return next(iter(local)) if len(local) == 1 and code not in local else code


class MoneyReader:
    """Sets a draft's currency from the words around its number, and joins what belongs together."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.currencies = lexicon.currencies

    def read_currency(self, text: str, d: Draft, countries: set[str]) -> None:
        lex, money = self.lex, self.currencies
        m = money.before.search(text, max(0, d.start - 6), d.start)
        if m:
            d.start, d.kind, d.unit = m.start(), "money", money.code(m.group(0), countries)
            if not d.number.scaled:
                scale = lex.money_scale_after.match(text, d.end) or lex.scale_after.match(text, d.end)
                if scale:
                    word = scale.group("abbr") or scale.group("word")
                    factor = lex.money_scales.get(word) or lex.scale_abbreviations.get(word) or lex.scales[word.lower()]
                    d.value, d.end = d.value * factor, scale.end()
                    d.number = replace(d.number, scaled=True, magnitude=factor)
            after = money.after.match(text, d.end)
            if after and after.group("code"):
                d.end = after.end()
            self.read_per(text, d)
            return
        m = money.after.match(text, d.end)
        if m is None or m.group("symbol") == "p" and not d.number.digits:
            return
        form = m.group(0).strip()
        if m.group("minor"):
            d.unit = money.minor[form.lower()]["unit"]
        elif form.lower() in money.weight and not d.number.scaled:
            return  # "5 pounds" of something: a weight (units.json); "5 million pounds" is money
        else:
            d.unit = money.code(form, countries)
        d.kind, d.end = "money", m.end()
        self.read_per(text, d)

    def read_per(self, text: str, d: Draft) -> None:
        """"$15.4/hour", "$350 per tonne", "$60 a barrel": a rate, its unit the currency per the unit."""
        m = self.lex.per_unit.match(text, d.end)
        if m:
            form = m.group("unit")
            symbol = (self.lex.unit_of.get(form) or self.lex.unit_of[form.lower()])[0]
            d.end = m.end()
            if d.unit is not None:
                d.unit = f"{d.unit}/{symbol}"

    def join_minor(self, text: str, drafts: list[Draft]) -> list[Draft]:
        """"2 pounds 20 pence", "5 dollars and 50 cents": an amount and its minor unit, one value."""
        out: list[Draft] = []
        for d in drafts:
            a = out[-1] if out else None
            minor = self.minor_of(text, d)
            if a is not None and minor is not None and a.low is None and a.high is None and a.value is not None and \
                    re.fullmatch(rf"{SPACE}*(?:,|and|&)?{SPACE}*", text[a.end:d.start]):
                code = a.unit if a.kind == "money" else self.weight_as_money(text, a, minor)
                if code is not None and (minor.get("of") in (None, code)):
                    value = a.value + d.value / 10 ** self.currencies.digits.get(code, 2)
                    out[-1] = replace(a, end=d.end, value=value, kind="money", unit=code)
                    continue
            out.append(d)
        return out

    def minor_of(self, text: str, d: Draft) -> dict | None:
        """The minor unit a money draft is written in ("20 pence"), if any."""
        if d.kind != "money" or d.value is None:
            return None
        m = re.search(r"(?i)([^\W\d]+)\.?$", text[d.start:d.end])
        return self.currencies.minor.get(m.group(1).lower()) if m else None

    def weight_as_money(self, text: str, d: Draft, minor: dict) -> str | None:
        """"2 pounds" before "20 pence" is money after all."""
        m = re.search(r"(?i)([^\W\d]+)$", text[d.start:d.end])
        return minor.get("of") if d.unit == "lb" and m and m.group(1).lower() in self.currencies.weight else None

    def carry_currency(self, text: str, drafts: list[Draft], sentence_start: Callable[[int], int]) -> None:
        """A bare amount that compares with the money before it in the same sentence takes its
        currency: "2.5 billion dlrs, against two billion a year earlier", "$5m, up from 3m"."""
        previous = None
        for d in drafts:
            if d.kind == "money":
                previous = d
                continue
            millions = d.kind == "quantity" and d.unit == "m" and re.fullmatch(r"[\d.,]+m", text[d.start:d.end])
            if previous is None or not millions and (d.kind != "other" or d.unit is not None or
                                                     not (d.number.scaled or d.number.magnitude >= 1000)):
                continue
            if d.start - previous.end < 40 and COMPARED.search(text, previous.end, d.start) and \
                    sentence_start(previous.start) == sentence_start(d.start):
                d.kind, d.unit = "money", previous.unit
                if millions:  # "$5m, up from 3m": millions of money, not metres
                    d.value = d.value * 1e6
