"""When probe rounds start: every interval, each start moved by a random jitter.

The embedded loop (`campaign.monitoring.run_monitor`) and Celery beat both read this; the
random source is passed in, so a test can replay a week of rounds exactly.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator


def round_starts(
    first: dt.datetime, interval_s: float, jitter_fraction: float, rng: random.Random
) -> Iterator[dt.datetime]:
    """The start of each round, in order: the k-th near `first + k × interval`, at most
    `jitter_fraction × interval` early or late, and never before the one before it."""
    if interval_s <= 0:
        raise ValueError("interval_s must be positive")
    jitter_s = interval_s * min(max(jitter_fraction, 0.0), 0.49)
    previous = first
    k = 0
    while True:
        at = first + dt.timedelta(seconds=k * interval_s + rng.uniform(-jitter_s, jitter_s))
        at = max(at, previous) if k else first
        previous = at
        yield at
        k += 1


def next_round(
    planned: dt.datetime,
    now: dt.datetime,
    interval_s: float,
    jitter_fraction: float,
    rng: random.Random,
) -> dt.datetime:
    """The round after one planned at `planned` (Celery beat keeps one per campaign): an interval
    later, jittered, and rounds missed while nothing ran are skipped rather than run in a burst.
    The jitter is symmetric, so the rounds of a day average the interval."""
    jitter_s = interval_s * min(max(jitter_fraction, 0.0), 0.49)
    base = planned + dt.timedelta(seconds=interval_s)
    if base < now:
        missed = (now - base).total_seconds() // interval_s + 1
        base += dt.timedelta(seconds=missed * interval_s)
    return base + dt.timedelta(seconds=rng.uniform(-jitter_s, jitter_s))


def parse_interval(text: str) -> int:
    """An interval as people write it: `30m`, `1h`, `45s`, `2d` or plain seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    factor = units.get(text[-1:], 0)
    number = text[:-1] if factor else text
    if not number.isdigit() or int(number) == 0:
        raise ValueError(f"不是时间间隔（应写作 30m、1h、45s 或秒数）：{text}")
    return int(number) * (factor or 1)
