"""Pieces of pattern every part of the figure grammar shares: spaces, month names, alternations."""
from __future__ import annotations

import re

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
SPACE = r"[ \t\u00a0\u202f\u2009]"


def alternation(forms, flags: str = "") -> str:
    """A regex alternation of literal forms, longest first so that the longest form wins."""
    body = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def starting_with(forms, more: str = "") -> str:
    """A lookahead for the characters `forms` start with (and the class body `more`), put before
    a pattern that opens with a lookbehind: the regex engine then skips, in C, the positions no
    form starts at, instead of trying the lookbehind at each."""
    return "(?=[" + "".join(sorted({re.escape(f[0]) for f in forms if f})) + more + "])"
