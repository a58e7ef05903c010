"""A quote one of the rule families found, and the choice among quotes that overlap."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .marks import Quoted
from .speakers import Attribution


@dataclass
class Found:
    """A quote a rule family found: its offsets, kind and speaker, before it becomes a record."""
    start: int
    end: int
    kind: str
    attribution: Attribution | None
    chain: int = -1  # quotes of one run-on quotation share a chain number
    fragments: list[Quoted] = field(default_factory=list)  # the verbatim parts
    framed: bool = False  # attributed by words right beside it


def drop_overlapping(found: list[Found]) -> list[Found]:
    """One quote per stretch of text: where two overlap, the longer one (a mixed quote holding a
    direct one, a report holding a fragment) stays."""
    kept: list[Found] = []  # by start; they never overlap, so only the neighbours need a look
    for f in sorted(found, key=lambda f: f.end - f.start, reverse=True):
        at = bisect_left(kept, f.start, key=lambda k: k.start)
        if not any(k.start < f.end and f.start < k.end for k in kept[max(0, at - 1):at + 1]):
            kept.insert(at, f)
    return kept
