"""Dates in list items: 2012-11-05, 2012年11月5日, 2012/11/05, and [11-05] with the year from
context."""

from __future__ import annotations

import datetime as dt
import re

_FULL = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?!\d)"
)
_SHORT = re.compile(r"[\[(（【]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[\])）】]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d)")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[dt.date]:
    """Every complete date in a text."""
    found = (_date(int(y), int(m), int(d)) for y, m, d in _FULL.findall(text))
    return [d for d in found if d is not None]


def context_year(page_text: str, as_of: dt.date) -> int:
    """The year that short dates on a page belong to: a '2012年' heading, else the as-of year."""
    years = [int(y) for y in _YEAR.findall(page_text) if int(y) <= as_of.year]
    return max(years) if years else as_of.year


def item_date(text: str, year: int, as_of: dt.date) -> dt.date | None:
    """The date of one list item, or None when it carries none."""
    dates = full_dates(text)
    if dates:
        return max(dates)
    short = _SHORT.search(text)
    if short is None:
        return None
    found = _date(year, int(short.group(1)), int(short.group(2)))
    if found is not None and found > as_of and year == as_of.year:
        # "[12-30]" read in January belongs to last December.
        found = _date(year - 1, found.month, found.day)
    return found
