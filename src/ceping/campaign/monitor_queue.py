"""Monitoring on the workers: Celery beat starts due rounds, one task per site and round.

The task carries the round's planned start, the key its samples are stored under: a task
delivered again after its worker died visits the site again but stores nothing twice, and the
round still gets its sample.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from ceping.campaign.monitor_alerts import send_rescan_alerts
from ceping.campaign.monitor_figures import roll_up
from ceping.campaign.monitor_rescans import rescan_config, rescan_due, rescan_site
from ceping.campaign.monitoring import plan_of, probe_sites
from ceping.campaign.queue import MONITOR_SITE, RESCAN_SITE, app
from ceping.monitor import JITTER_FRACTION, ProbeSettings, next_round
from ceping.web.models import Campaign, MonitorPlan, Site


def schedule_rounds(campaign: Campaign, enabled: bool = True) -> None:
    """Hand the campaign's rounds to beat (the first one now), or take them back."""
    plan = plan_of(campaign)
    plan.next_round = timezone.now() if enabled else None
    plan.save(update_fields=["next_round"])


def start_due_rounds(now: dt.datetime | None = None, rng: random.Random | None = None) -> int:
    """Send the tasks of every round that is due; how many tasks were sent.

    The tasks go out before the plan moves on: a worker killed in between leaves the round due,
    and its re-run sends the tasks again, which store nothing twice (the round's key). Sending
    late never loses a round; moving first could."""
    now = now or timezone.now()
    rng = rng or random.Random()
    sent = 0
    for plan in MonitorPlan.objects.filter(next_round__lte=now):
        planned = plan.next_round
        assert planned is not None
        sites = Site.objects.filter(unit__campaigns=plan.campaign_id).values_list("id", flat=True)
        for site_id in sites:
            app.send_task(MONITOR_SITE, args=(plan.campaign_id, site_id, planned.isoformat()))
            sent += 1
        following = next_round(planned, now, plan.interval_s, JITTER_FRACTION, rng)
        MonitorPlan.objects.filter(pk=plan.pk, next_round=planned).update(next_round=following)
        if rescan_due(plan.campaign, now):
            for site_id in sites:
                app.send_task(RESCAN_SITE, args=(plan.campaign_id, site_id))
                sent += 1
    return sent


def probe_one_site(campaign_id: int, site_id: int, round_at: str) -> int:
    """One site's visits of one round (the task's body); the samples newly stored."""
    campaign = Campaign.objects.get(pk=campaign_id)
    site = Site.objects.get(pk=site_id)
    settings = ProbeSettings(allow_private=plan_of(campaign).allow_private)
    return probe_sites(
        campaign, dt.datetime.fromisoformat(round_at), {site.url: site.pk}, settings, timezone.now
    )


def rescan_one_site(campaign_id: int, site_id: int) -> int:
    """One site's scheduled re-scan (the task's body); the new findings it alerts to."""
    campaign = Campaign.objects.get(pk=campaign_id)
    rescan = rescan_site(campaign, Site.objects.get(pk=site_id), rescan_config(campaign))
    send_rescan_alerts(campaign)
    return len(rescan.alarming)


def roll_up_all(now: dt.datetime | None = None) -> int:
    """Roll up the old samples of every monitored campaign (beat's hourly task); the samples
    removed."""
    now = now or timezone.now()
    return sum(
        roll_up(plan.campaign, now) for plan in MonitorPlan.objects.select_related("campaign")
    )
