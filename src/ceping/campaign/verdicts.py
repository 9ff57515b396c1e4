"""The organizer's verdicts on the single vetoes a machine cannot decide (安全泄密, 弄虚作假 …).

A framework marks such a veto `source: organizer`; until the organizer enters a verdict for a
unit, the unit is pending on it (待核实) and not graded. A verdict that the veto hits must carry
its evidence (what was found, where, when), as a finding does.

Stored, for now, in the unit's self-inspection row under the veto's code (that table already
holds the organizer's verified word per unit and item, with who and when): `verified_points`
is 1 for a hit and 0 for none, `material` the evidence. A veto code is never a leaf code
(the framework loader refuses duplicates), so the two uses do not meet.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ceping.campaign import audit
from ceping.campaign.campaigns import framework_of
from ceping.errors import CepingError
from ceping.framework import Framework, Veto
from ceping.scoring import OrganizerVerdict
from ceping.web.models import Campaign, SelfAssessment

HIT, NOT_HIT = 1.0, 0.0
EVIDENCE_MAX_CHARS = 2000


class VerdictError(CepingError):
    """A verdict the rules do not allow; the message is for people (中文)."""


def organizer_vetoes(framework: Framework) -> list[Veto]:
    return [v for v in framework.vetoes if v.by_organizer]


def enter_verdict(
    campaign: Campaign, unit_code: str, veto_code: str, *, hit: bool, evidence: str, who: Any
) -> None:
    """Record the organizer's verdict on one veto for one unit (replacing an earlier one)."""
    vetoes = {v.code: v for v in organizer_vetoes(framework_of(campaign))}
    if veto_code not in vetoes:
        known = "、".join(f"{v.code} {v.name}" for v in vetoes.values()) or "无"
        raise VerdictError(f"{veto_code} 不是需由组织方核实的单项否决指标（本活动有：{known}）")
    unit = campaign.units.filter(code=unit_code).first()
    if unit is None:
        raise VerdictError(f"测评活动“{campaign.name}”中没有代码为 {unit_code} 的单位")
    evidence = evidence.strip()
    if hit and not evidence:
        raise VerdictError("判定单项否决时须写明依据（发现的问题、所在页面、发现时间）")
    if len(evidence) > EVIDENCE_MAX_CHARS:
        raise VerdictError(f"核实依据过长（最多 {EVIDENCE_MAX_CHARS} 字）")
    value = HIT if hit else NOT_HIT
    with transaction.atomic():
        row, _ = SelfAssessment.objects.get_or_create(
            campaign=campaign, unit=unit, indicator=veto_code
        )
        audit.record(who, "verdict", row, "verified_points", row.verified_points, value)
        row.verified_points, row.material = value, evidence
        row.verified_by = who if getattr(who, "is_authenticated", False) else None
        row.save()


def stored_verdicts(campaign: Campaign, framework: Framework) -> list[OrganizerVerdict]:
    """Every verdict entered for the campaign's organizer vetoes."""
    codes = [v.code for v in organizer_vetoes(framework)]
    rows = SelfAssessment.objects.filter(
        campaign=campaign, indicator__in=codes, verified_points__isnull=False
    ).values_list("unit__code", "indicator", "verified_points", "material")
    return [
        OrganizerVerdict(unit, veto, points == HIT, material)
        for unit, veto, points, material in rows
    ]
