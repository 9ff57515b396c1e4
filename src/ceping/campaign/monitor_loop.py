"""The embedded scheduler: probe rounds every interval in one process (SQLite is enough), the
roll-up of old samples and the scheduled re-scans. Celery beat does the same on the workers
(campaign.monitor_queue)."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from ceping.campaign.monitor_alerts import alerts_sent_since, send_rescan_alerts
from ceping.campaign.monitor_figures import roll_up
from ceping.campaign.monitor_rescans import rescan_config, rescan_due, rescan_site
from ceping.campaign.monitoring import monitored_sites, plan_of, probe_sites
from ceping.monitor import JITTER_FRACTION, Clock, ProbeSettings, round_starts
from ceping.web.models import Campaign, Site


@dataclass(frozen=True)
class RoundDone:
    round_at: dt.datetime
    samples: int
    seconds: float
    alerts: tuple[str, ...]  # the subjects of the alerts this round sent


def run_monitor(
    campaign: Campaign,
    settings: ProbeSettings,
    *,
    rounds: int | None = None,
    clock: Clock = timezone.now,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
    on_round: Callable[[RoundDone], None] = lambda done: None,
) -> int:
    """The embedded scheduler: a round every interval (jittered) in this process, until
    `rounds` are done (None: until stopped). Old samples are rolled up after each round, and a
    scheduled re-scan that is due runs after it (one site after another: the embedded default
    is for campaigns a single process can re-scan between rounds)."""
    plan = plan_of(campaign)
    starts = round_starts(clock(), plan.interval_s, JITTER_FRACTION, rng or random.Random())
    done = 0
    for round_at in starts:
        if rounds is not None and done >= rounds:
            break
        wait_s = (round_at - clock()).total_seconds()
        if wait_s > 0:
            sleep(wait_s)
        began, sent_after = time.monotonic(), timezone.now()  # real time: when alerts go out
        sites = monitored_sites(campaign)  # each round: a unit added meanwhile is visited too
        stored = probe_sites(campaign, round_at, sites, settings, clock)
        alerts = tuple(alerts_sent_since(campaign, sent_after))
        roll_up(campaign, clock())
        if rescan_due(campaign, clock()):
            config = rescan_config(campaign)
            for site in Site.objects.filter(pk__in=sites.values()):
                rescan_site(campaign, site, config)
            send_rescan_alerts(campaign)
        on_round(RoundDone(round_at, stored, time.monotonic() - began, alerts))
        done += 1
    return done
