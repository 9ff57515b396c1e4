"""Monitoring use cases: plan a campaign's monitoring, run a probe round, store every sample and
decide incidents. The embedded loop (monitor_loop) and the Celery tasks call the same functions.

A round is keyed by its planned start (`round_at`): a sample already stored for a round is not
stored again, so a task delivered twice (a worker killed mid-round) adds nothing and loses
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urljoin

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from ceping.campaign.monitor_alerts import send_pending_alerts
from ceping.errors import CepingError
from ceping.monitor import (
    Clock,
    Event,
    EventKind,
    ProbeSettings,
    Sample,
    SiteState,
    Target,
    observe,
    probe_round,
)
from ceping.scan import loop
from ceping.web.models import (
    AlertKind,
    Campaign,
    Incident,
    IncidentAlert,
    MonitorPlan,
    MonitorSample,
    Site,
    SiteWatch,
)


def plan_of(campaign: Campaign) -> MonitorPlan:
    plan, _ = MonitorPlan.objects.get_or_create(campaign=campaign)
    return plan


def set_plan(
    campaign: Campaign,
    *,
    interval_s: int | None = None,
    pages: Sequence[str] | None = None,
    emails: Sequence[str] | None = None,
    webhook: str | None = None,
    allow_private: bool | None = None,
    rescan_interval_s: int | None = None,
) -> MonitorPlan:
    """Change what the command line or the organizer gave; what is not given stays. Recipients
    and the webhook are checked first, so a typo never silences an alert."""
    for email in emails or ():
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CepingError(f"不是电子邮箱地址：{email}") from exc
    if webhook and not webhook.lower().startswith(("http://", "https://")):
        raise CepingError(f"告警回调地址须以 http:// 或 https:// 开头：{webhook}")
    plan = plan_of(campaign)
    if interval_s is not None:
        plan.interval_s = interval_s
    if pages is not None:
        plan.pages = list(pages)
    if emails is not None:
        plan.emails = list(emails)
    if webhook is not None:
        plan.webhook = webhook
    if allow_private is not None:
        plan.allow_private = allow_private
    if rescan_interval_s is not None:
        plan.rescan_interval_s = rescan_interval_s
    plan.save()
    return plan


def monitored_sites(campaign: Campaign) -> dict[str, int]:
    """Every site of the campaign's units: address -> id."""
    sites = Site.objects.filter(unit__campaigns=campaign).order_by("url")
    return dict(sites.values_list("url", "id"))


def targets_of(sites: Iterable[str], pages: Sequence[str]) -> list[Target]:
    """Each site's home page, then its key pages (given relative to the site)."""
    targets = []
    for site in sites:
        targets.append(Target(site, site))
        targets.extend(Target(site, urljoin(site, page)) for page in pages)
    return targets


def probe_sites(
    campaign: Campaign,
    round_at: dt.datetime,
    sites: Mapping[str, int],
    settings: ProbeSettings,
    clock: Clock,
) -> int:
    """Visit these sites' targets once and store what came back; the samples newly stored."""
    plan = plan_of(campaign)
    samples: list[Sample] = []  # one per target: the round's size, not the campaign's history
    loop.run(probe_round(targets_of(sites, plan.pages), settings, clock, samples.append))
    stored = record_samples(campaign, round_at, samples, sites)
    send_pending_alerts(campaign)
    return stored


def record_samples(
    campaign: Campaign, round_at: dt.datetime, samples: Sequence[Sample], sites: Mapping[str, int]
) -> int:
    """Store a round's samples (all of it, or one site's) and the incidents they decide, in one
    transaction; alerts are queued with them and sent after the commit."""
    plan = plan_of(campaign)
    with transaction.atomic():
        stored = set(
            MonitorSample.objects.filter(
                campaign=campaign, round_at=round_at, site_id__in=[sites[s.site] for s in samples]
            ).values_list("site_id", "page")
        )
        new = [s for s in samples if (sites[s.site], _page_key(s)[:500]) not in stored]
        MonitorSample.objects.bulk_create(
            [
                MonitorSample(
                    campaign=campaign,
                    site_id=sites[s.site],
                    page=_page_key(s)[:500],
                    round_at=round_at,
                    at=s.at,
                    status=s.status,
                    error=(s.error or "")[:200],
                    ttfb_ms=s.ttfb_ms,
                )
                for s in new
            ],
            batch_size=2000,
        )
        homes = [s for s in new if s.is_home]
        _decide_incidents(campaign, plan.down_after, round_at, homes, sites)
    return len(new)


