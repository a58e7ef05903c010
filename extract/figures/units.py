"""Units around a number: a percent, a unit (with area, volume, inverse and rate forms) and the
second unit of a rate ("5,000 barrels a day", "120 km/h")."""
from __future__ import annotations

import re

from .drafts import Draft
from .lexicon import Lexicon


class UnitReader:
    """Sets a draft's kind, unit and end from the words after (or the sign before) its number."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

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
