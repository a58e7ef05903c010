"""Character ranges asked about again and again: does one of them hold a point, or a stretch?

Sorted once, each question is a bisection, so that an article with thousands of quotes and
figures (or a 500,000-character line of them) costs no more per item than a short one.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Ranges:
    """Half-open (start, end) ranges, in any order, overlapping or not."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end of the first k

    def furthest_end(self, offset: int) -> int:
        """The furthest end among the ranges starting at or before `offset` (-1: none)."""
        at = bisect_right(self.starts, offset)
        return self.reach[at - 1] if at else -1

    def covers(self, point: int) -> bool:
        """Some range holds the character at `point`."""
        return self.furthest_end(point) > point

    def holds(self, start: int, end: int) -> bool:
        """Some range holds start..end whole."""
        return self.furthest_end(start) >= end

    def touches(self, start: int, end: int) -> bool:
        """Some range holds the first or the last character of start..end."""
        return self.covers(start) or self.covers(end - 1)
