"""The Celery application: the distributed use cases send tasks to it by name, `ceping.tasks` runs
them.

It lives below both so that sending a task never imports the workers' module (no cycle).
"""

from __future__ import annotations

from celery import Celery

app = Celery("ceping")
app.config_from_object("django.conf:settings", namespace="CELERY")

# The names the workers register their tasks under (the names Celery gave them before, kept).
SCAN_SITE = "ceping.tasks.scan_site"
SCAN_URL = "ceping.tasks.scan_url"
RECHECK_FINDINGS = "ceping.tasks.recheck_findings"
MONITOR_DUE = "ceping.tasks.monitor_due"
MONITOR_SITE = "ceping.tasks.monitor_site"
RESCAN_SITE = "ceping.tasks.rescan_site"
MONITOR_ROLL_UP = "ceping.tasks.monitor_roll_up"
RUN_JOB = "ceping.tasks.run_job"  # an organizer's job on the scale-out path (decision 0013)
ROLL_UP_EVERY_S = 3600.0  # samples become day figures a whole day at a time: hourly is plenty


def beat_schedule(tick_s: float) -> dict[str, dict[str, object]]:
    """Celery beat's schedule: every tick, start the monitoring rounds that are due (each plan
    keeps its own jittered next round, so the tick only bounds how late a round starts), and
    every hour roll old samples up into day figures."""
    return {
        "monitor-due": {"task": MONITOR_DUE, "schedule": tick_s},
        "monitor-roll-up": {"task": MONITOR_ROLL_UP, "schedule": ROLL_UP_EVERY_S},
    }
