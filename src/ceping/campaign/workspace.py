"""The unit webmaster's workspace: the current campaign's score, rank and last year's, every lost
point with its evidence and how to fix it, and each finding's way through re-checks.

Only the unit's current campaign (selfcheck.current_campaign) is shown: last year's findings are
history, never listed as 待整改. Scores are shown once the organizer has published them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Prefetch, Value, When
from django.utils import timezone

from ceping.campaign.campaigns import framework_of
from ceping.campaign.deadlines import date_text, rectify_refusal
from ceping.campaign.reports import download_path
from ceping.campaign.scoring import stored_unit_result, unit_result_of
from ceping.campaign.selfcheck import current_campaign, self_check_lock
from ceping.fix_hints import fix_hint
from ceping.report.losses import Loss, losses
from ceping.report.unit_report import last_year_sentence
from ceping.scoring import CampaignResults
from ceping.vocabulary import evidence_fields, label_of, order_of
from ceping.web.models import (
    Campaign,
    Finding,
    FindingStatus,
    RecheckRequest,
    RecheckStatus,
    Unit,
    UnitResultRecord,
)

SHOWN = 500  # findings listed at once; open ones first
LINK_FIELDS = frozenset({"page", "url", "probe"})  # fields whose value may become a link


def is_published(campaign: Campaign) -> bool:
    """Units see scores and reports only once the organizer has published the results."""
    return campaign.is_published


@dataclass(frozen=True)
class EvidenceLine:
    field: str  # the finding's field ("context" is shown with the wrong text marked)
    label: str
    text: str  # untrusted scanned text: templates escape it
    link: str  # the http(s) address when the field is one, else ""


def evidence_lines(finding: Mapping[str, Any]) -> list[EvidenceLine]:
    """Every evidence field of a finding, labelled as everywhere; http(s) addresses as links."""
    lines = []
    for name, label, text in evidence_fields(finding):
        is_link = name in LINK_FIELDS and text.lower().startswith(("http://", "https://"))
        lines.append(EvidenceLine(name, label, text, text if is_link else ""))
    return lines


@dataclass(frozen=True)
class LostFinding:
    """One deduction of a lost point, with the finding behind it."""

    points: float
    kind: str  # the kind's Chinese label
    wrong: str  # a typo's wrong text (marked in its context), else ""
    evidence: list[EvidenceLine]


@dataclass(frozen=True)
class LostPart:
    source: str
    points: float
    reason: str
    sentence: str  # as the unit report says it (report.losses.Part.sentence)
    findings: list[LostFinding]
    hints: list[tuple[str, str]]  # (kind label, how to fix it), once per kind


@dataclass(frozen=True)
class LostPoint:
    code: str
    name: str
    points: float
    parts: list[LostPart]


def _lost_point(loss: Loss) -> LostPoint:
    parts = []
    for part in loss.parts:
        found = [
            LostFinding(
                d.points,
                label_of(str(d.finding.get("kind", ""))),
                str(d.finding.get("text", "")) if d.finding.get("kind") == "typo" else "",
                evidence_lines(d.finding),
            )
            for d in part.deductions
        ]
        kinds = dict.fromkeys(str(d.finding.get("kind", "")) for d in part.deductions)
        hints = [(label_of(k), fix_hint(k)) for k in sorted(kinds, key=order_of)]
        parts.append(LostPart(part.source, part.points, part.reason, part.sentence, found, hints))
    return LostPoint(loss.code, loss.name, loss.points, parts)


@dataclass(frozen=True)
class LastYear:
    campaign: str
    total: float
    max: float
    grade: str
    rank: int
    category_size: int
    sentence: str  # the unit report's words (report.unit_report.last_year_sentence)


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    kind: str
    state: str  # 待整改, 已申请复查, 复查通过, 仍未整改, 已核销（误报）
    tone: str  # badge class: bad, warn, ok, ""
    detail: str  # when and what the last re-check found, or when it was asked for
    evidence: list[EvidenceLine]
    hint: str
    may_request: bool


def _when(moment: dt.datetime | None) -> str:
    return "" if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _answer(request: RecheckRequest) -> str:
    if request.http_status is None:
        return "未得到网站应答"
    return f"网址返回状态码{request.http_status}"


def finding_state(finding: Finding, last: RecheckRequest | None) -> tuple[str, str, str]:
    """(state, badge tone, detail) of a finding as the unit follows it through its re-checks.

    A re-check that found the defect still there sends the finding back to be fixed; the unit
    is told so (仍未整改, with when and what was found), not shown 待整改 as if nothing happened.
    """
    done = last if last is not None and last.checked is not None else None
    if finding.status == FindingStatus.CLOSED:
        detail = f"{_when(done.checked)}复查：{_answer(done)}，已恢复正常" if done else ""
        return "复查通过", "ok", detail
    if finding.status == FindingStatus.DISMISSED:
        return str(FindingStatus.DISMISSED.label), "", "组织方核实为误报，不扣分"
    if finding.status == FindingStatus.FIXED:
        if done is not None and done.status == RecheckStatus.PENDING_SCAN:
            when = _when(done.checked)
            return (
                "已申请复查",
                "warn",
                f"{when}复查：页面可以打开，内容是否已改正待下次全面检测确认",
            )
        asked = f"{_when(last.requested)}申请，等待复查" if last is not None else "等待复查"
        return "已申请复查", "warn", asked
    if done is not None and done.status == RecheckStatus.STILL_OPEN:
        return "仍未整改", "bad", f"{_when(done.checked)}复查：{_answer(done)}，问题仍然存在"
    return "待整改", "bad", ""


@dataclass(frozen=True)
class Workspace:
    unit: Unit
    campaign: Campaign | None  # the current campaign; None: the unit is in none
    published: bool
    record: UnitResultRecord | None = None
    category_size: int = 0
    last_year: LastYear | None = None
    lost: list[LostPoint] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    findings_total: int = 0
    has_report: bool = False
    rectify_deadline: str = ""  # 2013年5月10日, "" when none is set
    rectify_closed: str = ""  # why re-checks are refused (the deadline passed), or ""
    self_check_deadline: str = ""
    self_check_locked: str = ""  # why the material can no longer change, or ""


def unit_report_name(unit: Unit) -> str:
    return f"units/{unit.code}.docx"


def own_report(campaign: Campaign, unit: Unit) -> Any:
    """The path of the unit's own report of `campaign` if published and written, else None."""
    if not is_published(campaign):
        return None
    return download_path(campaign, unit_report_name(unit))


