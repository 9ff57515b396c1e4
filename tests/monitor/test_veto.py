"""The veto at exactly 5 % of failed visits, from a week of loopback visits to scoring."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ceping.campaign.monitor_figures import monitor_measures
from ceping.campaign.monitor_loop import run_monitor
from ceping.campaign.monitoring import set_plan
from ceping.campaign.scoring import score_and_store
from ceping.campaign.scoring_inputs import campaign_inputs
from ceping.monitor import MIN_VISITS_PER_DAY, ProbeSettings
from ceping.web.models import Campaign, MonitorPlan, ScanRun, ScanStatus, Site
from tests.monitor.conftest import START, Flaky, SimClock

SETTINGS = ProbeSettings(timeout_s=2.0, attempts=1, backoff_s=0.01, allow_private=True)
PER_DAY = MIN_VISITS_PER_DAY  # the rule's least: 140 visits in the week, 7 of them 5 %
INTERVAL_S = 86400 // PER_DAY


def a_week(campaign: Campaign, flaky: Flaky, failing: set[int]) -> None:
    set_plan(campaign, interval_s=INTERVAL_S)
    clock = SimClock()
    rounds = iter(range(1, 7 * PER_DAY + 1))
    flaky.mode = "up"
    run_monitor(
        campaign,
        SETTINGS,
        rounds=7 * PER_DAY,
        clock=clock,
        sleep=clock.sleep,
        on_round=lambda done: setattr(flaky, "mode", "down" if next(rounds) in failing else "up"),
    )
    MonitorPlan.objects.filter(campaign=campaign).update(
        window_end=(START + dt.timedelta(days=6)).date()
    )
    for site in Site.objects.all():
        ScanRun.objects.create(
            campaign=campaign,
            site=site,
            status=ScanStatus.DONE,
            finished=timezone.now(),
            summary={"url": site.url, "reachable": True, "pages": 1},
        )


@pytest.mark.parametrize(("failures", "vetoed"), [(7, True), (6, False)])
def test_exactly_five_percent_of_failed_visits_vetoes_the_unit(
    watched: Campaign, flaky: tuple[Flaky, str], failures: int, vetoed: bool
) -> None:
    a_week(watched, flaky[0], {k * PER_DAY + 3 for k in range(failures)})  # one a day
    added = monitor_measures(watched, timezone.now())
    assert added["QX01"]["measurements"]["availability_rate"] == round(1 - failures / 140, 6)
    assert added["QX02"]["measurements"]["availability_rate"] == 1.0
    assert added["QX02"]["findings"] == []
    veto = added["QX01"]["findings"]
    expected = {"kind": "unreachable", "page": flaky[1], "url": flaky[1]}
    if vetoed:
        expected |= {"window": "2026-11-30 至 2026-12-06", "visits": 140, "failures": 7}
        assert veto == [expected]
    else:
        assert veto == []

    _, inputs = campaign_inputs(watched)
    scanned = inputs.scans["QX01"]
    assert scanned["measurements"]["availability_rate"] == round(1 - failures / 140, 6)
    results, _ = score_and_store(watched)
    units = {u.code: u for u in results.units}
    assert units["QX01"].vetoes == (("V1",) if vetoed else ())
    assert units["QX02"].vetoes == ()


def test_a_week_not_visited_as_often_as_the_rule_asks_gives_nothing(
    watched: Campaign, flaky: tuple[Flaky, str]
) -> None:
    set_plan(watched, interval_s=86400 // (MIN_VISITS_PER_DAY - 1))
    clock = SimClock()
    flaky[0].mode = "down"
    run_monitor(watched, SETTINGS, rounds=7 * 19, clock=clock, sleep=clock.sleep)
    MonitorPlan.objects.filter(campaign=watched).update(
        window_end=(START + dt.timedelta(days=6)).date()
    )
    assert monitor_measures(watched, timezone.now()) == {}