def _page_key(sample: Sample) -> str:
    return "" if sample.is_home else sample.page


def _decide_incidents(
    campaign: Campaign,
    down_after: int,
    round_at: dt.datetime,
    homes: Sequence[Sample],
    sites: Mapping[str, int],
) -> None:
    watches = _watches(campaign, {sites[s.site] for s in homes})
    changed: dict[int, SiteWatch] = {}
    for sample in sorted(homes, key=lambda s: s.at):
        watch = watches[sites[sample.site]]
        if watch.last_round is not None and round_at < watch.last_round:
            continue  # a late visit: stored, not decisive
        before = SiteState(watch.failures_in_row, watch.first_failure_at, watch.down_since)
        state, event = observe(before, sample.is_ok, sample.at, down_after)
        if state == before:
            continue  # a healthy site answering again (most of a round): only its round moves
        watch.failures_in_row = state.failures_in_row
        watch.first_failure_at = state.first_failure_at
        watch.down_since = state.down_since
        watch.last_round = round_at
        changed[watch.site_id] = watch
        if event is not None and event.kind is EventKind.DOWN:
            _open_incident(campaign, watch.site_id, event, sample)
        elif event is not None:
            _close_incidents(campaign, watch.site_id, event)
    # What changed row by row, in batches (one UPDATE of 14,000 rows, a CASE per row, took
    # minutes on PostgreSQL in bench/monitor.py); the round of the others in one statement.
    SiteWatch.objects.bulk_update(
        changed.values(),
        ["failures_in_row", "first_failure_at", "down_since", "last_round"],
        batch_size=500,
    )
    SiteWatch.objects.filter(campaign=campaign, site_id__in=watches.keys() - changed.keys()).filter(
        Q(last_round__isnull=True) | Q(last_round__lt=round_at)
    ).update(last_round=round_at)


def _watches(campaign: Campaign, ids: set[int]) -> dict[int, SiteWatch]:
    """The incident state of these sites, created for those seen for the first time."""
    found = {w.site_id: w for w in SiteWatch.objects.filter(campaign=campaign, site_id__in=ids)}
    SiteWatch.objects.bulk_create(
        [SiteWatch(campaign=campaign, site_id=i) for i in ids - found.keys()],
        ignore_conflicts=True,  # another worker may have just created one
        batch_size=2000,
    )
    if ids - found.keys():
        found = {w.site_id: w for w in SiteWatch.objects.filter(campaign=campaign, site_id__in=ids)}
    return found


def _open_incident(campaign: Campaign, site_id: int, event: Event, sample: Sample) -> None:
    """The incident, dated from its first failed visit, and its one alert that it began."""
    incident = Incident.objects.create(
        campaign=campaign,
        site_id=site_id,
        started=event.since,
        failures=event.failures,
        status=sample.status,
        error=(sample.error or "")[:200],
    )
    IncidentAlert.objects.create(incident=incident, kind=AlertKind.DOWN, created=event.at)


def _close_incidents(campaign: Campaign, site_id: int, event: Event) -> None:
    """The site answers again: its open incident ends, with its one alert that it ended."""
    for incident in Incident.objects.filter(campaign=campaign, site_id=site_id, ended__isnull=True):
        incident.ended, incident.failures = event.at, event.failures
        incident.save(update_fields=["ended", "failures"])
        IncidentAlert.objects.create(incident=incident, kind=AlertKind.UP, created=event.at)
