"""Framework rules applied to one source's measurements or findings: points with their reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ceping.framework import Rule, RuleKind
from ceping.scoring.results import Deduction, Json
from ceping.vocabulary import FIELD_DEFAULTS, label_of, measure_label, measure_value, where_text


def round_points(value: float) -> float:
    """Points to 2 decimals, half up; the tolerance absorbs binary noise (0.125 → 0.13)."""
    scaled = value * 100
    return float(int(scaled + 0.5 + 1e-7)) / 100 if scaled >= 0 else -round_points(-value)


class Outcome(NamedTuple):
    """Points out of the leaf's max, before a source's share is applied (a tuple: made by the
    million)."""

    points: float
    deductions: tuple[Deduction, ...] = ()
    missing: bool = False
    matched: int = 0  # findings a DEDUCT rule counted (some may be past the cap)


def matches(finding: Json, kinds: Sequence[str], where: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a finding is of one of the kinds and each field of `where` has one of its values."""
    if finding.get("kind") not in kinds:
        return False
    if not where:
        return True
    kind = str(finding.get("kind"))
    return all(
        str(finding.get(key, FIELD_DEFAULTS.get((kind, key)))) in values
        for key, values in where.items()
    )


def apply_deduct(rule: Rule, max_points: float, findings: Sequence[Json]) -> Outcome:
    """Max minus `per` for each matching finding, never more than the cap in all."""
    cap = max_points if rule.cap is None else min(rule.cap, max_points)
    left = cap
    deductions: list[Deduction] = []
    reasons: dict[
        str, str
    ] = {}  # by finding kind: formatted once, not per finding (10⁵ per campaign)
    matched = 0
    for finding in findings:
        if not matches(finding, rule.findings, rule.where):
            continue
        matched += 1
        if left <= 1e-12:
            continue
        taken = min(rule.per, left)
        left -= taken
        kind = str(finding.get("kind"))
        reason = reasons.get(kind)
        if reason is None:
            reason = reasons[kind] = f"{label_of(kind)}，每处扣 {rule.per:g} 分"
        deductions.append(Deduction(taken, reason, finding))
    return Outcome(max_points - (cap - left), tuple(deductions), False, matched)


def apply_measure(rule: Rule, max_points: float, value: float | None) -> Outcome:
    """A BANDS or LINEAR rule on one measure; no value means the input is missing."""
    if value is None:
        return Outcome(points=0.0, missing=True)
    if rule.kind is RuleKind.BANDS:
        band = next((b for b in rule.bands if b.contains(value)), None)
        return Outcome(points=0.0 if band is None else band.points)
    share = (value - rule.low) / (rule.high - rule.low)
    return Outcome(points=max_points * min(1.0, max(0.0, share)))


def describe(rule: Rule | None) -> str:
    """A rule as people read it in a score table."""
    if rule is None:
        return ""
    if rule.kind is RuleKind.DEDUCT:
        # Shown beside the points on the unit's page: the finding kinds by their Chinese names.
        kinds = "、".join(label_of(k) for k in rule.findings)
        where = "，".join(where_text(k, vs) for k, vs in rule.where.items())
        where = f"（{where}）" if where else ""
        cap = "" if rule.cap is None else f"，最多扣 {rule.cap:g} 分"
        return f"{kinds}{where}每处扣 {rule.per:g} 分{cap}"
    measure = rule.measure
    if rule.kind is RuleKind.BANDS:
        # Bands are tried in order; the first that holds gives the points.
        bands = "，".join(_band_text(measure, b.at_least, b.at_most, b.points) for b in rule.bands)
        return f"{measure_label(measure)}：{bands}，其余得0分"
    if (rule.low, rule.high) == (0.0, 1.0) and measure.endswith("_rate"):
        return f"按{measure_label(measure)}得分（100%得满分）"
    low, high = measure_value(measure, rule.low), measure_value(measure, rule.high)
    return f"{measure_label(measure)}：{low}及以下得0分，{high}及以上得满分，其间按比例计分"


def _band_text(measure: str, at_least: float | None, at_most: float | None, points: float) -> str:
    if at_least is not None and at_most is not None:
        bounds = f"{measure_value(measure, at_least)}至{measure_value(measure, at_most)}"
    elif at_least is not None:
        bounds = f"不低于{measure_value(measure, at_least)}"
    elif at_most is not None:
        bounds = f"不超过{measure_value(measure, at_most)}"
    else:
        bounds = "任何值"
    return f"{bounds}得{points:g}分"
