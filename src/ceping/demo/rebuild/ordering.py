"""Choose experts' points and the C answers so that totals fall in the seed's rank order and grade
bands."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ceping.demo.rebuild import people
from ceping.demo.rebuild.levels import FULL, GOOD, GenerationError, UnitPlan, leaf_kind
from ceping.demo.rebuild.people import Forms
from ceping.demo.rebuild.targets import EXCELLENT, YearTargets
from ceping.demo.rebuild.targets import GOOD as GOOD_LIST
from ceping.framework import Framework, Indicator, Scale
from ceping.scoring.evidence import UnitEvidence
from ceping.scoring.indicators import LeafPlan, leaf_plans, score_leaf


def desired_total(category: str, rank: int, size: int) -> float:
    """The total a unit of this rank is built to (the seed gives grades, not totals)."""
    if category in EXCELLENT:
        excellent, good = len(EXCELLENT[category]), len(GOOD_LIST[category])
        if rank <= excellent:
            return 96.6 - (rank - 1) * 5.6 / max(1, excellent - 1)
        if rank <= excellent + good:
            return 89.6 - (rank - excellent - 1) * 6.6 / max(1, good - 1)
        rest = size - excellent - good
        return 79.4 - (rank - excellent - good - 1) * 5.0 / max(1, rest - 1)
    return 91.5 - (rank - 1) * 20.0 / max(1, size - 1)


def grade_band(category: str, rank: int) -> tuple[float, float]:
    if category not in EXCELLENT:
        return 0.0, 100.0
    excellent, good = len(EXCELLENT[category]), len(GOOD_LIST[category])
    if rank <= excellent:
        return 90.0, 100.0
    return (80.0, 89.99) if rank <= excellent + good else (0.0, 79.99)


def scaled_leaves(framework: Framework, scale: Scale) -> list[Indicator]:
    return [leaf for leaf in framework.leaves() if leaf.scale is scale]


def group_of(framework: Framework, category: str) -> str:
    return next(g.name for g in framework.groups if category in g.categories)


def _realize_convenience(
    framework: Framework, ev: UnitEvidence, n: int, rate: float, first: float
) -> None:
    """C answers whose favourable rate, experts' and public's averaged, is about `rate`."""
    first = min(first, rate - 0.03)
    for leaf in scaled_leaves(framework, Scale.CONVENIENCE):
        favourable = min(people.CHOICE_PANEL, max(2, round(people.CHOICE_PANEL * rate)))
        ev.expert_choices[leaf.code] = people.expert_choices(
            favourable, round(people.CHOICE_PANEL * first)
        )
        public_rate = min(1.0, max(first, 2 * rate - favourable / people.CHOICE_PANEL))
        ev.public[leaf.code] = people.public_choices(n, public_rate, first)


def _adjuster_range(framework: Framework, code: str, level: str) -> tuple[int, int]:
    """Cents a leaf set by experts may take at its level."""
    top = framework.indicator(code).max
    if level == FULL:
        return people.cents_between(top, top)
    if level == GOOD:
        return people.cents_between(0.8 * top, top - 0.01)
    floor = 0.5 if leaf_kind(framework, code) == "mixed" else 0.45
    return people.cents_between(floor * top, 0.8 * top - 0.01)


@dataclass
class Reach:
    """What a unit's total can still become once its fixed leaves are scored."""

    plan: UnitPlan
    fixed: float  # leaves neither set by experts' points nor C
    first: float  # the unit's share of 方便 among its C answers
    ranges: dict[str, tuple[int, int]]  # cents each expert-set leaf may take
    c_low: float
    c_max: float

    @property
    def low(self) -> float:
        return self.fixed + self.c_low + sum(r[0] for r in self.ranges.values()) / 100

    @property
    def high(self) -> float:
        return self.fixed + self.c_max + sum(r[1] for r in self.ranges.values()) / 100


