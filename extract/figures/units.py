"""Units and currencies around a number: a currency before or after it, a percent, a unit (with
area, volume, inverse and rate forms) and the second unit of a rate ("$60 a barrel")."""
from __future__ import annotations

import re
from dataclasses import replace

from .drafts import Draft
from .lexicon import Lexicon


class UnitReader:
    """Sets a draft's kind, unit and end from the words after (or the sign before) its number."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

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
