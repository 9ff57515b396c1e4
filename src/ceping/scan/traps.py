"""Crawler traps: calendars, session-id variants, endlessly growing paths and query strings."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from ceping.scan import policy

_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")


@dataclass(frozen=True)
class TrapVerdict:
    reason: str  # calendar | path_growth | query_growth | url_length
    pattern: str


def _calendar_pattern(url: str) -> str | None:
    """The URL with its date parts masked, when it has a year in a path segment or query value."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    dated = any(_YEAR.fullmatch(s) for s in segments) or any(_YEAR.search(v) for _, v in pairs)
    if not dated:
        return None
    # Only all-digit segments and values are masked, so /art/2012/11/art_123.html stays unique.
    path = "/".join("#" if s.isdigit() else s for s in segments)
    query = "&".join(f"{k}=#" if re.fullmatch(r"[\d\-/.]+", v) else f"{k}={v}" for k, v in pairs)
    return f"{parts.netloc}{path}?{query}"


def _years(url: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(url)]


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
    years = _years(parts.path + "?" + parts.query)
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
