"""Samples on a simulated clock: a week of visits in microseconds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from ceping.monitor import Sample

TZ = ZoneInfo("Asia/Shanghai")
SITE = "http://127.0.0.1:8001/"
MONDAY = dt.datetime(2026, 11, 30, tzinfo=TZ)  # a week's first day, at local midnight


def visits(
    days: int, per_day: int, failing: set[int], start: dt.datetime = MONDAY, ttfb_ms: int = 80
) -> Iterator[Sample]:
    """`per_day` home-page visits a day, evenly spread; those whose index is in `failing` fail."""
    step = dt.timedelta(seconds=86400 / per_day)
    for i in range(days * per_day):
        at = start + dt.timedelta(days=i // per_day) + step * (i % per_day)
        if i in failing:
            yield Sample(SITE, SITE, at, None, "connection refused", None)
        else:
            yield Sample(SITE, SITE, at, 200, None, ttfb_ms + i % 10)
