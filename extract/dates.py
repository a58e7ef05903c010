"""Dates a machine can sort: an ISO 8601 date from a date as the text writes it ("Sun, June 16,
2024", "PUBLISHED : 10 Aug 2024 at 05:33", "2024-03-07 16:39:00").

python-dateutil's parser reads the many ways news writes a date. Where the text leaves a part out
("June 16", "last month") the parser would fill it from a default; the date is read twice, with two
different defaults, and kept only when both readings agree: a date the text does not give whole
stays None, never a guess."""
from __future__ import annotations

import re
from datetime import datetime

from .models import Metadata

FIRST_DEFAULT = datetime(2000, 1, 1)
SECOND_DEFAULT = datetime(2001, 2, 2)
YEAR = re.compile(r"\b\d{4}\b")


def iso_date(text: str | None) -> str | None:
    """The date `text` names, as YYYY-MM-DD, or None when it names none whole."""
    if not text or not YEAR.search(text):
        return None
    from dateutil import parser  # imported when a date turns up: `import extract` stays light

    try:
        first = parser.parse(text, default=FIRST_DEFAULT, fuzzy=True)
        second = parser.parse(text, default=SECOND_DEFAULT, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None


def dated(metadata: Metadata) -> Metadata:
    """The metadata with `published_date` read from `published`, where it gives a whole date."""
    if metadata.published_date is not None or metadata.published is None:
        return metadata
    return metadata.model_copy(update={"published_date": iso_date(metadata.published)})
