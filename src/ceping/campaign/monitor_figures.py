"""Monitoring figures of a campaign: each site's window (day by day), the measures and the veto
finding scoring reads, and the roll-up of old samples into day figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ceping.monitor import (
    RETENTION_DAYS,
    DayFigure,
    Sample,
    WindowFigure,
    day_figures,
    retention_cutoff,
    window_days,
    window_figure,
)
from ceping.web.models import Campaign, MonitorDay, MonitorPlan, MonitorSample, Site

# The measures monitoring gives a framework's machine rules (framework.loader.MEASURES).
AVAILABILITY = "availability_rate"
MEDIAN_MS = "monitor_median_ms"
P90_MS = "monitor_p90_ms"


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def window_end(campaign: Campaign, now: dt.datetime) -> dt.date | None:
    """The plan's last day, else the last whole day monitored: yesterday while monitoring runs,
    the last day with samples once it has stopped, today on the first day. None before any
    sample."""
    plan = MonitorPlan.objects.filter(campaign=campaign).first()
    if plan is not None and plan.window_end is not None:
        return plan.window_end
    tz = timezone.get_current_timezone()
    samples = MonitorSample.objects.filter(campaign=campaign)
    first, last = samples.order_by("at").first(), samples.order_by("-at").first()
    rolled = MonitorDay.objects.filter(campaign=campaign).order_by("-day").first()
    if first is None or last is None:
        return rolled.day if rolled is not None else None
    yesterday = now.astimezone(tz).date() - dt.timedelta(days=1)
    if rolled is None and first.at.astimezone(tz).date() > yesterday:
        return last.at.astimezone(tz).date()  # no whole day yet: today's figure, short
    return min(last.at.astimezone(tz).date(), yesterday)


def site_windows(
    campaign: Campaign, end: dt.date, days: int | None = None
) -> dict[int, WindowFigure]:
    """Each monitored site's window ending on `end` (the plan's length unless given), by site
    id. Read site by site, so a national campaign never holds its week of samples at once."""
    plan = MonitorPlan.objects.filter(campaign=campaign).first()
    start, end = window_days(end, days or (plan.window_days if plan else 7))
    stored: dict[int, dict[dt.date, DayFigure]] = {}
    for row in MonitorDay.objects.filter(campaign=campaign, day__range=(start, end)):
        stored.setdefault(row.site_id, {})[row.day] = DayFigure(
            row.day, row.visits, row.failures, row.median_ms, row.p90_ms
        )
    tz = timezone.get_current_timezone()
    figures: dict[int, WindowFigure] = {}
    in_window = MonitorSample.objects.filter(
        campaign=campaign,
        at__gte=_local_midnight(start),
        at__lt=_local_midnight(end + dt.timedelta(days=1)),
    )
    for site_id, samples in _home_samples(in_window):
        kept = list(samples)
        figures[site_id] = window_figure(
            start, end, {**stored.get(site_id, {}), **day_figures(kept, tz)}, kept
        )
    for site_id, rolled in stored.items():
        if site_id not in figures:
            figures[site_id] = window_figure(start, end, rolled, ())
    return figures


def _home_samples(samples: QuerySet[MonitorSample]) -> Iterator[tuple[int, Iterator[Sample]]]:
    """The home-page samples among these, site by site, streamed from the database (the site
    and page of each are not needed: every one is a home-page visit of that site)."""
    rows = (
        samples.filter(page="")
        .order_by("site_id", "at")
        .values_list("site_id", "at", "status", "error", "ttfb_ms")
        .iterator(chunk_size=5000)
    )
    for site_id, group in groupby(rows, key=lambda r: r[0]):
        yield (
            site_id,
            (
                Sample("", "", at, status, error or None, ttfb)
                for _, at, status, error, ttfb in group
            ),
        )


def monitor_measures(campaign: Campaign, now: dt.datetime) -> dict[str, dict[str, Any]]:
    """What monitoring adds to each unit's primary site for scoring: its `measurements` and,
    for a site whose failed visits reached the veto line, an `unreachable` finding.

    Only a complete window (every day visited as often as the rule asks) gives anything: a
    figure the rule does not support would be a wrong measurement."""
    end = window_end(campaign, now)
    if end is None:
        return {}
    figures = site_windows(campaign, end)
    primary = Site.objects.filter(pk__in=figures, is_primary=True).values_list(
        "id", "url", "unit__code"
    )
    added: dict[str, dict[str, Any]] = {}
    for site_id, url, code in primary:
        figure = figures[site_id]
        if not figure.is_complete or figure.availability is None:
            continue
        measurements: dict[str, float] = {AVAILABILITY: round(figure.availability, 6)}
        if figure.median_ms is not None and figure.p90_ms is not None:
            measurements[MEDIAN_MS] = float(figure.median_ms)
            measurements[P90_MS] = float(figure.p90_ms)
        findings = []
        if figure.is_vetoed:
            findings.append(
                {
                    "kind": "unreachable",
                    "page": url,
                    "url": url,
                    "window": f"{figure.start.isoformat()} 至 {figure.end.isoformat()}",
                    "visits": figure.visits,
                    "failures": figure.failures,
                }
            )
        added[code] = {"measurements": measurements, "findings": findings}
    return added


def merge_monitoring(campaign: Campaign, scans: dict[str, dict[str, Any]]) -> None:
    """Add monitoring's measures and veto findings to the units' scan entries (scoring inputs);
    a unit never scanned gets none (scoring judges it from its missing scan)."""
    for code, added in monitor_measures(campaign, timezone.now()).items():
        site = scans.get(code)
        if site is None:
            continue
        site["measurements"] = {**site.get("measurements", {}), **added["measurements"]}
        site["findings"] = [*site.get("findings", []), *added["findings"]]


def roll_up(campaign: Campaign, now: dt.datetime, retention_days: int = RETENTION_DAYS) -> int:
    """Turn samples older than the retention period into day figures; the samples removed."""
    tz = timezone.get_current_timezone()
    old = MonitorSample.objects.filter(
        campaign=campaign, at__lt=retention_cutoff(now, retention_days, tz)
    )
    if not old.exists():
        return 0
    with transaction.atomic():
        for site_id, samples in _home_samples(old):
            _store_days(campaign, site_id, day_figures(samples, tz).values())
        return int(old.delete()[0])


def _store_days(campaign: Campaign, site_id: int, days: Iterable[DayFigure]) -> None:
    """Write day figures; a day already rolled up (a visit stored late, after its day's roll-up)
    gets the late visits added to its counts, its percentiles left as the day's bulk made them."""
    for day in days:
        row = MonitorDay.objects.filter(campaign=campaign, site_id=site_id, day=day.day).first()
        if row is None:
            MonitorDay.objects.create(
                campaign=campaign,
                site_id=site_id,
                day=day.day,
                visits=day.visits,
                failures=day.failures,
                median_ms=day.median_ms,
                p90_ms=day.p90_ms,
            )
        else:
            row.visits += day.visits
            row.failures += day.failures
            row.save(update_fields=["visits", "failures"])
