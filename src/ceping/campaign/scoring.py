"""Score a stored campaign: read its raw inputs from the database, call ceping.scoring, store the
results."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from django.db import transaction

from ceping.campaign.bulk import BATCH, insert, raw_rows
from ceping.campaign.campaigns import framework_of
from ceping.campaign.scoring_inputs import campaign_inputs
from ceping.gc_pause import gc_paused
from ceping.scoring import (
    CampaignResults,
    Deduction,
    IndicatorScore,
    Statistic,
    UnitResult,
    score_campaign,
)
from ceping.web.models import (
    Campaign,
    CampaignStatus,
    IndicatorResult,
    StatisticRecord,
    UnitResultRecord,
)


@dataclass(frozen=True)
class Timings:
    """Seconds spent reading inputs, scoring and storing (for the benchmark and the command)."""

    read_s: float
    score_s: float
    store_s: float
    cpu_s: tuple[float, float, float] = (0.0, 0.0, 0.0)  # this process's CPU seconds in each phase


def previous_results(campaign: Campaign) -> CampaignResults | None:
    """The previous campaign's stored statistics (what `previous` of each statistic needs)."""
    before = campaign.previous
    if before is None or not before.statistics.exists():
        return None
    return CampaignResults(
        before.name, before.year, framework_of(before), (), tuple(_statistics(before))
    )


def score_and_store(campaign: Campaign) -> tuple[CampaignResults, Timings]:
    """Score the campaign from its stored inputs and replace its stored results."""
    import time

    marks = [(time.perf_counter(), time.process_time())]
    with gc_paused():
        units, inputs = campaign_inputs(campaign)
        marks.append((time.perf_counter(), time.process_time()))
        results = score_campaign(framework_of(campaign), units, inputs, previous_results(campaign))
        marks.append((time.perf_counter(), time.process_time()))
        store_results(campaign, results)
        marks.append((time.perf_counter(), time.process_time()))
    wall = [b[0] - a[0] for a, b in itertools.pairwise(marks)]
    cpu = [b[1] - a[1] for a, b in itertools.pairwise(marks)]
    return results, Timings(wall[0], wall[1], wall[2], (cpu[0], cpu[1], cpu[2]))


def store_results(campaign: Campaign, results: CampaignResults) -> None:
    """Replace the campaign's results with these, in one transaction."""
    unit_ids = dict(campaign.units.values_list("code", "id"))
    with transaction.atomic():
        UnitResultRecord.objects.filter(campaign=campaign).delete()
        StatisticRecord.objects.filter(campaign=campaign).delete()
        UnitResultRecord.objects.bulk_create(
            [_unit_record(campaign, unit_ids[u.code], u) for u in results.units], batch_size=BATCH
        )
        # not every backend returns the new keys from a bulk insert: read them back
        ids = dict(
            UnitResultRecord.objects.filter(campaign=campaign).values_list("unit__code", "id")
        )
        _insert_indicator_rows((ids[u.code], s) for u in results.units for s in u.scores)
        StatisticRecord.objects.bulk_create(
            [_statistic_record(campaign, s) for s in results.statistics], batch_size=BATCH
        )
        campaign.status = CampaignStatus.SCORED
        # New results are the organizer's to look at first: units see them once published.
        campaign.published_at = None
        campaign.save(update_fields=["status", "published_at"])


def _unit_record(campaign: Campaign, unit_id: int, unit: UnitResult) -> UnitResultRecord:
    return UnitResultRecord(
        campaign=campaign,
        unit_id=unit_id,
        total=unit.total,
        max=unit.max,
        grade=unit.grade or "",
        rank=unit.rank,
        area_points=dict(unit.area_points),
        vetoes=list(unit.vetoes),
        missing=list(unit.missing),
    )


def _insert_indicator_rows(scores: Iterable[tuple[int, IndicatorScore]]) -> None:
    """Write the leaf scores in bulk (COPY on PostgreSQL, executemany elsewhere).

    A national campaign has ~10⁶ leaf scores; through the ORM each row costs a model
    instance and per-field preparation (≈250 µs here), this way ≈20 µs.
    """
    columns = ("unit_result_id", "code", "points", "max", "rule", "inputs", "deductions", "missing")
    insert(
        IndicatorResult,
        columns,
        (_indicator_row(unit_result_id, score) for unit_result_id, score in scores),
    )


