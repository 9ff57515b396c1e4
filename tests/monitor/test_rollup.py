"""Retention cut-off on whole local days, and the size a year of monitoring takes."""

from __future__ import annotations

import datetime as dt

from ceping.monitor import retention_cutoff, store_size
from tests.monitor.samples import TZ


def test_the_cutoff_is_a_local_midnight_retention_days_back() -> None:
    now = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai
    assert retention_cutoff(now, 35, TZ) == dt.datetime(2026, 11, 2, tzinfo=TZ)


def test_a_year_keeps_the_retention_periods_samples_and_a_row_per_site_and_day() -> None:
    size = store_size(14_000, 1, 1800, 35, sample_bytes=50, day_bytes=40)
    assert size.samples == 14_000 * 48 * 35
    assert size.days == 14_000 * 365
    assert size.bytes == 14_000 * 48 * 35 * 50 + 14_000 * 365 * 40
