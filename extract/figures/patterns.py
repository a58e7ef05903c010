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
