"""Incidents: a site is down after N failed visits in a row, back up at the first success.

One `observe` per home-page visit, in time order; the state is what must be kept between
rounds (the use cases store it), the event is what deserves an alert. A slow visit that
answers is a success: slowness is measured, never alerted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum


class EventKind(StrEnum):
    DOWN = "down"
    UP = "up"


@dataclass(frozen=True, slots=True)
class SiteState:
    failures_in_row: int = 0
    first_failure_at: dt.datetime | None = None  # of the current run of failures
    down_since: dt.datetime | None = None  # set while an incident is open

    @property
    def is_down(self) -> bool:
        return self.down_since is not None


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    since: dt.datetime  # the first failed visit of the incident
    at: dt.datetime  # the visit that decided: the Nth failure, or the first success after
    failures: int  # failed visits in a row so far


def observe(
    state: SiteState, ok: bool, at: dt.datetime, down_after: int
) -> tuple[SiteState, Event | None]:
    """The state after one more visit, and the incident event that visit decided, if any."""
    if ok:
        if state.down_since is not None:
            return SiteState(), Event(EventKind.UP, state.down_since, at, state.failures_in_row)
        return SiteState(), None
    first = state.first_failure_at or at
    failures = state.failures_in_row + 1
    after = replace(state, failures_in_row=failures, first_failure_at=first)
    if state.down_since is None and failures >= down_after:
        return replace(after, down_since=first), Event(EventKind.DOWN, first, at, failures)
    return after, None
