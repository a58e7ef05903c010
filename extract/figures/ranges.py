"""Ranges: two figures joined into one with low and high ("5-10 years", "between $2 and $3 million",
"from 3 to 5 percent"), and a lower and an upper bound joined ("more than 10 and less than 40")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .drafts import Draft, is_year, token_at
from .lexicon import Lexicon
from .patterns import SPACE

DASHES = "-–—"


class RangeJoiner:
    """Joins the drafts that make one range."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

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
                a.kind != b.kind and a.kind not in ("other", "count") and not (b.kind == "other" and b.unit is None):
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
            if lead is None and a.unit and b.unit and a.unit != b.unit and not b.unit.startswith(a.unit + "/"):
                return None
        elif word in ("", "~") or word in DASHES:
            if a.number.ordinal != b.number.ordinal or a.number.words or b.number.words or (text[a.end:a.end + 1] in DASHES and a.kind == "other" and
                                                         is_year(a.number) and is_year(b.number)):
                return None
            if not word and not gap.strip():
                return None
        if a.number.ordinal != b.number.ordinal:
            return None
        if a.unit and b.unit and a.unit != b.unit and not b.unit.startswith(a.unit + "/"):
            return None  # but "$30,000 to $60,000 a year": the rate is the range's
        low, high = a.value, b.value
        if b.number.scaled and not a.number.scaled and (a.kind in ("other", b.kind) or b.kind == "other") and \
                abs(low) < abs(high):
            low = low * b.number.magnitude  # "between $2 and $3 million", "5-10 million"
        factor = b.value / b.number.value if b.kind == "duration" and b.number.value else 1
        if a.kind == "other" and factor != 1 and not b.number.scaled:
            low = low * factor
        if low is None or high is None:
            return None
        start = max(0, a.start - 20) + lead.start() if lead and not a.qualifier else a.start
        kind = b.kind if b.kind not in ("other", "count") or a.kind in ("other", "count") else a.kind
        return Draft(start, b.end, b.number, None, low=min(low, high), high=max(low, high), kind=kind,
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