def settle_totals(
    framework: Framework,
    plans: Sequence[UnitPlan],
    evidence: dict[str, UnitEvidence],
    forms: Mapping[str, Forms],
    targets: YearTargets,
    rng: random.Random,
) -> None:
    """Choose each unit's C answers and experts' points so that totals fall in the seed's order."""
    reaches = _reaches(framework, plans, evidence, targets)
    for category in framework.category_names:
        members = sorted(
            (r for r in reaches if r.plan.unit.category == category), key=lambda r: r.plan.rank
        )
        wanted = _targets_in_order(members) if targets.is_ordered else [None] * len(members)
        above = None
        for reach, total in zip(members, wanted):
            above = _settle(framework, reach, total, above, evidence, forms, rng)


def _reaches(
    framework: Framework,
    plans: Sequence[UnitPlan],
    evidence: dict[str, UnitEvidence],
    targets: YearTargets,
) -> list[Reach]:
    c_max = sum(leaf.max for leaf in scaled_leaves(framework, Scale.CONVENIENCE))
    mean_quality = {}
    for g in framework.groups:
        members = [p.quality for p in plans if p.unit.category in g.categories]
        mean_quality[g.name] = sum(members) / len(members)
    result = []
    for plan in plans:
        group = group_of(framework, plan.unit.category)
        # better units: more 方便; the group's pooled share is set exactly afterwards
        first = min(
            0.95, max(0.3, targets.convenient[group] + 0.3 * (plan.quality - mean_quality[group]))
        )
        fixed = sum(
            leaf_points(p, plan.unit.code, evidence[plan.unit.code])
            for p in leaf_plans(framework, plan.unit.category)
            if leaf_kind(framework, p.leaf.code) not in ("expert", "mixed")
            and p.leaf.scale is not Scale.CONVENIENCE
        )
        if targets.is_ordered:
            size = sum(1 for p in plans if p.unit.category == plan.unit.category)
            _demote(
                framework,
                plan,
                fixed + c_max * 0.75,
                desired_total(plan.unit.category, plan.rank, size),
            )
        ranges = {c: _adjuster_range(framework, c, plan.levels[c]) for c in _adjusters(framework)}
        # C may fall to half marks; a unit's share of 方便 stays below its favourable rate
        result.append(Reach(plan, fixed, first, ranges, c_max * 0.5, c_max))
    return result


def _demote(framework: Framework, plan: UnitPlan, base: float, wanted: float) -> None:
    """Turn full expert-set leaves into good ones until the unit can stay near its curve.

    Good leaves count as good for 优良率, so the statistics do not move; only A1 of a
    unit planned at full marks there is left alone.
    """
    keep_a1 = all(plan.levels[leaf.code] == FULL for leaf in framework.indicator("A1").leaves())
    for code in _adjusters(framework):
        low = (
            base
            + sum(_adjuster_range(framework, c, plan.levels[c])[0] for c in _adjusters(framework))
            / 100
        )
        if low <= wanted - 1.0:
            return
        if plan.levels[code] == FULL and not (keep_a1 and code.startswith("A1")):
            plan.levels[code] = GOOD


def _adjusters(framework: Framework) -> list[str]:
    return [
        leaf.code
        for leaf in framework.leaves()
        if leaf_kind(framework, leaf.code) in ("expert", "mixed")
    ]


def _targets_in_order(members: Sequence[Reach], gap: float = 0.12) -> list[float]:
    """Strictly falling totals, each reachable, in its grade band and near the curve.

    From the bottom up: the least each unit must have to stay above the ones below it;
    then from the top down: the curve's value, kept under the unit above.
    """
    margin = [min(0.3, (r.high - r.low) / 4) for r in members]
    bands = [grade_band(r.plan.unit.category, r.plan.rank) for r in members]
    least = [0.0] * len(members)
    for i in reversed(range(len(members))):
        below = least[i + 1] + gap if i + 1 < len(members) else 0.0
        least[i] = max(members[i].low + margin[i], bands[i][0], below)
    result: list[float] = []
    for i, reach in enumerate(members):
        plan = reach.plan
        ceiling = min(reach.high - margin[i], bands[i][1], result[-1] - gap if result else 100.0)
        wanted = desired_total(plan.unit.category, plan.rank, len(members))
        if least[i] > ceiling + 1e-9:
            raise GenerationError(
                f"{plan.unit.short_name} (rank {plan.rank}): "
                f"needs at least {least[i]:.2f}, at most {ceiling:.2f}"
            )
        result.append(min(ceiling, max(least[i], wanted)))
    return result


