"""An agreement's date resolved to ISO 8601 against the article's publication date.

Dates in news are mostly relative to the day of publication ("on Tuesday", "last month",
"this week", "yesterday"), so they are resolved against `metadata.published_date` (read by
extract/dates.py) when the article gives one; a date that names its year ("in October 2022", "2019") needs none. The precision is
the text's: a day (2023-08-29), an ISO week (2023-W35), a month (2022-10) or a year (2019).
dateparser does the reading, imported only when a date is to be resolved.
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True, "DATE_ORDER": "DMY"}


@lru_cache(maxsize=64)  # a parser per publication date: a corpus has many
def parser(base: datetime | None, future: bool):
    from dateparser.date import DateDataParser

    settings = {**SETTINGS, "PREFER_DATES_FROM": "future" if future else "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def iso_date(written: str, published_date: str | None, hedges: set[str], future: bool = False) -> str | None:
    """The ISO 8601 form of a date as written, at the precision it gives; None when it is
    relative and the article gives no publication date, or when it cannot be read."""
    words = [w for w in re.findall(r"[\w.,'’-]+", written) if w.lower() not in hedges]
    text = " ".join(w for w in words if w.lower() not in ("on", "in", "of", "the", "during"))
    if not text:
        return None
    base = datetime.fromisoformat(published_date) if published_date else None
    if base is None and not YEAR.search(text):
        return None
    if base is not None and text.lower() == WEEKDAYS[base.weekday()]:
        return base.strftime("%Y-%m-%d")  # "on Monday" in an article of Monday: that day
    data = parser(base, future).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj
    period = data.period or "day"
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.strftime("%Y-%m-%d")
