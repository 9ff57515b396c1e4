"""Availability of a site per day and over a window, from its home-page visits.

Only the home page counts, as in the rule; a key page that fails is the site's defect, not its
unavailability. Time to first byte is read from the visits the page itself answered: a refused
connection answers fast and would make a failing site look quick, and an anti-bot gateway's
challenge is the gateway's time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ceping.monitor.rules import MIN_VISITS_PER_DAY, VETO_FAILURE_PERCENT
from ceping.monitor.samples import Sample


def percentile(values: Sequence[int], p: int) -> int | None:
    """The nearest-rank percentile (a value that was measured, never an interpolation)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True, slots=True)
class DayFigure:
    """One site's visits of one day (local time): how many, how many failed, how fast."""

    day: dt.date
    visits: int
    failures: int
    median_ms: int | None = None
    p90_ms: int | None = None

    @property
    def availability(self) -> float | None:
        return (self.visits - self.failures) / self.visits if self.visits else None


def day_figures(samples: Iterable[Sample], tz: ZoneInfo) -> dict[dt.date, DayFigure]:
    """Each day's figure from one site's samples (home-page visits only, any order)."""
    visits: dict[dt.date, list[Sample]] = {}
    for sample in samples:
        if sample.is_home:
            visits.setdefault(sample.at.astimezone(tz).date(), []).append(sample)
    return {day: _day(day, items) for day, items in sorted(visits.items())}


def _day(day: dt.date, samples: list[Sample]) -> DayFigure:
    times = _ok_times(samples)
    return DayFigure(
        day,
        visits=len(samples),
        failures=sum(1 for s in samples if not s.is_ok),
        median_ms=percentile(times, 50),
        p90_ms=percentile(times, 90),
    )


def _ok_times(samples: Iterable[Sample]) -> list[int]:
    return [s.ttfb_ms for s in samples if s.is_page and s.ttfb_ms is not None]


@dataclass(frozen=True, slots=True)
class WindowFigure:
    """A site's availability over the window (the rule's week), day by day and in total."""

    start: dt.date
    end: dt.date  # inclusive
    days: tuple[DayFigure, ...]  # one per day of the window; a day without visits has 0
    median_ms: int | None
    p90_ms: int | None

    @property
    def visits(self) -> int:
        return sum(d.visits for d in self.days)

    @property
    def failures(self) -> int:
        return sum(d.failures for d in self.days)

    @property
    def availability(self) -> float | None:
        return (self.visits - self.failures) / self.visits if self.visits else None

    @property
    def short_days(self) -> tuple[dt.date, ...]:
        """Days visited fewer times than the rule asks (the monitor was not running)."""
        return tuple(d.day for d in self.days if d.visits < MIN_VISITS_PER_DAY)

    @property
    def is_complete(self) -> bool:
        """Whether every day met the rule's visits: only then does the figure judge a site."""
        return not self.short_days

    @property
    def is_vetoed(self) -> bool:
        """5 % or more of the window's visits failed, on a complete window. Counts are compared,
        so exactly 5 % vetoes whatever floating point would make of 7 / 140."""
        return self.is_complete and self.failures * 100 >= VETO_FAILURE_PERCENT * self.visits


def window_days(end: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a window of `days` days ending on `end`."""
    return end - dt.timedelta(days=days - 1), end


def window_figure(
    start: dt.date,
    end: dt.date,
    days: Mapping[dt.date, DayFigure],
    samples: Iterable[Sample],
) -> WindowFigure:
    """The window from stored day figures (rolled-up days included) and the samples still kept,
    which alone give the window's median and 90th percentile."""
    span = (end - start).days + 1
    every = tuple(
        days.get(day, DayFigure(day, 0, 0))
        for day in (start + dt.timedelta(days=i) for i in range(span))
    )
    times = _ok_times(s for s in samples if s.is_home)
    return WindowFigure(start, end, every, percentile(times, 50), percentile(times, 90))
