"""Storing samples: a round stored twice adds nothing; old samples become day figures."""

from __future__ import annotations

import datetime as dt

from ceping.campaign.monitor_figures import roll_up, site_windows, window_end
from ceping.campaign.monitoring import monitored_sites, record_samples, set_plan
from ceping.monitor import Sample
from ceping.web.models import (
    Campaign,
    Incident,
    IncidentAlert,
    MonitorDay,
    MonitorPlan,
    MonitorSample,
)
from tests.monitor.samples import TZ, visits

START = dt.datetime(2026, 11, 30, 0, 10, tzinfo=TZ)


def _as_site(samples: list[Sample], url: str) -> list[Sample]:
    return [Sample(url, url, s.at, s.status, s.error, s.ttfb_ms) for s in samples]


def test_a_round_stored_again_adds_no_sample_incident_or_alert(
    watched: Campaign, steady_url: str
) -> None:
    sites = monitored_sites(watched)
    failing = _as_site(list(visits(1, 48, set(range(48)), start=START)), steady_url)
    for sample in failing[:4]:
        assert record_samples(watched, sample.at, [sample], sites) == 1
    again = failing[3]
    assert record_samples(watched, again.at, [again], sites) == 0
    assert MonitorSample.objects.count() == 4
    assert Incident.objects.count() == 1 and IncidentAlert.objects.count() == 1


def test_a_late_visit_is_stored_but_decides_nothing(watched: Campaign, steady_url: str) -> None:
    sites = monitored_sites(watched)
    day = _as_site(list(visits(1, 48, {0, 1, 2}, start=START)), steady_url)
    for sample in day[3:6]:
        record_samples(watched, sample.at, [sample], sites)
    for sample in day[:3]:  # three failures that arrive after later successes
        record_samples(watched, sample.at, [sample], sites)
    assert MonitorSample.objects.count() == 6
    assert not Incident.objects.exists()


def test_samples_past_retention_become_day_figures_with_the_same_counts(
    watched: Campaign, steady_url: str
) -> None:
    sites = monitored_sites(watched)
    week = _as_site(list(visits(7, 48, set(range(0, 336, 11)), start=START)), steady_url)
    week.append(Sample(steady_url, steady_url + "xxgk/", START, 404, None, 5))  # a key page
    for sample in week:
        record_samples(watched, sample.at, [sample], sites)
    end = (START + dt.timedelta(days=6)).date()
    before = site_windows(watched, end)[sites[steady_url]]

    now = START + dt.timedelta(days=7 + 35)  # the week is past the 35 days kept
    assert roll_up(watched, now - dt.timedelta(days=3)) == 48 * 4 + 1  # whole days only
    assert roll_up(watched, now) == 48 * 3
    assert not MonitorSample.objects.exists()
    after = site_windows(watched, end)[sites[steady_url]]
    assert [(d.visits, d.failures) for d in after.days] == [
        (d.visits, d.failures) for d in before.days
    ]
    assert [d.median_ms for d in after.days] == [d.median_ms for d in before.days]
    assert MonitorDay.objects.count() == 7
    assert after.is_vetoed == before.is_vetoed is True  # 31 of 336 failed


def test_the_window_ends_on_the_last_whole_day_monitored(
    watched: Campaign, steady_url: str
) -> None:
    sites = monitored_sites(watched)
    now = START + dt.timedelta(hours=12)
    assert window_end(watched, now) is None
    today = Sample(steady_url, steady_url, START, 200, None, 5)
    record_samples(watched, today.at, [today], sites)
    assert window_end(watched, now) == START.date()  # the first day: today's, short
    earlier = Sample(steady_url, steady_url, START - dt.timedelta(days=2), 200, None, 5)
    record_samples(watched, earlier.at, [earlier], sites)
    assert window_end(watched, now) == START.date() - dt.timedelta(days=1)
    assert window_end(watched, now + dt.timedelta(days=30)) == START.date()  # stopped since
    set_plan(watched)
    MonitorPlan.objects.filter(campaign=watched).update(window_end=dt.date(2026, 11, 1))
    assert window_end(watched, now) == dt.date(2026, 11, 1)


def test_the_workers_roll_up_every_monitored_campaign(watched: Campaign, steady_url: str) -> None:
    from ceping.campaign.monitor_queue import roll_up_all
    from ceping.campaign.queue import MONITOR_ROLL_UP, beat_schedule

    assert beat_schedule(60)["monitor-roll-up"]["task"] == MONITOR_ROLL_UP
    sites = monitored_sites(watched)
    set_plan(watched)
    old = Sample(steady_url, steady_url, START, 200, None, 5)
    record_samples(watched, old.at, [old], sites)
    assert roll_up_all(START + dt.timedelta(days=10)) == 0  # still kept
    assert roll_up_all(START + dt.timedelta(days=40)) == 1
    assert MonitorDay.objects.get().visits == 1
