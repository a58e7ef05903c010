"""An agreement's date resolved to ISO 8601 against the article's publication date.

Dates in news are mostly relative to the day of publication ("on Tuesday", "last month",
"this week", "yesterday"), so they are resolved against `metadata.published` when the article
gives one; a date that names its year ("in October 2022", "2019") needs none. The precision is
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


@lru_cache(maxsize=1024)
def publication_date(published: str | None) -> datetime | None:
    """The day an article was published, from its metadata as written ("10 Aug 2024 at 05:33",
    "Sun, June 16, 2024"), or None."""
    if not published or not YEAR.search(published):
        return None
    data = parser(None, False).get_date_data(re.sub(r"\bat\b", " ", published))
    if data.date_obj is None:
        return None
    return data.date_obj.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)


def iso_date(written: str, published: str | None, hedges: set[str], future: bool = False) -> str | None:
    """The ISO 8601 form of a date as written, at the precision it gives; None when it is
    relative and the article gives no publication date, or when it cannot be read."""
    words = [w for w in re.findall(r"[\w.,'’-]+", written) if w.lower() not in hedges]
    text = " ".join(w for w in words if w.lower() not in ("on", "in", "of", "the", "during"))
    if not text:
        return None
    base = publication_date(published)
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
