"""Unit self-inspection: material per self-assessed indicator, its attachments and the organizer's
verification."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ceping.campaign import audit, roles
from ceping.campaign.campaigns import framework_of
from ceping.campaign.deadlines import self_check_refusal
from ceping.campaign.scoring import is_scored
from ceping.errors import CepingError
from ceping.framework import Framework, Source
from ceping.web.models import (
    Campaign,
    CampaignStatus,
    SelfAssessment,
    SelfAttachment,
    Unit,
)


class SelfCheckError(CepingError):
    """A request the rules do not allow; the message is for people (中文)."""


# ---- material per self-assessed indicator -------------------------------------------------------


@dataclass(frozen=True)
class SelfItem:
    code: str
    name: str
    max: float


def self_items(framework: Framework) -> list[SelfItem]:
    return [
        SelfItem(leaf.code, leaf.name, leaf.max)
        for leaf in framework.leaves()
        if Source.SELF in leaf.sources
    ]


# The first bytes each accepted type must start with (a renamed .exe is refused).
MAGIC = {
    ".pdf": (b"%PDF",), ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
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


def current_campaign(unit: Unit) -> Campaign | None:
    """The campaign a unit works in now: its latest. An older one (last year's) is closed to it:
    its findings are not to rectify and its material not to change."""
    return Campaign.objects.filter(units=unit).order_by("-year", "-created", "-pk").first()


def self_check_lock(campaign: Campaign, unit: Unit) -> str:
    """Why the unit's material of `campaign` can no longer change (a sentence for it), or ""."""
    if current_campaign(unit) != campaign:
        return "该测评活动已结束，自查材料不能再修改"
    if campaign.status in (CampaignStatus.SCORED, CampaignStatus.PUBLISHED) or is_scored(campaign):
        return "本次测评已计分，自查材料不能再修改"
    return self_check_refusal(campaign)


def save_all_material(
    campaign: Campaign,
    unit: Unit,
    texts: Mapping[str, str],
    uploads: Mapping[str, Sequence[UploadedFile]],
    who: Any,
) -> list[str]:
    """Store the unit's material of every self-assessed indicator at once (one form): all or,
    on any error, nothing; the errors, or [].

    An indicator absent from `texts` keeps its stored text; one left empty and never saved
    gets no row (the organizer reviews what units wrote, not empty forms).
    """
    lock = self_check_lock(campaign, unit)
    if lock:
        return [lock]
    items = self_items(framework_of(campaign))
    codes = {item.code for item in items}
    errors = [f"指标 {code} 不是自查指标" for code in sorted((set(texts) | set(uploads)) - codes)]
    errors += [
        f"{code}：{error}"
        for code in sorted(uploads)
        for upload in uploads[code]
        if (error := check_upload(upload))
    ]
    if errors:
        return errors
    stored = {a.indicator: a for a in SelfAssessment.objects.filter(campaign=campaign, unit=unit)}
    with transaction.atomic():
        for item in items:
            text, files = texts.get(item.code), uploads.get(item.code, ())
            if item.code in stored or text or files:
                _store(campaign, unit, item.code, text, files, who)
    return []


def _store(
    campaign: Campaign,
    unit: Unit,
    code: str,
    text: str | None,
    uploads: Sequence[UploadedFile],
    who: Any,
) -> None:
    assessment, created = SelfAssessment.objects.get_or_create(
        campaign=campaign, unit=unit, indicator=code
    )
    if text is not None and assessment.material != text:
        old = None if created else assessment.material
        audit.record(who, "self_material", assessment, "material", old, text)
        assessment.material = text
        assessment.save()
    for upload in uploads:
        name = Path(upload.name or "file").name[:200]
        attachment = SelfAttachment.objects.create(
            assessment=assessment, file=upload, name=name, size=upload.size or 0
        )
        audit.record(who, "attach", attachment, "file", None, name)


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
    return role == "organizer" or (
        role == "unit" and roles.unit_of(user) == attachment.assessment.unit
    )
