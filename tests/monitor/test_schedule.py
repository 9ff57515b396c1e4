"""Rounds every interval with jitter, replayable from a seeded random source."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from ceping.monitor import MIN_VISITS_PER_DAY, parse_interval, round_starts
from tests.monitor.samples import MONDAY


def test_rounds_are_jittered_within_bounds_and_in_order() -> None:
    starts = list(itertools.islice(round_starts(MONDAY, 1800, 0.1, random.Random(7)), 48 * 7))
    assert starts[0] == MONDAY
    offsets = [(s - MONDAY).total_seconds() - k * 1800 for k, s in enumerate(starts)]
    assert all(-180 <= o <= 180 for o in offsets)
    assert len({round(o) for o in offsets}) > 150  # really jittered, not a fixed shift
    assert starts == sorted(starts)
    per_day = {d: sum(1 for s in starts if s.date() == d) for d in {s.date() for s in starts}}
    assert min(per_day.values()) >= MIN_VISITS_PER_DAY


def test_the_same_seed_gives_the_same_rounds_and_no_jitter_gives_exact_ones() -> None:
    a = list(itertools.islice(round_starts(MONDAY, 60, 0.1, random.Random(1)), 5))
    b = list(itertools.islice(round_starts(MONDAY, 60, 0.1, random.Random(1)), 5))
    assert a == b
    exact = list(itertools.islice(round_starts(MONDAY, 60, 0.0, random.Random(1)), 3))
    assert exact == [MONDAY + dt.timedelta(seconds=60 * k) for k in range(3)]


def test_intervals_read_as_people_write_them() -> None:
    assert [parse_interval(t) for t in ("30m", "1h", "45s", "2d", "90")] == [
        1800, 3600, 45, 172800, 90,
    ]  # fmt: skip
    for bad in ("", "m", "0m", "-5m", "1.5h", "半小时"):
        with pytest.raises(ValueError, match="不是时间间隔"):
            parse_interval(bad)
