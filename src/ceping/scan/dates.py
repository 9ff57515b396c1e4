"""Publication dates as Chinese government sites print them in lists, and what only looks like one.

Full dates: 2012-11-02, 2012/11/02, 2012.11.02, 2012年11月2日 (with times and weekdays around
them); in a text that is nothing but a date also 20121102, 11-02 / 11月02日 (year from context) and
the split "02 2012-11" of card-style lists. Never a date: document numbers (〔2012〕12号), phone
numbers, copyright years, anything before 1995 or after the as-of date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

# Government sites did not publish before this; older dates are history quoted in titles.
EARLIEST_YEAR = 1995

_YEAR_RE = r"((?:19|20)\d{2})"
# A digit or a dash/dot before the year means a longer number: a phone, an index number, a version.
_FULL = re.compile(
    rf"(?<![\d\-./])\s*{_YEAR_RE}\s*(?:[-/.]|年)\s*(\d{{1,2}})\s*(?:[-/.]|月)\s*(\d{{1,2}})"
    r"\s*[日号]?(?![\d\-./]\d)(?!\d)"
)
_COMPACT = re.compile(rf"(?<!\d){_YEAR_RE}(\d{{2}})(\d{{2}})(?!\d)")
# Month and day alone: "11-02", "11/02", "11月2日". One digit or a dot ("1/3", "12.5") is a page
# count, a size or a price far more often than a date, unless in brackets: "[11.02]".
_SHORT = re.compile(
    r"(?<![\d\-./])(?:(\d{2})\s*[-/]\s*(\d{2})|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)"
    r"(?![\d\-./]\d)(?!\d)"
)
# Two-digit years, "12-11-02" (templates formatting `yy-MM-dd`): zero-padded, dashes only, and
# only in a text that is nothing but a date.
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d\-./])(\d{2})-(\d{2})-(\d{2})(?![\d\-./]\d)(?!\d)")
_BRACKETED_SHORT = re.compile(
    r"[\[(（【]\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?\s*[\])）】]"
)
_DAY_YEAR_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+{_YEAR_RE}\s*(?:[-/.]|年)\s*(\d{{1,2}})月?(?!\d)"
)
_YEAR_MONTH_DAY = re.compile(
    rf"(?<!\d){_YEAR_RE}\s*(?:[-/.]|年)\s*(\d{{1,2}})月?\s+(\d{{1,2}})日?(?!\d)"
)
_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d)")

# What may surround a date in a text that is only a date: labels, times, weekdays, brackets.
_DATE_NOISE = re.compile(
    r"发布(?:日期|时间)|更新(?:日期|时间)|发文日期|成文日期|印发日期|日期|时间|"
    # Times, ISO 8601 ("T10:30:00+08:00") and Java's ("10:30:00.0", a JSP printing a Timestamp).
    r"T?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?|"
    r"星期[一二三四五六日天]|周[一二三四五六日天]|"
    r"[\s\[\]()（）【】:：|/\-—.,，、]"
)
# A date the item shows by itself leaves at most this many characters besides its noise.
_DOMINANT_REST_CHARS = 2

# Dates in article URLs: TRS t20121102_123.html, JCMS /art/2012/11/2/art_…, /2012-11/02/, /201211/.
_URL_DATES = (
    re.compile(r"(?<!\d)t(20\d{2})(\d{2})(\d{2})_\d"),
    re.compile(r"/art/(20\d{2})/(\d{1,2})/(\d{1,2})/"),
    re.compile(r"/(20\d{2})-(\d{1,2})/(\d{1,2})/"),
    re.compile(r"/(20\d{2})(\d{2})(\d{2})/"),
)
_URL_YEAR = re.compile(r"/(20\d{2})(?:\d{2})?/")


def _date(year: int, month: int, day: int) -> dt.date | None:
    if year < EARLIEST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plausible(found: dt.date | None, as_of: dt.date) -> dt.date | None:
    return found if found is not None and found <= as_of else None


def full_dates(text: str) -> list[dt.date]:
    """Every complete date written in a text (year, month and day)."""
    found = (_date(int(y), int(m), int(d)) for y, m, d in _FULL.findall(text))
    return [d for d in found if d is not None]


# List pages repeat the same few date texts hundreds of times.
@functools.lru_cache(maxsize=4096)
def is_date_only(text: str) -> bool:
    """A text that shows a date and nothing else (labels, times, weekdays and brackets aside)."""
    rest = _FULL.sub("", text)
    rest = _COMPACT.sub("", rest)
    rest = _DAY_YEAR_MONTH.sub("", rest)
    rest = _YEAR_MONTH_DAY.sub("", rest)
    rest = _TWO_DIGIT_YEAR.sub("", rest)
    rest = _SHORT.sub("", rest)
    rest = _BRACKETED_SHORT.sub("", rest)
    if rest == text:
        return False
    rest = _DATE_NOISE.sub("", rest)
    # "12-05KB", "11-02 No.3": whatever else is written there is a number or a name, not a label.
    return len(rest) <= _DOMINANT_REST_CHARS and not re.search(r"[0-9A-Za-z%]", rest)


def short_date(year: int, month: int, day: int, as_of: dt.date) -> dt.date | None:
    """A month and day placed in `year`; read in January, "12-30" of this year is last December."""
    found = _date(year, month, day)
    if found is not None and found > as_of and year == as_of.year:
        found = _date(year - 1, month, day)
    return found


@functools.lru_cache(maxsize=4096)
def date_only_text(text: str, year: int, as_of: dt.date) -> dt.date | None:
    """The date of a text that is only a date, in any printed form; None when it is not one."""
    if not is_date_only(text):
        return None
    if _FULL.search(text):
        # A full date too old or impossible is not a short date with a year in front of it.
        found = full_dates(text)
        return _plausible(max(found), as_of) if found else None
    for pattern, order in ((_DAY_YEAR_MONTH, (1, 2, 0)), (_YEAR_MONTH_DAY, (0, 1, 2))):
        split = pattern.search(text)
        if split is not None:
            y, m, d = (int(split.group(i + 1)) for i in order)
            return _plausible(_date(y, m, d), as_of)
    compact = _COMPACT.search(text)
    if compact is not None:
        y, m, d = (int(g) for g in compact.groups())
        return _plausible(_date(y, m, d), as_of)
    two_digit = _TWO_DIGIT_YEAR.search(text)
    if two_digit is not None:
        y, m, d = (int(g) for g in two_digit.groups())
        return _plausible(_date(2000 + y, m, d), as_of)
    short = _BRACKETED_SHORT.search(text) or _SHORT.search(text)
    if short is not None:
        month, day = (int(g) for g in short.groups() if g is not None)
        return _plausible(short_date(year, month, day, as_of), as_of)
    return None


def trailing_date(text: str, year: int, as_of: dt.date) -> dt.date | None:
    """A date closing a longer text ("标题 2012-11-02", "标题[11-02]"): a date inside a title is
    what the item is about, not when it was published, so only the end counts."""
    stripped = text.rstrip(" \t\r\n\u3000)）]】")
    last = None
    for match in _FULL.finditer(stripped):
        last = match
    if last is not None and not stripped[last.end() :].strip(" 日号"):
        y, m, d = (int(g) for g in last.groups())
        return _plausible(_date(y, m, d), as_of)
    short = None
    for match in _BRACKETED_SHORT.finditer(text):
        short = match
    if short is not None and not text[short.end() :].strip():
        month, day = int(short.group(1)), int(short.group(2))
        return _plausible(short_date(year, month, day, as_of), as_of)
    return None


def url_date(url: str) -> dt.date | None:
    """The publication date a CMS writes into an article's URL, when it does."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match is not None:
            y, m, d = (int(g) for g in match.groups())
            found = _date(y, m, d)
            if found is not None:
                return found
    return None


def url_year(url: str) -> int | None:
    """The year in an article's URL (a full date, or a /2012/ or /201211/ folder)."""
    found = url_date(url)
    if found is not None:
        return found.year
    match = _URL_YEAR.search(url)
    return int(match.group(1)) if match is not None else None


def heading_year(page_text: str, as_of: dt.date) -> int | None:
    """The year a page's headings name ('2012年 工作动态'), if any."""
    years = [int(y) for y in _HEADING_YEAR.findall(page_text) if int(y) <= as_of.year]
    return max(years) if years else None


def context_year(page_text: str, as_of: dt.date) -> int:
    """The year that short dates on a page belong to: a '2012年' heading, else the as-of year."""
    return heading_year(page_text, as_of) or as_of.year


def item_date(text: str, year: int, as_of: dt.date) -> dt.date | None:
    """The date of one list item given as one text, or None when it carries none."""
    return date_only_text(text, year, as_of) or trailing_date(text, year, as_of)
