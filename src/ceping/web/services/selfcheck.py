"""Unit self-inspection: findings with evidence, re-check requests and their outcome, material per indicator."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ceping.errors import CepingError
from ceping.framework import Framework, Source
from ceping.web.models import (
    Campaign,
    Finding,
    FindingStatus,
    RecheckRequest,
    RecheckStatus,
    SelfAssessment,
    SelfAttachment,
    Unit,
)
from ceping.web.services import audit, roles
from ceping.web.services.frameworks import framework_of

FetchStatus = Callable[[str], "int | None"]  # URL -> HTTP status, None when no answer came
# Finding kinds whose defect is the HTTP answer itself: a good answer closes them.
SETTLED_BY_STATUS = frozenset({"broken_link", "unreachable"})


class SelfCheckError(CepingError):
    """A request the rules do not allow; the message is for people (中文)."""


# ---- re-checks ----------------------------------------------------------------------------------


def affected_url(finding: Finding) -> str:
    """The URL whose answer decides the finding: the broken target, else the page, else the site."""
    target = finding.data.get("url") if isinstance(finding.data, dict) else None
    if finding.kind == "broken_link" and target:
        return str(target)
    return finding.page or finding.scan_run.site.url


def request_recheck(user: Any, finding_ids: Iterable[int], note: str = "") -> list[Finding]:
    """The unit says it fixed these findings; they wait for a re-check. Only the unit's own open findings."""
    if roles.role_of(user) != "unit":
        raise SelfCheckError("只有被测单位可以申请复查")
    ids = list(finding_ids)
    if not ids:
        raise SelfCheckError("请先勾选已整改的问题")
    findings = list(roles.findings_visible_to(user).filter(pk__in=ids, status=FindingStatus.OPEN))
    if len(findings) != len(set(ids)):
        raise SelfCheckError("只能对本单位待整改的问题申请复查")
    with transaction.atomic():
        for finding in findings:
            RecheckRequest.objects.create(finding=finding, requested_by=user, note=note[:2000])
            audit.record(user, "recheck_request", finding, "status", finding.status, FindingStatus.FIXED)
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
    """Fetch each awaiting finding's affected URL again; close it, reopen it, or leave it to the scanner.

    `fetch_status` is injected so the scanner's fetcher (with its address policy and limits)
    is what goes out on the network; tests pass a loopback client.
    """
    findings = Finding.objects.filter(pk__in=finding_ids, status=FindingStatus.FIXED).select_related("scan_run__site")
    outcomes = []
    for finding in findings:
        url = affected_url(finding)
        status = fetch_status(url)
        verdict = _judge(finding.kind, status)
        new_status = {RecheckStatus.CLOSED: FindingStatus.CLOSED, RecheckStatus.STILL_OPEN: FindingStatus.OPEN}.get(
            RecheckStatus(verdict), FindingStatus.FIXED)
        with transaction.atomic():
            RecheckRequest.objects.filter(finding=finding, status=RecheckStatus.REQUESTED).update(
                status=verdict, checked=timezone.now(), http_status=status)
            if new_status != finding.status:
                audit.record(None, "recheck", finding, "status", finding.status, new_status)
                finding.status = new_status
                finding.save(update_fields=["status", "updated"])
        outcomes.append(RecheckOutcome(finding.pk, url, status, verdict))
    return outcomes


def http_status(url: str, timeout_s: float = 10.0) -> int | None:
    """A plain fetcher for `recheck` until the scanner's is plugged in: status of a GET, None if no answer."""
    import urllib.error
    import urllib.request

    if not url.lower().startswith(("http://", "https://")):
        return None
    request = urllib.request.Request(url, headers={"User-Agent": "ceping-recheck/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # scheme checked above
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def pending_rechecks() -> list[int]:
    return list(Finding.objects.filter(status=FindingStatus.FIXED).values_list("pk", flat=True))


# ---- material per self-assessed indicator ---------------------------------------------------------


@dataclass(frozen=True)
class SelfItem:
    code: str
    name: str
    max: float


def self_items(framework: Framework) -> list[SelfItem]:
    return [SelfItem(leaf.code, leaf.name, leaf.max) for leaf in framework.leaves() if Source.SELF in leaf.sources]


# The first bytes each accepted type must start with (a renamed .exe is refused).
MAGIC = {
    ".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
}  # fmt: skip


def check_upload(upload: UploadedFile) -> str:
    """An error message for a file that may not be attached, or ""."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in settings.ATTACHMENT_TYPES:
        return f"{name}：不支持的文件类型（允许 {'、'.join(settings.ATTACHMENT_TYPES)}）"
    if upload.size is None or upload.size > settings.ATTACHMENT_MAX_BYTES:
        return f"{name}：文件过大（最大 {settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB）"
    if upload.size == 0:
        return f"{name}：文件为空"
    head = upload.read(8)
    upload.seek(0)
    if suffix in MAGIC and not head.startswith(MAGIC[suffix]):
        return f"{name}：文件内容与扩展名不符"
    if suffix == ".txt" and b"\x00" in head:
        return f"{name}：文件内容与扩展名不符"
    return ""


def save_material(campaign: Campaign, unit: Unit, code: str, text: str, uploads: Sequence[UploadedFile],
                  who: Any) -> list[str]:
    """Store the unit's material (and attachments) for one self-assessed indicator; errors, or []."""
    codes = {item.code for item in self_items(framework_of(campaign))}
    if code not in codes:
        return [f"指标 {code} 不是自查指标"]
    errors = [e for upload in uploads if (e := check_upload(upload))]
    if errors:
        return errors
    with transaction.atomic():
        assessment, created = SelfAssessment.objects.get_or_create(campaign=campaign, unit=unit, indicator=code)
        if assessment.material != text:
            audit.record(who, "self_material", assessment, "material", None if created else assessment.material, text)
            assessment.material = text
            assessment.save()
        for upload in uploads:
            name = Path(upload.name or "file").name[:200]
            attachment = SelfAttachment.objects.create(assessment=assessment, file=upload, name=name, size=upload.size or 0)
            audit.record(who, "attach", attachment, "file", None, name)
    return []


# ---- the organizer's verification ---------------------------------------------------------------


def verify(assessment: SelfAssessment, points: str, who: Any) -> str:
    """Set the verified points of a unit's self-assessment; an error message, or ""."""
    items = {item.code: item for item in self_items(framework_of(assessment.campaign))}
    item = items.get(assessment.indicator)
    if item is None:
        return f"指标 {assessment.indicator} 不是自查指标"
    try:
        value = float(points)
    except ValueError:
        return "请填写数字"
    if math.isnan(value) or not 0 <= value <= item.max:
        return f"核定得分应在 0 到 {item.max:g} 分之间"
    old = assessment.verified_points
    if old != value:
        assessment.verified_points, assessment.verified_by = value, who
        assessment.save(update_fields=["verified_points", "verified_by", "updated"])
        audit.record(who, "verify", assessment, "verified_points", old, value)
    return ""


def may_read_attachment(user: Any, attachment: SelfAttachment) -> bool:
    role = roles.role_of(user)
    return role == "organizer" or (role == "unit" and roles.unit_of(user) == attachment.assessment.unit)
