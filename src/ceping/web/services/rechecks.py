"""Run the re-checks units asked for, through the scanner's fetcher and its address policy."""

from __future__ import annotations

from collections.abc import Sequence

from ceping.scan.config import ScanConfig
from ceping.scan.engine import fetch_statuses
from ceping.web.models import Finding
from ceping.web.services.selfcheck import RecheckOutcome, affected_url, pending_rechecks, recheck


def run_rechecks(config: ScanConfig, finding_ids: Sequence[int] | None = None) -> list[RecheckOutcome]:
    """Fetch every affected URL once, then close, reopen or keep each finding as its answer says."""
    ids = list(finding_ids) if finding_ids is not None else pending_rechecks()
    findings = Finding.objects.filter(pk__in=ids).select_related("scan_run__site")
    statuses = fetch_statuses((affected_url(f) for f in findings), config)
    return recheck(ids, lambda url: statuses.get(url))
