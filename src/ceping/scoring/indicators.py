"""One unit's points on one leaf indicator, from each of the leaf's sources through its rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ceping.errors import ScoringError
from ceping.framework import SCALE_CHOICES, Framework, Indicator, Rule, RuleKind, Source
from ceping.scoring.aggregate import TRIM_FROM, TRIM_SHARE, robust_aggregate, trim_count
from ceping.scoring.evidence import UnitEvidence
from ceping.scoring.rates import Tally
from ceping.scoring.results import Deduction, IndicatorScore
from ceping.scoring.rules import Outcome, apply_deduct, apply_measure, describe, round_points
from ceping.vocabulary import SOURCE_LABELS

# Scaled leaves without a measure rule score their favourable rate linearly.
DEFAULT_SCALED_RULE = Rule(kind=RuleKind.LINEAR, measure="favourable_rate", low=0.0, high=1.0)
EXPERT_POINTS_TEXT = (
    f"{TRIM_FROM}位及以上专家评分时去掉最高、最低各{TRIM_SHARE:.0%}（至少各1个）后取平均，"
    f"不足{TRIM_FROM}位时取中位数"
)


Detail = Mapping[str, Any]
Handler = Callable[[Indicator, UnitEvidence], tuple[Outcome, Detail]]


@dataclass(frozen=True)
class LeafPlan:
    """A leaf as scored in one category: its factor, its rule and its sources, worked out once."""

    leaf: Indicator
    factor: float  # product of the category weights on the path to the leaf
    rule_text: str
    max: float  # the leaf's max times the factor
    parts: tuple[tuple[str, float, Handler], ...]  # (source name, share, how to read it)


def leaf_plans(framework: Framework, category: str) -> tuple[LeafPlan, ...]:
    """The leaves a unit of the category is scored on (a weight of 0 drops a leaf)."""
    plans = []
    for leaf, factor in _weighted_leaves(framework.areas, category, 1.0):
        if factor > 0:
            parts = tuple((s.value, share, _handler(leaf, s)) for s, share in leaf.sources.items())
            plans.append(LeafPlan(leaf, factor, _rule_text(leaf), leaf.max * factor, parts))
    return tuple(plans)


def _handler(leaf: Indicator, source: Source) -> Handler:
    if source is Source.MACHINE:
        return _machine
    if source is Source.SELF:
        return _self
    if source is Source.PORTAL:
        _measure_rule(leaf)  # fail early on a portal leaf without a measure rule
        return _portal
    if source is Source.EXPERT and leaf.scale is None:
        return _expert_points
    return _expert_scaled if source is Source.EXPERT else _public_scaled


def _weighted_leaves(
    nodes: tuple[Indicator, ...], category: str, factor: float
) -> Iterator[tuple[Indicator, float]]:
    for node in nodes:
        own = factor * node.weight(category)
        if node.is_leaf:
            yield node, own
        else:
            yield from _weighted_leaves(node.children, category, own)


def _rule_text(leaf: Indicator) -> str:
    """How the leaf is scored, in words (shown beside its points on the unit's page)."""
    parts = []
    for source, share in leaf.sources.items():
        label = SOURCE_LABELS[source.value]
        if source is Source.SELF:
            text = "组织方核定的自查得分"
        elif source is Source.EXPERT and leaf.scale is None:
            text = f"专家评分，{EXPERT_POINTS_TEXT}" if share == 1 else EXPERT_POINTS_TEXT
        else:
            text = describe(_measure_rule(leaf) if source is not Source.MACHINE else leaf.rule)
        parts.append(text if share == 1 else f"{label}占{share:.0%}：{text}")
    return "；".join(parts)


def _measure_rule(leaf: Indicator) -> Rule:
    rule = leaf.rule
    if rule is not None and rule.kind is not RuleKind.DEDUCT:
        return rule
    if leaf.scale is None:
        raise ScoringError(
            f"指标 {leaf.code}：来源为门户考核的指标需要分档（bands）或线性（linear）计分规则"
        )
    return DEFAULT_SCALED_RULE


def score_leaf(plan: LeafPlan, unit: str, evidence: UnitEvidence) -> IndicatorScore:
    """Points of one unit on one leaf: each source's outcome times its share, times the factor."""
    leaf = plan.leaf
    total = 0.0
    inputs: dict[str, Any] = {}
    deductions: list[Deduction] = []
    missing = []
    for name, share, handler in plan.parts:
        outcome, detail = handler(leaf, evidence)
        inputs[name] = detail
        if outcome.missing:
            missing.append(name)
            continue
        total += share * outcome.points
        if outcome.deductions:
            scale = share * plan.factor
            deductions.extend(
                d
                if scale == 1
                else Deduction(points=d.points * scale, reason=d.reason, finding=d.finding)
                for d in outcome.deductions
            )
    if missing:
        inputs["missing"] = tuple(missing)
    points = 0.0 if missing else round_points(total * plan.factor)
    # positional: keywords cost more per call, and this is made 10⁶ times per national campaign
    return IndicatorScore(
        unit,
        leaf.code,
        points,
        plan.max,
        plan.rule_text,
        MappingProxyType(inputs),
        tuple(deductions),
        bool(missing),
    )


MISSING = Outcome(0.0, missing=True)
NOTHING: Detail = MappingProxyType({})


def _self(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    own = ev.self_points.get(leaf.code)
    if own is None:
        return MISSING, NOTHING
    note = ev.self_notes.get(leaf.code)
    return Outcome(own), ({"points": own, "note": note} if note else {"points": own})


def _machine(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    facts = ev.machine
    rule = leaf.rule
    if facts is None or rule is None:
        return MISSING, NOTHING
    if rule.kind is RuleKind.DEDUCT:
        outcome = apply_deduct(rule, leaf.max, facts.of_kinds(rule.findings))
        return outcome, {"findings": outcome.matched}
    value = facts.measures.get(rule.measure)
    if value is None and not facts.reachable:
        # An unreachable site cannot be measured; it scores nothing here (and the veto names it).
        return Outcome(0.0), {rule.measure: None, "reachable": False}
    return apply_measure(rule, leaf.max, value), {rule.measure: value}


def _portal(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    measures = ev.portal_measures
    rule = _measure_rule(leaf)
    if measures is None:
        return MISSING, NOTHING
    value = measures.get(rule.measure)
    return apply_measure(rule, leaf.max, value), {rule.measure: value}


def _expert_points(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    ratings = ev.expert_points.get(leaf.code)
    if not ratings:
        return MISSING, NOTHING
    values = [points for _, points in ratings]
    k = trim_count(len(values))
    method = f"去掉最高、最低各{k}个后取平均" if k else "取中位数"
    aggregate = robust_aggregate(values)
    detail = {
        "raters": len(values),
        "ratings": tuple(ratings),
        "method": method,
        "aggregate": aggregate,
    }
    return Outcome(aggregate), _with_comments(detail, ev, leaf)


def _expert_scaled(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    outcome, detail = _scaled(leaf, ev.expert_tally(leaf.code))
    return outcome, _with_comments(detail, ev, leaf) if detail else detail


def _with_comments(detail: Detail, ev: UnitEvidence, leaf: Indicator) -> Detail:
    """The experts' comments on the leaf, when any was written (the unit's report quotes them)."""
    comments = ev.expert_comments.get(leaf.code)
    return {**detail, "comments": tuple(comments)} if comments else detail


def _public_scaled(leaf: Indicator, ev: UnitEvidence) -> tuple[Outcome, Detail]:
    return _scaled(leaf, ev.public_tally(leaf.code))


def _scaled(leaf: Indicator, tally: Tally | None) -> tuple[Outcome, Detail]:
    if tally is None or tally.total == 0:
        return MISSING, NOTHING
    assert leaf.scale is not None
    rule = _measure_rule(leaf)
    rates = {"favourable_rate": tally.favourable_rate, "positive_rate": tally.positive_rate}
    names = SCALE_CHOICES[leaf.scale]
    detail = {names[0]: tally.first, names[1]: tally.second, names[2]: tally.third, **rates}
    return apply_measure(rule, leaf.max, rates.get(rule.measure)), detail
