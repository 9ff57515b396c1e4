"""Trap shapes: calendars, growing paths and queries."""

from __future__ import annotations

import datetime as dt

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
