"""Fan scans out to Celery workers and follow them through the database."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ceping.campaign.queue import RECHECK_FINDINGS, SCAN_SITE, SCAN_URL, app
from ceping.campaign.scans import pages_counted, prepare_runs
from ceping.errors import ScanError
from ceping.scan.codec import config_to_json
from ceping.scan.config import ScanConfig
from ceping.web.models import Campaign, Finding, ScanRun, ScanStatus

POLL_S = 0.5

ProgressFn = Callable[[Counter[str], int], None]


def enqueue_campaign_scan(campaign: Campaign, config: ScanConfig) -> int:
    """One task per site not yet done; returns how many were sent."""
    payload = config_to_json(config)
    runs = prepare_runs(campaign)
    pending = [url for url, run in runs.items() if run.status != ScanStatus.DONE]
    ScanRun.objects.filter(
        campaign=campaign, site__url__in=pending, status=ScanStatus.FAILED
    ).update(status=ScanStatus.PENDING)
    for url in pending:
        app.send_task(SCAN_SITE, args=(campaign.pk, url, payload))
    return len(pending)


def wait_for_campaign_scan(
    campaign: Campaign, timeout_s: float, progress: ProgressFn | None = None
) -> Counter[str]:
    """Poll the runs until each is done or failed; the counts of each status at the end."""
    deadline = time.monotonic() + timeout_s
    while True:
        statuses = Counter(
            ScanRun.objects.filter(campaign=campaign).values_list("status", flat=True)
        )
        pages = pages_counted(campaign)
        if progress is not None:
            progress(statuses, pages)
        if statuses[ScanStatus.PENDING] + statuses[ScanStatus.RUNNING] == 0:
            return statuses
        if time.monotonic() > deadline:
            waiting, running = statuses[ScanStatus.PENDING], statuses[ScanStatus.RUNNING]
            raise ScanError(
                f"检测节点未在 {timeout_s:g} 秒内检测完测评活动“{campaign.name}”的网站"
                f"（未开始 {waiting} 个，检测中 {running} 个）；"
                "请确认检测节点（ceping worker）已启动，稍后再运行本命令即续检"
            )
        time.sleep(POLL_S)


def scan_urls_distributed(
    urls: Sequence[str], config: ScanConfig, timeout_s: float
) -> dict[str, Any]:
    """The scan JSON of `urls` (DESIGN.md §5.1), one worker task per site, in the order given."""
    payload = config_to_json(config)
    results = [app.send_task(SCAN_URL, args=(url, payload)) for url in urls]
    return {"sites": [r.get(timeout=timeout_s) for r in results]}


def enqueue_rechecks(finding_ids: Sequence[int], config: ScanConfig) -> None:
    """Send the re-check of these findings to a worker."""
    app.send_task(RECHECK_FINDINGS, args=(list(finding_ids), config_to_json(config)))


def findings_count(campaign: Campaign) -> int:
    """Findings the workers stored for the campaign so far."""
    return Finding.objects.filter(scan_run__campaign=campaign).count()
