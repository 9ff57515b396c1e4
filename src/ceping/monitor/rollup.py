"""Retention: samples older than the period become one figure per site and day.

`store_size` says what a year of monitoring costs a database, from the bytes a stored sample
and a stored day take (measured by bench/monitor.py on the database in use).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


def retention_cutoff(now: dt.datetime, retention_days: int, tz: ZoneInfo) -> dt.datetime:
    """Samples before this instant are rolled up: whole local days only, so a day's figure is
    made once, from all of its samples."""
    day = now.astimezone(tz).date() - dt.timedelta(days=retention_days)
    return dt.datetime.combine(day, dt.time(), tzinfo=tz)


@dataclass(frozen=True, slots=True)
class StoreSize:
    samples: int  # rows of samples kept at any time (the retention period's)
    days: int  # rows of day figures after a year
    bytes: int

    @property
    def gib(self) -> float:
        return self.bytes / 2**30


def store_size(
    sites: int,
    pages_per_site: int,
    interval_s: int,
    retention_days: int,
    sample_bytes: float,
    day_bytes: float,
    years: int = 1,
) -> StoreSize:
    """What `years` of monitoring keeps: the retention period's samples plus a day row per site
    and day. Without the roll-up the samples alone would be `365 / retention_days` times more."""
    per_day = 86400 // interval_s * pages_per_site
    samples = sites * per_day * retention_days
    days = sites * 365 * years
    return StoreSize(samples, days, round(samples * sample_bytes + days * day_bytes))
