"""What the monitoring pages show: each site's window as a day-by-day strip, and incidents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ceping.campaign.monitor_figures import site_windows, window_end
from ceping.monitor import MIN_VISITS_PER_DAY, VETO_FAILURE_PERCENT, DayFigure, WindowFigure
from ceping.monitor.samples import CHALLENGE_STATUSES, FAILING_STATUS
from ceping.web.models import Campaign, Incident, MonitorSample, Rescan, Site, Unit


@dataclass(frozen=True)
class DayCell:
    """One day of the strip: its class (colour) and the words a reader hovers or hears."""

    day: dt.date
    css: str  # ok | warn | bad | short | none
    text: str


@dataclass(frozen=True)
class SiteRow:
    unit: Unit
    site: Site
    window: WindowFigure
    cells: tuple[DayCell, ...]
    open_incident: Incident | None
    key_pages: tuple[int, int]  # visits and failures of the key pages over the window

    @property
    def percent(self) -> str:
        share = self.window.availability
        return "—" if share is None else f"{share * 100:.2f}%"


def day_cell(day: DayFigure) -> DayCell:
    when = f"{day.day:%m-%d}"
    if day.visits == 0:
        return DayCell(day.day, "none", f"{when}：未监测")
    text = f"{when}：访问 {day.visits} 次，失败 {day.failures} 次"
    if day.visits < MIN_VISITS_PER_DAY:
        return DayCell(day.day, "short", text + f"（不足 {MIN_VISITS_PER_DAY} 次）")
    if day.failures * 100 >= VETO_FAILURE_PERCENT * day.visits:
        return DayCell(day.day, "bad", text)
    return DayCell(day.day, "warn" if day.failures else "ok", text)


def availability_rows(campaign: Campaign, now: dt.datetime | None = None) -> list[SiteRow]:
    """Every monitored site of the campaign, the least available first."""
    end = window_end(campaign, now or timezone.now())
    if end is None:
        return []
    figures = site_windows(campaign, end)
    open_ones = {
        i.site_id: i for i in Incident.objects.filter(campaign=campaign, ended__isnull=True)
    }
    key_pages = key_page_counts(campaign, end, figures)
    sites = Site.objects.filter(pk__in=figures).select_related("unit")
    rows = [
        SiteRow(
            site.unit,
            site,
            figures[site.pk],
            tuple(day_cell(d) for d in figures[site.pk].days),
            open_ones.get(site.pk),
            key_pages.get(site.pk, (0, 0)),
        )
        for site in sites
    ]
    return sorted(rows, key=lambda r: (r.window.availability or 0.0, r.unit.code))


def key_page_counts(
    campaign: Campaign, end: dt.date, figures: dict[int, WindowFigure]
) -> dict[int, tuple[int, int]]:
    """Each site's key-page visits and failed ones over the window, counted by the database
    with the rule of `Sample.is_ok` (no answer, or an error status that is no challenge)."""
    if not figures:
        return {}
    window = next(iter(figures.values()))
    since = dt.datetime.combine(window.start, dt.time(), tzinfo=timezone.get_current_timezone())
    until = dt.datetime.combine(
        end + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone()
    )
    failed = Q(status__isnull=True) | Q(status__gte=FAILING_STATUS) & ~Q(
        status__in=CHALLENGE_STATUSES
    )
    rows = (
        MonitorSample.objects.filter(campaign=campaign, at__gte=since, at__lt=until)
        .exclude(page="")
        .values("site_id")
        .annotate(visits=Count("id"), failures=Count("id", filter=failed))
        .values_list("site_id", "visits", "failures")
    )
    return {site_id: (visits, failures) for site_id, visits, failures in rows}


def incidents(campaign: Campaign, unit: Unit | None = None) -> QuerySet[Incident]:
    """A campaign's incidents, newest first; a unit's only when given."""
    found = Incident.objects.filter(campaign=campaign).select_related("site__unit")
    return found.filter(site__unit=unit) if unit is not None else found


def unit_incidents(unit: Unit) -> QuerySet[Incident]:
    """Every incident of a unit's sites, in every campaign (the unit's own page)."""
    return Incident.objects.filter(site__unit=unit).select_related("campaign", "site")


def latest_rescans(campaign: Campaign) -> list[Rescan]:
    """Each site's newest re-scan, the sites with most new findings first."""
    newest: dict[int, Rescan] = {}
    rows = (
        Rescan.objects.filter(campaign=campaign)
        .select_related("site__unit")
        .only(
            "finished",
            "new_count",
            "fixed_count",
            "still_open",
            "site__url",
            "site__unit__code",
            "site__unit__short_name",
        )
        .order_by("finished")
    )
    for rescan in rows:
        newest[rescan.site_id] = rescan
    return sorted(newest.values(), key=lambda r: (-r.new_count, r.site.url))
