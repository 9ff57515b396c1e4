"""Re-checks: a unit says it fixed findings; the scanner's fetcher asks each affected URL again."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ceping.campaign import audit, roles
from ceping.campaign.deadlines import rectify_refusal
from ceping.campaign.selfcheck import SelfCheckError, current_campaign
from ceping.scan.config import ScanConfig
from ceping.scan.engine import fetch_statuses
from ceping.web.models import Finding, FindingStatus, RecheckRequest, RecheckStatus

FetchStatus = Callable[[str], "int | None"]  # URL -> HTTP status, None when no answer came
# Finding kinds whose defect is the HTTP answer itself: a good answer closes them.
SETTLED_BY_STATUS = frozenset({"broken_link", "unreachable"})
# What a re-check concluded, as people read it.
RECHECK_LABELS = dict(RecheckStatus.choices)


def affected_url(finding: Finding) -> str:
    """The URL whose answer decides the finding: the broken target, else the page, else the site."""
    target = finding.data.get("url") if isinstance(finding.data, dict) else None
    if finding.kind == "broken_link" and target:
        return str(target)
    return finding.page or finding.scan_run.site.url


def request_recheck(user: Any, finding_ids: Iterable[int], note: str = "") -> list[Finding]:
    """The unit says it fixed these findings; they wait for a re-check. Only the unit's own open
    findings."""
    if roles.role_of(user) != "unit":
        raise SelfCheckError("只有被测单位可以申请复查")
    ids = list(finding_ids)
    if not ids:
        raise SelfCheckError("请先勾选已整改的问题")
    unit = roles.unit_of(user)
    current = current_campaign(unit) if unit is not None else None
    if current is None:
        raise SelfCheckError("本单位没有正在进行的测评活动")
    refusal = rectify_refusal(current)
    if refusal:
        raise SelfCheckError(refusal)
    # Last year's findings are history: only those of the current campaign can be re-checked.
    findings = list(
        roles.findings_visible_to(user).filter(
            pk__in=ids, status=FindingStatus.OPEN, scan_run__campaign=current
        )
    )
    if len(findings) != len(set(ids)):
        raise SelfCheckError("只能对本单位本次测评中待整改的问题申请复查")
    with transaction.atomic():
        for finding in findings:
            RecheckRequest.objects.create(finding=finding, requested_by=user, note=note[:2000])
            audit.record(
                user, "recheck_request", finding, "status", finding.status, FindingStatus.FIXED
            )
            finding.status = FindingStatus.FIXED
            finding.save(update_fields=["status", "updated"])
    return findings


@dataclass(frozen=True)
class RecheckOutcome:
    finding: int
    url: str
    http_status: int | None
    status: str  # RecheckStatus


def _judge(kind: str, status: int | None) -> str:
    answered_ok = status is not None and status < 400
    if kind in SETTLED_BY_STATUS:
        return RecheckStatus.CLOSED if answered_ok else RecheckStatus.STILL_OPEN
    # A typo or a stale column needs the page's content: the full scanner decides later.
    return RecheckStatus.PENDING_SCAN if answered_ok else RecheckStatus.STILL_OPEN


def recheck(finding_ids: Sequence[int], fetch_status: FetchStatus) -> list[RecheckOutcome]:
    """Fetch each awaiting finding's affected URL again; close it, reopen it, or leave it to the
    scanner.

    `fetch_status` is injected so the scanner's fetcher (with its address policy and limits)
    is what goes out on the network; tests pass a loopback client.
    """
    findings = Finding.objects.filter(
        pk__in=finding_ids, status=FindingStatus.FIXED
    ).select_related("scan_run__site")
    outcomes = []
    for finding in findings:
        url = affected_url(finding)
        status = fetch_status(url)
        verdict = _judge(finding.kind, status)
        new_status = {
            RecheckStatus.CLOSED: FindingStatus.CLOSED,
            RecheckStatus.STILL_OPEN: FindingStatus.OPEN,
        }.get(RecheckStatus(verdict), FindingStatus.FIXED)
        with transaction.atomic():
            RecheckRequest.objects.filter(finding=finding, status=RecheckStatus.REQUESTED).update(
                status=verdict, checked=timezone.now(), http_status=status
            )
            if new_status != finding.status:
                audit.record(None, "recheck", finding, "status", finding.status, new_status)
                finding.status = new_status
                finding.save(update_fields=["status", "updated"])
        outcomes.append(RecheckOutcome(finding.pk, url, status, verdict))
    return outcomes


def pending_rechecks() -> list[int]:
    return list(Finding.objects.filter(status=FindingStatus.FIXED).values_list("pk", flat=True))


def run_rechecks(
    config: ScanConfig, finding_ids: Sequence[int] | None = None
) -> list[RecheckOutcome]:
    """Fetch every affected URL once, then close, reopen or keep each finding as its answer says."""
    ids = list(finding_ids) if finding_ids is not None else pending_rechecks()
    findings = Finding.objects.filter(pk__in=ids).select_related("scan_run__site")
    statuses = fetch_statuses((affected_url(f) for f in findings), config)
    return recheck(ids, lambda url: statuses.get(url))
