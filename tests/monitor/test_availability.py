"""Availability per day and over the week, and the veto at 5 % of failed visits."""

from __future__ import annotations

import datetime as dt

from ceping.monitor import Sample, day_figures, percentile, window_days, window_figure
from tests.monitor.samples import MONDAY, SITE, TZ, visits

START, END = window_days(MONDAY.date() + dt.timedelta(days=6), 7)


def week(failing: set[int], per_day: int = 20) -> object:
    samples = list(visits(7, per_day, failing))
    return window_figure(START, END, day_figures(samples, TZ), samples)


def test_exactly_five_percent_of_failed_visits_vetoes_and_one_less_does_not() -> None:
    at_five = week(set(range(0, 140, 20)))  # 7 of 140, one a day
    assert (at_five.visits, at_five.failures, at_five.is_complete) == (140, 7, True)
    assert at_five.is_vetoed
    below = week(set(range(0, 120, 20)))  # 6 of 140
    assert below.failures == 6 and not below.is_vetoed
    assert below.availability == 134 / 140


def test_a_day_visited_fewer_than_20_times_leaves_the_week_unjudged() -> None:
    samples = [s for s in visits(7, 20, set(range(0, 140, 2))) if s.at.date() != START]
    samples += list(visits(1, 19, set(), start=MONDAY))
    figure = window_figure(START, END, day_figures(samples, TZ), samples)
    assert figure.short_days == (START,)
    assert figure.failures == 60 and not figure.is_vetoed  # half failed, but not judged


def test_days_are_local_days_and_a_missing_day_counts_zero_visits() -> None:
    late = Sample(SITE, SITE, dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC), 200, None, 5)
    days = day_figures([late], TZ)
    assert list(days) == [dt.date(2026, 12, 1)]  # 00:30 in Shanghai
    figure = window_figure(START, END, days, [late])
    assert [d.visits for d in figure.days] == [0, 1, 0, 0, 0, 0, 0]


def test_key_pages_do_not_count_towards_availability() -> None:
    page = Sample(SITE, SITE + "xxgk/", MONDAY, 404, None, 3)
    home = Sample(SITE, SITE, MONDAY, 200, None, 3)
    (day,) = day_figures([page, home], TZ).values()
    assert (day.visits, day.failures) == (1, 0)


def test_speed_comes_from_visits_that_answered_only() -> None:
    samples = [Sample(SITE, SITE, MONDAY, 200, None, ms) for ms in (100, 200, 300, 400, 5000)]
    samples.append(Sample(SITE, SITE, MONDAY, None, "timeout", None))
    samples.append(Sample(SITE, SITE, MONDAY, 503, None, 1))
    figure = window_figure(START, END, day_figures(samples, TZ), samples)
    assert (figure.median_ms, figure.p90_ms) == (300, 5000)
    assert figure.failures == 2


def test_percentile_is_a_measured_value() -> None:
    assert percentile([], 50) is None
    assert percentile([7], 90) == 7
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 11)), 50) == 5


def test_an_anti_bot_challenge_is_an_answer_but_not_a_page_time() -> None:
    samples = [
        Sample(SITE, SITE, MONDAY, 412, None, 3),  # a JavaScript challenge
        Sample(SITE, SITE, MONDAY, 521, None, 4),
        Sample(SITE, SITE, MONDAY, 200, None, 250),
        Sample(SITE, SITE, MONDAY, 502, None, 5),  # a gateway whose site is gone
        Sample(SITE, SITE, MONDAY, 403, None, 6),
    ]
    figure = window_figure(START, END, day_figures(samples, TZ), samples)
    assert (figure.visits, figure.failures) == (5, 2)
    assert (figure.median_ms, figure.p90_ms) == (250, 250)