def _settle(
    framework: Framework,
    reach: Reach,
    total: float | None,
    above: float | None,
    evidence: dict[str, UnitEvidence],
    forms: Mapping[str, Forms],
    rng: random.Random,
) -> float:
    """Realize the unit's C answers and experts' points for `total` (None: anywhere in reach)."""
    plan, ev = reach.plan, evidence[reach.plan.unit.code]
    low = sum(r[0] for r in reach.ranges.values()) / 100
    high = sum(r[1] for r in reach.ranges.values()) / 100
    if total is None:
        spread = min(1.0, max(0.0, plan.quality + rng.uniform(-0.3, 0.2)))
        c_target = reach.c_low + (reach.c_max - reach.c_low) * spread
    else:
        # C takes as much of the total as it can: the pooled share of 方便 needs favourable answers
        c_target = min(
            reach.c_max, max(reach.c_low, total - reach.fixed - (low + (high - low) / 4))
        )
    for _attempt in range(8):
        _realize_convenience(
            framework, ev, forms[plan.unit.code].c, c_target / reach.c_max, reach.first
        )
        c_points = sum(
            leaf_points(p, plan.unit.code, ev)
            for p in leaf_plans(framework, plan.unit.category)
            if p.leaf.scale is Scale.CONVENIENCE
        )
        base = reach.fixed + c_points
        if total is None:
            need = round(sum(r[0] + (r[1] - r[0]) * rng.random() for r in reach.ranges.values()))
            break
        band_low, band_high = grade_band(plan.unit.category, plan.rank)
        ceiling = min(base + high, band_high, above - 0.01 if above is not None else 100.0)
        floor = max(base + low, band_low)
        if floor > ceiling:  # C came out too high or too low: move it by the excess and retry
            c_target += (
                (ceiling - base - low - 0.05)
                if base + low > ceiling
                else (floor - base - high + 0.05)
            )
            continue
        need = math.floor((min(ceiling, max(floor, total)) - base) * 100 + 1e-6)
        break
    else:
        raise GenerationError(f"{plan.unit.short_name}: no C answers give a total in order")
    for code, cents in _spread(need, reach.ranges, plan.unit.code).items():
        top = framework.indicator(code).max
        target = (
            cents / 100 if leaf_kind(framework, code) == "expert" else (2 * cents - top * 100) / 100
        )
        ev.expert_points[code] = [("", p) for p in people.ratings_for(target, top, rng)]
    return base + need / 100


def leaf_points(plan: LeafPlan, unit: str, ev: UnitEvidence) -> float:
    score = score_leaf(plan, unit, ev)
    if score.missing:
        raise GenerationError(f"{unit} {plan.leaf.code}: input missing while building")
    return score.points


def _spread(need: int, ranges: Mapping[str, tuple[int, int]], unit: str) -> dict[str, int]:
    """Cents per leaf within each leaf's range, adding up to `need`."""
    low = sum(r[0] for r in ranges.values())
    high = sum(r[1] for r in ranges.values())
    if not low <= need <= high:
        raise GenerationError(
            f"{unit}: experts' points cannot add up to {need / 100:.2f} ({low}..{high} cents)"
        )
    widths = {c: r[1] - r[0] for c, r in ranges.items()}
    whole = sum(widths.values()) or 1
    values = {c: r[0] + (need - low) * widths[c] // whole for c, r in ranges.items()}
    left = need - sum(values.values())
    for code in sorted(ranges, key=lambda c: -widths[c]):
        extra = min(left, ranges[code][1] - values[code])
        values[code] += extra
        left -= extra
    return values
