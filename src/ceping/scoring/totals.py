"""A unit's totals: branch points, single-veto items, and its total out of its max."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ceping.framework import Framework, Indicator, Veto, VetoEffect
from ceping.scoring.machine import MachineFacts
from ceping.scoring.results import IndicatorScore, Json
from ceping.scoring.rules import matches, round_points


@dataclass(frozen=True)
class Totals:
    total: float
    max: float
    area_points: Mapping[str, float]
    vetoes: tuple[str, ...]
    missing: tuple[str, ...]


def unit_totals(
    framework: Framework,
    scores: Iterable[IndicatorScore],
    machine: MachineFacts | None,
    category: str | None = None,
    verdicts: Mapping[str, bool] | None = None,
) -> Totals:
    """Sum the leaf points up the tree, then apply any single-veto item that hits the unit.

    A missing leaf adds nothing and is listed; the unit is then not graded. So is an organizer
    veto without the organizer's verdict (`verdicts`: veto code → hit): it is pending (待核实),
    never passed by default.
    """
    by_code = {s.code: s for s in scores}
    area_points: dict[str, float] = {}
    for area in framework.areas:
        _add_up(area, by_code, area_points)
    factor = _factor(framework, category)
    total = round_points(
        factor * sum(area_points.get(a.code, 0.0) for a in framework.areas if not a.is_bonus)
    )
    # A bonus area (加分指标) adds its points only above its threshold on the other areas.
    bonus = sum(
        area_points.get(a.code, 0.0)
        for a in framework.areas
        if a.bonus_above is not None and total > a.bonus_above
    )
    total = round_points(total + bonus)
    vetoes = [v for v in framework.vetoes if v.applies_to(category)]
    verdicts = verdicts or {}
    hit = vetoes_hit((v for v in vetoes if not v.by_organizer), machine.findings if machine else ())
    hit += [v for v in vetoes if v.by_organizer and verdicts.get(v.code)]
    pending = tuple(v.code for v in vetoes if v.by_organizer and v.code not in verdicts)
    for veto in hit:
        total = 0.0 if veto.effect is VetoEffect.ZERO else min(total, veto.cap or 0.0)
    extra = framework.bonus_leaf_codes
    return Totals(
        total=total,
        max=round_points(factor * sum(s.max for s in by_code.values() if s.code not in extra)),
        area_points=MappingProxyType(area_points),
        vetoes=tuple(v.code for v in hit),
        missing=tuple(s.code for s in by_code.values() if s.missing) + pending,
    )


def _factor(framework: Framework, category: str | None) -> float:
    if category is None or category not in framework.category_names:
        return 1.0
    return framework.category(category).factor


def _add_up(
    node: Indicator, scores: Mapping[str, IndicatorScore], out: dict[str, float]
) -> float | None:
    """Points of a node from its scored leaves; None when no leaf below it applies."""
    if node.is_leaf:
        score = scores.get(node.code)
        return None if score is None else score.points
    parts = [p for p in (_add_up(child, scores, out) for child in node.children) if p is not None]
    if not parts:
        return None
    out[node.code] = round_points(sum(parts))
    return out[node.code]


def vetoes_hit(vetoes: Iterable[Veto], findings: Iterable[Json]) -> list[Veto]:
    """The single-veto items whose findings occur at least `at_least` times."""
    findings = tuple(findings)
    return [veto for veto in vetoes if len(triggering(veto, findings)) >= veto.at_least]


def triggering(veto: Veto, findings: Iterable[Json]) -> list[Json]:
    """The findings a veto counts: what a report names as its cause."""
    return [f for f in findings if matches(f, veto.findings, veto.where)]
