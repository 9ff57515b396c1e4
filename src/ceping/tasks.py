"""Celery tasks: thin wrappers over the campaign use cases.

Run a worker with `ceping worker`. Every task is idempotent and acknowledged
late: a worker killed mid-task leaves its message to be delivered again, and
the re-run resumes from what the database already holds.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from typing import Any

import django
from celery import Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
django.setup()

from django.conf import settings
from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerError

from ceping.campaign import jobs
from ceping.campaign.monitor_queue import (
    probe_one_site,
    rescan_one_site,
    roll_up_all,
    start_due_rounds,
)
from ceping.campaign.queue import (
    MONITOR_DUE,
    MONITOR_ROLL_UP,
    MONITOR_SITE,
    RECHECK_FINDINGS,
    RESCAN_SITE,
    RUN_JOB,
    SCAN_SITE,
    SCAN_URL,
    app,
    beat_schedule,
)
from ceping.campaign.rechecks import run_rechecks
from ceping.campaign.scans import mark_site_failed, scan_one_site
from ceping.scan.codec import config_from_json
from ceping.scan.engine import run_scan

__all__ = [
    "app",
    "monitor_due",
    "monitor_roll_up",
    "monitor_site",
    "recheck_findings",
    "rescan_site",
    "run_job",
    "scan_site",
    "scan_url",
]

# Outages of the database or broker are retried with exponential backoff, then reported.
RETRY = {
    "autoretry_for": (DatabaseError, BrokerError, ConnectionError),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


class SiteScanTask(Task):  # type: ignore[misc]
    """Marks the site's run failed once every retry is spent, so progress never waits forever."""

    def on_failure(
        self,
        exc: BaseException,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        mark_site_failed(args[0], args[1], f"检测节点多次重试后仍失败：{type(exc).__name__}")


@app.task(name=SCAN_SITE, base=SiteScanTask, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def scan_site(
    self: Task, campaign_id: int, site_url: str, config: dict[str, Any]
) -> dict[str, Any]:
    """Scan one site of a campaign into the database (resuming whatever an earlier run stored)."""
    report = scan_one_site(campaign_id, site_url, config_from_json(config))
    return {"url": site_url, "pages": report.pages, "findings": len(report.findings)}


@app.task(name=SCAN_URL, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def scan_url(self: Task, url: str, config: dict[str, Any]) -> dict[str, Any]:
    """Scan one site outside any campaign and return its entry of the scan JSON."""
    report = run_scan(replace(config_from_json(config), urls=(url,)))[0]
    return report.to_json()


@app.task(name=RECHECK_FINDINGS, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def recheck_findings(self: Task, finding_ids: list[int], config: dict[str, Any]) -> dict[str, int]:
    """Re-check findings units marked fixed; the counts of each verdict."""
    outcomes = run_rechecks(config_from_json(config), finding_ids)
    return dict(Counter(str(o.status) for o in outcomes))


app.conf.beat_schedule = beat_schedule(settings.MONITOR_TICK_S)


@app.task(name=MONITOR_DUE, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def monitor_due(self: Task) -> int:
    """Beat's tick: send the tasks of the monitoring rounds that are due."""
    return start_due_rounds()


@app.task(name=MONITOR_SITE, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def monitor_site(self: Task, campaign_id: int, site_id: int, round_at: str) -> int:
    """Visit one site for one round and store its samples (nothing twice when re-delivered)."""
    return probe_one_site(campaign_id, site_id, round_at)


@app.task(name=RESCAN_SITE, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def rescan_site(self: Task, campaign_id: int, site_id: int) -> int:
    """A scheduled re-scan of one site, compared with the campaign's scan of it."""
    return rescan_one_site(campaign_id, site_id)


@app.task(name=MONITOR_ROLL_UP, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def monitor_roll_up(self: Task) -> int:
    """Beat's hourly task: samples past the retention period become day figures."""
    return roll_up_all()


@app.task(name=RUN_JOB, bind=True)  # type: ignore[untyped-decorator]
def run_job(self: Task, job_id: int) -> None:
    """An organizer's job (scan, score, reports …): its row says what and records the progress.

    Not retried: a job that failed says why, and the organizer starts it again; a redelivered
    message finds the job taken and does nothing."""
    jobs.run(job_id)
