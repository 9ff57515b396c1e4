"""Score a whole campaign: raw inputs → indicator scores → totals → ranks and grades → statistics.

Entry point::

    score_campaign(framework, units, inputs, previous=None) -> CampaignResults

`units` are `UnitInput`s (code, name, short name, category); `inputs` is a
`CampaignInputs` holding the raw records of every source: the scan JSON per
unit (`scans`), `ExpertRating`s per (unit, leaf, expert) — points, or a choice
on a scaled leaf —, `PublicAnswer`s per (respondent, unit, item, choice),
`PortalRow`s and `SelfPoints`. `previous` is the previous campaign's results;
its statistics fill each statistic's `previous`. Inputs naming an unknown
unit, leaf or choice raise InputError listing every bad row.
"""

from __future__ import annotations

from collections.abc import Sequence

from ceping.errors import InputError, Problem, at, quoted
from ceping.framework import Framework
from ceping.gc_pause import gc_paused
from ceping.scoring.evidence import UnitEvidence, gather
from ceping.scoring.grading import Standing, rank_and_grade
from ceping.scoring.indicators import LeafPlan, leaf_plans, score_leaf
from ceping.scoring.inputs import CampaignInputs, UnitInput
from ceping.scoring.results import CampaignResults, IndicatorScore, UnitResult
from ceping.scoring.statistics import campaign_statistics
from ceping.scoring.totals import Totals, unit_totals


def score_campaign(
    framework: Framework,
    units: Sequence[UnitInput],
    inputs: CampaignInputs,
    previous: CampaignResults | None = None,
) -> CampaignResults:
    """Score every unit on every applicable leaf, total, rank, grade and compute the statistics."""
    _check_units(framework, units)
    with gc_paused():
        evidence, raters = gather(framework, units, inputs)
        plans = {c: leaf_plans(framework, c) for c in framework.category_names}
        scored = [_score_unit(framework, plans[u.category], u, evidence[u.code]) for u in units]
        results = _ranked(framework, scored)
        statistics = campaign_statistics(framework, results, evidence, raters, previous)
    return CampaignResults(
        campaign=inputs.campaign,
        year=inputs.year,
        framework=framework,
        units=tuple(results),
        statistics=statistics,
        is_sample_data=inputs.is_sample_data,
    )


def _check_units(framework: Framework, units: Sequence[UnitInput]) -> None:
    problems = []
    seen: set[str] = set()
    for row, unit in enumerate(units, start=1):
        if unit.category not in framework.category_names:
            known = "、".join(framework.category_names)
            problems.append(
                Problem(
                    "单位名单",
                    at(row),
                    "类别",
                    f"没有这个类别：{quoted(unit.category)}（可选：{known}）",
                )
            )
        if unit.code in seen:
            problems.append(
                Problem("单位名单", at(row), "单位代码", f"单位代码重复：{quoted(unit.code)}")
            )
        seen.add(unit.code)
    if problems:
        raise InputError(problems)


def _score_unit(
    framework: Framework, plans: Sequence[LeafPlan], unit: UnitInput, evidence: UnitEvidence
) -> tuple[UnitInput, tuple[IndicatorScore, ...], Totals]:
    scores = tuple([score_leaf(plan, unit.code, evidence) for plan in plans])
    return (
        unit,
        scores,
        unit_totals(framework, scores, evidence.machine, unit.category, evidence.verdicts),
    )


def _ranked(
    framework: Framework, scored: Sequence[tuple[UnitInput, tuple[IndicatorScore, ...], Totals]]
) -> list[UnitResult]:
    standings: dict[str, list[Standing]] = {c: [] for c in framework.category_names}
    for unit, _, totals in scored:
        areas = tuple(totals.area_points.get(a.code, 0.0) for a in framework.areas)
        standing = Standing(unit.code, totals.total, areas, not totals.missing, bool(totals.vetoes))
        standings[unit.category].append(standing)
    placed = {}
    for category, members in standings.items():
        placed.update(rank_and_grade(framework, category, members))
    results = []
    for unit, scores, totals in scored:
        rank, grade = placed[unit.code]
        results.append(
            UnitResult(
                code=unit.code,
                name=unit.name,
                short_name=unit.short_name,
                category=unit.category,
                total=totals.total,
                max=totals.max,
                grade=grade,
                rank=rank,
                area_points=totals.area_points,
                scores=scores,
                vetoes=totals.vetoes,
                missing=totals.missing,
            )
        )
    return results