def _indicator_row(unit_result_id: int, score: IndicatorScore) -> tuple[Any, ...]:
    deductions = [
        {"points": d.points, "reason": d.reason, "finding": d.finding} for d in score.deductions
    ]
    return (
        unit_result_id,
        score.code,
        score.points,
        score.max,
        score.rule[:300],
        _json(dict(score.inputs)),
        _json(deductions) if deductions else "[]",
        score.missing,
    )


def _json(value: Any) -> str:
    """JSON text for a JSON column (text: as bytes it would be stored as a blob)."""
    return orjson.dumps(value, default=_plain).decode()


def _plain(value: Any) -> Any:
    """What orjson cannot write by itself: read-only mappings of the results."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _statistic_record(campaign: Campaign, stat: Statistic) -> StatisticRecord:
    return StatisticRecord(
        campaign=campaign,
        key=stat.key,
        category=stat.category or "",
        area=stat.area or "",
        value=stat.value,
        unit=stat.unit,
        previous=stat.previous,
        label=stat.label,
    )


def stored_results(campaign: Campaign) -> CampaignResults:
    """The campaign's stored results as CampaignResults (what reports read)."""
    records = list(UnitResultRecord.objects.filter(campaign=campaign).select_related("unit"))
    code_of = {r.pk: r.unit.code for r in records}
    scores: dict[int, list[IndicatorScore]] = {}
    # ~10⁶ rows at national scale: read raw and decoded with orjson (24 s through the ORM).
    rows = (
        IndicatorResult.objects.filter(unit_result__campaign=campaign)
        .order_by("id")
        .values_list(
            "unit_result_id", "code", "points", "max", "rule", "inputs", "deductions", "missing"
        )
    )
    with gc_paused():
        for result_id, code, points, top, rule, inputs, deductions, missing in raw_rows(rows):
            scores.setdefault(result_id, []).append(
                IndicatorScore(
                    code_of[result_id],
                    code,
                    points,
                    top,
                    rule,
                    orjson.loads(inputs),
                    tuple(
                        Deduction(d["points"], d["reason"], d["finding"])
                        for d in orjson.loads(deductions)
                    ),
                    bool(missing),
                )
            )
    units = tuple(unit_result_of(r, scores.get(r.pk, ())) for r in records)
    return CampaignResults(
        campaign.name,
        campaign.year,
        framework_of(campaign),
        units,
        tuple(_statistics(campaign)),
        is_sample_data=campaign.is_sample_data,
    )


def unit_result_of(record: UnitResultRecord, scores: Iterable[IndicatorScore]) -> UnitResult:
    return UnitResult(
        code=record.unit.code,
        name=record.unit.name,
        short_name=record.unit.short_name,
        category=record.unit.category,
        total=record.total,
        max=record.max,
        grade=record.grade or None,
        rank=record.rank,
        area_points=record.area_points,
        scores=tuple(scores),
        vetoes=tuple(record.vetoes),
        missing=tuple(record.missing),
    )


def stored_unit_result(record: UnitResultRecord) -> UnitResult:
    """One unit's stored result with its leaf scores (what its own page reads: one unit's
    rows, not the campaign's)."""
    rows = record.indicators.order_by("id")
    return unit_result_of(
        record,
        (
            IndicatorScore(
                record.unit.code,
                row.code,
                row.points,
                row.max,
                row.rule,
                row.inputs,
                tuple(Deduction(d["points"], d["reason"], d["finding"]) for d in row.deductions),
                bool(row.missing),
            )
            for row in rows
        ),
    )


def _statistics(campaign: Campaign) -> list[Statistic]:
    rows = StatisticRecord.objects.filter(campaign=campaign).order_by("id")
    return [
        Statistic(r.key, r.value, r.unit, r.category or None, r.area or None, r.previous, r.label)
        for r in rows
    ]


def is_scored(campaign: Campaign) -> bool:
    return campaign.unit_results.exists()
