"""A week of monitoring on a simulated clock against loopback sites that go down and come back."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core import mail

from ceping.campaign.monitor_figures import site_windows
from ceping.campaign.monitor_loop import RoundDone, run_monitor
from ceping.campaign.monitoring import set_plan
from ceping.monitor import ProbeSettings
from ceping.web.models import Campaign, Incident, IncidentAlert, MonitorSample, Site
from tests.monitor.conftest import START, Flaky, SimClock

SETTINGS = ProbeSettings(timeout_s=2.0, attempts=1, backoff_s=0.01, allow_private=True)
WEEK = 7 * 48


def monitor(campaign: Campaign, flaky: Flaky, modes: dict[int, str], rounds: int) -> list[str]:
    """Run `rounds` rounds on a simulated clock; before round k the flaky site takes modes[k]
    (else up). The alerts the rounds reported."""
    clock, alerts = SimClock(), []
    index = iter(range(1, rounds + 1))

    def next_mode(done: RoundDone) -> None:
        alerts.extend(done.alerts)
        flaky.mode = modes.get(next(index), "up")

    flaky.mode = modes.get(0, "up")
    ran = run_monitor(
        campaign,
        SETTINGS,
        rounds=rounds,
        clock=clock,
        sleep=clock.sleep,
        rng=random.Random(18),
        on_round=next_mode,
    )
    assert ran == rounds
    return alerts


def test_a_week_with_one_outage_gives_one_incident_and_two_alerts_and_none_while_slow(
    watched: Campaign,
    flaky: tuple[Flaky, str],
    steady_url: str,
    webhook: tuple[str, list[dict[str, Any]]],
) -> None:
    site, url = flaky
    hook_url, received = webhook
    set_plan(watched, emails=["webmaster@example.gov.cn"], webhook=hook_url)
    modes = {k: "down" for k in range(100, 107)} | {k: "slow" for k in range(200, 212)}
    assert monitor(watched, site, modes, WEEK) == [
        "【网站无法访问】上海市黄浦区",
        "【网站已恢复访问】上海市黄浦区",
    ]

    flaky_site, steady_site = Site.objects.get(url=url), Site.objects.get(url=steady_url)
    assert MonitorSample.objects.filter(site=flaky_site).count() == WEEK
    (incident,) = Incident.objects.filter(campaign=watched)
    visits = list(MonitorSample.objects.filter(site=flaky_site).order_by("at"))
    assert incident.site == flaky_site
    assert (incident.started, incident.ended) == (visits[100].at, visits[107].at)
    assert (incident.failures, incident.status) == (7, 503)

    alerts = IncidentAlert.objects.filter(incident=incident).order_by("created")
    assert [(a.kind, a.sent is not None, a.problem) for a in alerts] == [
        ("down", True, ""),
        ("up", True, ""),
    ]
    assert [m.subject for m in mail.outbox] == [
        "【网站无法访问】上海市黄浦区",
        "【网站已恢复访问】上海市黄浦区",
    ]
    assert mail.outbox[0].to == ["webmaster@example.gov.cn"]
    assert "连续 3 次访问失败（返回状态码 503）" in mail.outbox[0].body
    assert [(r["event"], r["site"], r["failures"]) for r in received] == [
        ("down", url, 3),
        ("up", url, 7),
    ]
    assert received[1]["duration_s"] == int((visits[107].at - visits[100].at).total_seconds())

    slow = visits[200:212]
    assert all(v.status == 200 and v.ttfb_ms is not None and v.ttfb_ms >= 300 for v in slow)

    end = (START + dt.timedelta(days=6)).date()
    figures = site_windows(watched, end)
    flaky_week, steady_week = figures[flaky_site.pk], figures[steady_site.pk]
    assert (flaky_week.visits, flaky_week.failures) == (WEEK, 7)
    assert [d.failures for d in flaky_week.days] == [0, 0, 7, 0, 0, 0, 0]
    assert flaky_week.is_complete and not flaky_week.is_vetoed
    assert flaky_week.p90_ms is not None and flaky_week.p90_ms < 300 <= max(
        v.ttfb_ms or 0 for v in slow
    )
    assert (steady_week.visits, steady_week.failures) == (WEEK, 0)