def workspace(unit: Unit) -> Workspace:
    campaign = current_campaign(unit)
    if campaign is None:
        return Workspace(unit, None, False)
    published = is_published(campaign)
    record = None
    if published:
        record = (
            UnitResultRecord.objects.filter(campaign=campaign, unit=unit)
            .select_related("unit")
            .first()
        )
    rows, total = finding_rows(campaign, unit)
    closed = rectify_refusal(campaign)
    return Workspace(
        unit,
        campaign,
        published,
        record,
        category_size(campaign, unit) if record else 0,
        last_year(campaign, record) if record else None,
        lost_points(campaign, record) if record else [],
        [r if not closed else _refused(r) for r in rows],
        total,
        published and own_report(campaign, unit) is not None,
        date_text(campaign.rectify_deadline) if campaign.rectify_deadline else "",
        closed,
        date_text(campaign.self_check_deadline) if campaign.self_check_deadline else "",
        self_check_lock(campaign, unit),
    )


def _refused(row: FindingRow) -> FindingRow:
    return FindingRow(
        row.finding, row.kind, row.state, row.tone, row.detail, row.evidence, row.hint, False
    )


def category_size(campaign: Campaign, unit: Unit) -> int:
    return UnitResultRecord.objects.filter(campaign=campaign, unit__category=unit.category).count()


def lost_points(campaign: Campaign, record: UnitResultRecord) -> list[LostPoint]:
    """Every indicator the unit lost points on, told as its unit report tells it
    (report.losses)."""
    result = stored_unit_result(record)
    results = CampaignResults(campaign.name, campaign.year, framework_of(campaign), (result,), ())
    return [_lost_point(loss) for loss in losses(results, result)]


def last_year(campaign: Campaign, record: UnitResultRecord) -> LastYear | None:
    """The unit's result in the previous campaign, if it was scored and the unit was in it."""
    before = campaign.previous
    if before is None:
        return None
    peers = list(
        UnitResultRecord.objects.filter(
            campaign=before, unit__category=record.unit.category
        ).select_related("unit")
    )
    mine = next((r for r in peers if r.unit_id == record.unit_id), None)
    if mine is None:
        return None
    previous = CampaignResults(
        before.name,
        before.year,
        framework_of(before),
        tuple(unit_result_of(r, ()) for r in peers),
        (),
    )
    sentence = last_year_sentence(previous, unit_result_of(record, ()))
    return LastYear(before.name, mine.total, mine.max, mine.grade, mine.rank, len(peers), sentence)


def finding_rows(campaign: Campaign, unit: Unit) -> tuple[list[FindingRow], int]:
    """The unit's findings of `campaign` (open ones first), at most SHOWN; and how many there
    are."""
    found = Finding.objects.filter(scan_run__campaign=campaign, scan_run__site__unit=unit)
    # What is left to do first: open, then awaiting a re-check, then settled.
    step = Case(
        When(status=FindingStatus.OPEN, then=Value(0)),
        When(status=FindingStatus.FIXED, then=Value(1)),
        default=Value(2),
    )
    shown = list(
        found.prefetch_related(
            Prefetch("rechecks", queryset=RecheckRequest.objects.order_by("-requested", "-pk"))
        ).order_by(step, "kind", "page", "pk")[:SHOWN]
    )
    rows = []
    for finding in shown:
        requests = list(finding.rechecks.all())
        state, tone, detail = finding_state(finding, requests[0] if requests else None)
        rows.append(
            FindingRow(
                finding,
                label_of(finding.kind),
                state,
                tone,
                detail,
                evidence_lines(
                    {**(finding.data or {}), "kind": finding.kind, "page": finding.page}
                ),
                fix_hint(finding.kind),
                finding.status == FindingStatus.OPEN,
            )
        )
    return rows, found.count()
