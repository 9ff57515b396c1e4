"""What the organizer's dashboard shows: live progress counts, results per category, one unit's
story."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from ceping.campaign.campaigns import framework_of
from ceping.campaign.scans import pages_counted
from ceping.vocabulary import label_of
from ceping.web.models import (
    Campaign,
    ExpertAssignment,
    Finding,
    IndicatorResult,
    PortalStat,
    ScanRun,
    ScanStatus,
    SelfAssessment,
    StatisticRecord,
    SurveyResponse,
    Unit,
    UnitResultRecord,
)


def _by_label(kinds: Counter[str]) -> dict[str, int]:
    """Counts by Chinese label, most first; kinds this version does not know add up under one."""
    labels: Counter[str] = Counter()
    for kind, n in kinds.items():
        labels[label_of(kind)] += n
    return dict(labels.most_common())


def progress_counts(campaign: Campaign) -> dict[str, Any]:
    """Every count the overview shows; polled while scans and reviews are under way."""
    runs = Counter(ScanRun.objects.filter(campaign=campaign).values_list("status", flat=True))
    assignments = ExpertAssignment.objects.filter(campaign=campaign)
    findings = Counter(
        Finding.objects.filter(scan_run__campaign=campaign).values_list("kind", flat=True)
    )
    return {
        "units": campaign.units.count(),
        "scans_done": runs[ScanStatus.DONE],
        "scans_running": runs[ScanStatus.RUNNING] + runs[ScanStatus.PENDING],
        "scans_failed": runs[ScanStatus.FAILED],
        "pages": pages_counted(campaign),
        "findings": sum(findings.values()),
        "findings_by_kind": _by_label(findings),
        "experts": assignments.values("expert").distinct().count(),
        "assignments": assignments.count(),
        "assignments_submitted": assignments.filter(submitted__isnull=False).count(),
        "responses": SurveyResponse.objects.filter(campaign=campaign).count(),
        "portal_rows": PortalStat.objects.filter(campaign=campaign).count(),
        "self_checks": SelfAssessment.objects.filter(campaign=campaign).count(),
        "scored": UnitResultRecord.objects.filter(campaign=campaign).count(),
    }


@dataclass(frozen=True)
class ResultRow:
    rank: int
    code: str
    name: str
    category: str
    areas: list[float]
    total: float
    grade: str


def result_rows(campaign: Campaign) -> list[ResultRow]:
    framework = framework_of(campaign)
    codes = [a.code for a in framework.areas]
    records = UnitResultRecord.objects.filter(campaign=campaign).select_related("unit")
    order = {name: i for i, name in enumerate(framework.category_names)}
    rows = [
        ResultRow(
            r.rank,
            r.unit.code,
            r.unit.short_name,
            r.unit.category,
            [round(r.area_points.get(c, 0.0), 2) for c in codes],
            round(r.total, 2),
            r.grade,
        )
        for r in records
    ]
    return sorted(rows, key=lambda row: (order.get(row.category, 99), row.rank))


def grade_distribution(campaign: Campaign) -> dict[str, Any]:
    """Units per category and grade, for a stacked bar chart."""
    framework = framework_of(campaign)
    grades = [*framework.grading.grades, "未评等级"]
    counts = Counter(
        (category, grade or "未评等级")
        for category, grade in UnitResultRecord.objects.filter(campaign=campaign).values_list(
            "unit__category", "grade"
        )
    )
    categories = [c for c in framework.category_names if any(counts[(c, g)] for g in grades)]
    return {
        "categories": categories,
        "series": [{"name": g, "data": [counts[(c, g)] for c in categories]} for g in grades],
    }


def area_rates(campaign: Campaign) -> dict[str, Any]:
    """优良率 of every area for all units, with last year's beside it."""
    framework = framework_of(campaign)
    stats = {
        s.area: s
        for s in StatisticRecord.objects.filter(campaign=campaign, key="good_rate", category="")
    }
    areas = [a for a in framework.areas if a.code in stats]
    previous = [
        None if stats[a.code].previous is None else round(stats[a.code].previous, 1) for a in areas
    ]
    return {
        "areas": [f"{a.code} {a.name}" for a in areas],
        "current": [round(stats[a.code].value, 1) for a in areas],
        "previous": previous,
        "has_previous": any(v is not None for v in previous),
        "year": campaign.year,
    }


@dataclass(frozen=True)
class UnitStory:
    unit: Unit
    record: UnitResultRecord | None
    indicators: list[tuple[Any, IndicatorResult | None]]  # framework leaf, its stored score
    findings: list[Finding]
    history: list[UnitResultRecord]
    category_size: int
    # The record's missing codes told apart: single vetoes awaiting the organizer's verdict
    # (code and name), and indicators without input.
    pending: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def unit_story(campaign: Campaign, unit: Unit) -> UnitStory:
    framework = framework_of(campaign)
    record = UnitResultRecord.objects.filter(campaign=campaign, unit=unit).first()
    scores = {i.code: i for i in record.indicators.all()} if record is not None else {}
    findings = list(
        Finding.objects.filter(scan_run__campaign=campaign, scan_run__site__unit=unit).order_by(
            "kind", "page"
        )
    )
    history = list(
        UnitResultRecord.objects.filter(unit=unit)
        .select_related("campaign")
        .order_by("-campaign__year")
    )
    size = UnitResultRecord.objects.filter(campaign=campaign, unit__category=unit.category).count()
    vetoes = {v.code: v.name for v in framework.vetoes}
    missing = record.missing if record is not None else []
    return UnitStory(
        unit,
        record,
        [(leaf, scores.get(leaf.code)) for leaf in framework.leaves()],
        findings,
        history,
        size,
        pending=[f"{code} {vetoes[code]}" for code in missing if code in vetoes],
        absent=[code for code in missing if code not in vetoes],
    )


def findings_per_unit(campaign: Campaign) -> dict[str, int]:
    rows = (
        Finding.objects.filter(scan_run__campaign=campaign)
        .values("scan_run__site__unit__code")
        .annotate(n=Count("id"))
    )
    return {r["scan_run__site__unit__code"]: r["n"] for r in rows}
