"""Crawler traps: calendars, session-id variants, endlessly growing paths and query strings."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from ceping.scan import policy

_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
# A number is a year only where a date is: a year followed by its month (/2031/01/, 2031-01,
# 2031年), under a calendar's folder (/calendar/2031/), or a query value under a date's name
# (?y=2031, ?date=20310115) or beside a month (?x=2031&m=1). A bare number is an id: /p/1924,
# art_2099.html, ?id=2050 are articles, not calendars (they were taken for ones: 176 of 2,000
# numbered pages were skipped).
_MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
_DATED = re.compile(rf"(?<!\d)(19\d{{2}}|20\d{{2}})(?:[-./]{_MONTH}|年)")
_MONTH_SEGMENT = re.compile(_MONTH)
_DATE_KEY = re.compile(r"(?i)^(?:y|yy|yyyy|yr|m|mm|d|dd|nian|yue|month|mon)$|year|date|day|cal")
_MONTH_KEY = re.compile(r"(?i)^(?:m|mm|mon|month|yue)$")
_CALENDAR_FOLDER = re.compile(r"(?i)cal|date|year|rili|riqi|日历|日期")


@dataclass(frozen=True)
class TrapVerdict:
    reason: str  # calendar | path_growth | query_growth | url_length
    pattern: str


def _date_years(url: str) -> list[int]:
    """The years of `url` that stand where a date stands (see _DATED), not ids that look alike."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    found = [int(m.group(1)) for s in segments for m in _DATED.finditer(s)]
    found += [
        int(s)
        for s, after in itertools.pairwise(segments)
        if _YEAR.fullmatch(s) and _MONTH_SEGMENT.fullmatch(after)
    ]
    found += [
        int(s)
        for before, s in itertools.pairwise(segments)
        if _YEAR.fullmatch(s) and _CALENDAR_FOLDER.search(before)
    ]
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    has_month = any(_MONTH_KEY.fullmatch(k) and _MONTH_SEGMENT.fullmatch(v) for k, v in pairs)
    for key, value in pairs:
        if _DATE_KEY.search(key) or has_month:
            found += [int(m.group(1)) for m in re.finditer(r"(?<!\d)(19\d{2}|20\d{2})", value)]
        else:
            found += [int(m.group(1)) for m in _DATED.finditer(value)]
    return found


def _calendar_pattern(url: str) -> str | None:
    """The URL with its date parts masked, when a year stands in it as a date."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not _date_years(url):
        return None
    # Only all-digit segments and values are masked, so /art/2012/11/art_123.html stays unique.
    path = "/".join("#" if s.isdigit() else s for s in segments)
    query = "&".join(f"{k}=#" if re.fullmatch(r"[\d\-/.]+", v) else f"{k}={v}" for k, v in pairs)
    return f"{parts.netloc}{path}?{query}"


def classify(url: str, as_of: dt.date) -> TrapVerdict | None:
    """Why a URL looks like a trap by its shape alone, or None."""
    parts = urlsplit(url)
    if len(url) > policy.MAX_URL_CHARS:
        return TrapVerdict("url_length", parts.path)
    if len(parts.query) > policy.MAX_QUERY_CHARS:
        return TrapVerdict("query_growth", parts.path)
    keys = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    if len(keys) != len(set(keys)):
        return TrapVerdict("query_growth", parts.path)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > policy.MAX_PATH_SEGMENTS:
        return TrapVerdict("path_growth", "/".join(segments[:3]))
    counts = Counter(segments)
    if counts and counts.most_common(1)[0][1] >= policy.MAX_SEGMENT_REPEATS:
        return TrapVerdict("path_growth", "/".join(segments[:3]))
    years = _date_years(url)
    if years and any(
        abs(y - as_of.year) > policy.CALENDAR_YEARS_AROUND and y > as_of.year for y in years
    ):
        pattern = _calendar_pattern(url) or parts.path
        return TrapVerdict("calendar", pattern)
    return None


@dataclass
class TrapLog:
    """Counts what was kept out of the crawl, so the report can say so."""

    as_of: dt.date
    per_pattern: Counter[str] = field(default_factory=Counter)
    skipped: dict[tuple[str, str], tuple[int, str, str]] = field(default_factory=dict)

    def admit(self, url: str, page: str) -> bool:
        """Whether the crawl may fetch `url`; records the skip when it may not."""
        verdict = classify(url, self.as_of)
        if verdict is None:
            pattern = _calendar_pattern(url)
            if pattern is None:
                return True
            self.per_pattern[pattern] += 1
            if self.per_pattern[pattern] <= policy.CALENDAR_PATTERN_MAX_PAGES:
                return True
            verdict = TrapVerdict("calendar", pattern)
        self.record(verdict, url, page)
        return False

    def record(self, verdict: TrapVerdict, url: str, page: str) -> None:
        key = (verdict.reason, verdict.pattern)
        count, first_url, first_page = self.skipped.get(key, (0, url, page))
        first_url, first_page = min((first_url, first_page), (url, page))
        self.skipped[key] = (count + 1, first_url, first_page)
