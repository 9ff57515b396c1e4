"""Incidents: down after N failures in a row, back at the first success, never while slow."""

from __future__ import annotations

import datetime as dt

from ceping.monitor import EventKind, SiteState, observe
from tests.monitor.samples import MONDAY


def run(outcomes: str, down_after: int = 3) -> list[tuple[EventKind, int, int, int]]:
    """Feed visits (`x` failed, `.` answered) 30 minutes apart; (kind, since, at, failures) of
    each event, times as visit indexes."""
    state, events = SiteState(), []
    for i, mark in enumerate(outcomes):
        state, event = observe(
            state, mark == ".", MONDAY + dt.timedelta(minutes=30 * i), down_after
        )
        if event is not None:
            index = {MONDAY + dt.timedelta(minutes=30 * k): k for k in range(len(outcomes))}
            events.append((event.kind, index[event.since], index[event.at], event.failures))
    return events


def test_one_down_and_one_up_per_incident_dated_from_the_first_failure() -> None:
    assert run("..xxxxx..") == [(EventKind.DOWN, 2, 4, 3), (EventKind.UP, 2, 7, 5)]


def test_failures_fewer_than_n_in_a_row_are_no_incident() -> None:
    assert run("xx.xx.x.xx.") == []


def test_two_incidents_give_two_pairs() -> None:
    assert [e[0] for e in run("xxx.xxxx.")] == [EventKind.DOWN, EventKind.UP] * 2


def test_an_incident_still_open_has_no_up() -> None:
    assert run(".xxxxxxxxxx") == [(EventKind.DOWN, 1, 3, 3)]
