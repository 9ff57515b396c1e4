"""Continuous monitoring: probe rounds, availability per day and over a window, incidents, alerts.

Plain values in, plain values out, an injectable clock: the use cases in `campaign.monitoring`
store what these functions decide, and the tests run a week of samples in seconds.
"""

from ceping.monitor.alerts import (
    Alert,
    alert_subject,
    alert_text,
    duration_text,
    rescan_subject,
    rescan_text,
    webhook_payload,
)
from ceping.monitor.availability import (
    DayFigure,
    WindowFigure,
    day_figures,
    percentile,
    window_days,
    window_figure,
)
from ceping.monitor.compare import Comparison, compare, worth_alert
from ceping.monitor.incidents import Event, EventKind, SiteState, observe
from ceping.monitor.probe import Clock, ProbeSettings, Target, probe_round
from ceping.monitor.rollup import StoreSize, retention_cutoff, store_size
from ceping.monitor.rules import (
    DOWN_AFTER_FAILURES,
    INTERVAL_S,
    JITTER_FRACTION,
    MIN_VISITS_PER_DAY,
    PROBE_TIMEOUT_S,
    RETENTION_DAYS,
    VETO_FAILURE_PERCENT,
    WINDOW_DAYS,
)
from ceping.monitor.samples import Sample
from ceping.monitor.schedule import next_round, parse_interval, round_starts

__all__ = [
    "DOWN_AFTER_FAILURES",
    "INTERVAL_S",
    "JITTER_FRACTION",
    "MIN_VISITS_PER_DAY",
    "PROBE_TIMEOUT_S",
    "RETENTION_DAYS",
    "VETO_FAILURE_PERCENT",
    "WINDOW_DAYS",
    "Alert",
    "Clock",
    "Comparison",
    "DayFigure",
    "Event",
    "EventKind",
    "ProbeSettings",
    "Sample",
    "SiteState",
    "StoreSize",
    "Target",
    "WindowFigure",
    "alert_subject",
    "alert_text",
    "compare",
    "day_figures",
    "duration_text",
    "next_round",
    "observe",
    "parse_interval",
    "percentile",
    "probe_round",
    "rescan_subject",
    "rescan_text",
    "retention_cutoff",
    "round_starts",
    "store_size",
    "webhook_payload",
    "window_days",
    "window_figure",
    "worth_alert",
]
