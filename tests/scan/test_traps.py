"""Trap shapes: calendars, growing paths and queries."""

from __future__ import annotations

import datetime as dt

import pytest

from ceping.scan import policy
from ceping.scan.traps import TrapLog, classify

AS_OF = dt.date(2026, 6, 30)


def test_shapes() -> None:
    assert classify("http://a/x/y.html", AS_OF) is None
    assert classify("http://a/art/2026/06/art_1.html", AS_OF) is None
    grown = classify("http://a/a/b/a/b/a/b/", AS_OF)
    assert grown is not None and grown.reason == "path_growth"
    query = classify("http://a/x?p=1&p=2", AS_OF)
    assert query is not None and query.reason == "query_growth"
    future = classify("http://a/cal?y=2031&m=1", AS_OF)
    assert future is not None and future.reason == "calendar"


def test_calendar_pattern_is_bounded() -> None:
    log = TrapLog(AS_OF)
    admitted = [
        log.admit(f"http://a/cal?y={2026 - m // 12}&m={m % 12 + 1}", "http://a/")
        for m in range(100)
    ]
    assert sum(admitted) == policy.CALENDAR_PATTERN_MAX_PAGES
    assert [k[0] for k in log.skipped] == ["calendar"]
    # Articles filed by date are each their own pattern.
    assert all(log.admit(f"http://a/art/2026/06/art_{n}.html", "http://a/") for n in range(100))


@pytest.mark.parametrize(
    "url",
    [
        "http://a/p/{n}",
        "http://a/content/{n}.html",
        "http://a/art/art_{n}.html",
        "http://a/show?id={n}",
        "http://a/list/{n}/index.html",
    ],
)
def test_numbered_pages_are_no_calendar(url: str) -> None:
    # Ids from 1000 to 2999 include every number that looks like a year, future ones too.
    log = TrapLog(AS_OF)
    admitted = [log.admit(url.format(n=n), "http://a/") for n in range(1000, 3000)]
    assert all(admitted) and log.skipped == {}
    assert classify(url.format(n=2099), AS_OF) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://a/cal?y=2031&m=1",
        "http://a/cal?year=2031",
        "http://a/events?date=20310115",
        "http://a/events?date=2031-01-15",
        "http://a/list?x=2031&m=3",
        "http://a/calendar/2031/",
        "http://a/rili/2031/05/",
        "http://a/news/2031-05/",
        "http://a/news/2031年5月/",
    ],
)
def test_dates_in_any_form_are_a_calendar_far_ahead(url: str) -> None:
    verdict = classify(url, AS_OF)
    assert verdict is not None and verdict.reason == "calendar"
