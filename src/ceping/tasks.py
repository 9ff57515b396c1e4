"""Celery tasks: thin wrappers that call the core and store through the web models.

Run a worker with `ceping worker`. Every task is idempotent and acknowledged
late: a worker killed mid-task leaves its message to be delivered again, and
the re-run resumes from what the database already holds.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import django
from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
django.setup()

from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerError

app = Celery("ceping")
app.config_from_object("django.conf:settings", namespace="CELERY")

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

    def on_failure(self, exc: BaseException, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                   einfo: Any) -> None:
        from ceping.web.models import ScanRun, ScanStatus

        campaign_id, site_url = args[0], args[1]
        ScanRun.objects.filter(campaign_id=campaign_id, site__url=site_url).update(
            status=ScanStatus.FAILED, summary={"error": f"{type(exc).__name__}: {exc}"}
        )


@app.task(base=SiteScanTask, bind=True, **RETRY)  # type: ignore[untyped-decorator]
def scan_site(self: Task, campaign_id: int, site_url: str, config: dict[str, Any]) -> dict[str, Any]:
    """Scan one site of a campaign into the database (resuming whatever an earlier run stored)."""
    from ceping.scan.codec import config_from_json
    from ceping.web.models import Campaign
    from ceping.web.services.scan_store import scan_campaign

    campaign = Campaign.objects.get(pk=campaign_id)
    reports = scan_campaign(campaign, config_from_json(config), only=[site_url])
    return {"url": site_url, "pages": reports[0].pages, "findings": len(reports[0].findings)}


@app.task(bind=True, **RETRY)  # type: ignore[untyped-decorator]
def scan_url(self: Task, url: str, config: dict[str, Any]) -> dict[str, Any]:
    """Scan one site outside any campaign and return its entry of the scan JSON."""
    from ceping.scan.codec import config_from_json
    from ceping.scan.engine import run_scan

    report = run_scan(replace(config_from_json(config), urls=(url,)))[0]
    return report.to_json()


@app.task(bind=True, **RETRY)  # type: ignore[untyped-decorator]
def recheck_findings(self: Task, finding_ids: list[int], config: dict[str, Any]) -> dict[str, int]:
    """Re-check findings units marked fixed; the counts of each verdict."""
    from collections import Counter

    from ceping.scan.codec import config_from_json
    from ceping.web.services.rechecks import run_rechecks

    outcomes = run_rechecks(config_from_json(config), finding_ids)
    return dict(Counter(str(o.status) for o in outcomes))
