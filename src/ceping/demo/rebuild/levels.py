"""Which leaf scores of which unit are full, good or low: the plan the raw inputs are then built
to."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ceping.demo.rebuild.targets import YearTargets
from ceping.framework import Framework, Source
from ceping.scoring import UnitInput

FULL, GOOD, LOW = "full", "good", "low"

# How each leaf of shanghai-2012.yaml is realized from raw inputs; leaves not
# listed are read from their sources (expert, machine+expert, self).
MACHINE_KINDS: Mapping[str, str] = {
    "A2.5": "columns", "A2.6": "links", "A2.7": "typos", "A2.8": "speed", "A2.9": "search",
    "A2.10": "english", "B1": "adoption", "B2": "volume", "B3": "corrections", "B5": "mailbox",
}  # fmt: skip
NO_GOOD_KINDS = frozenset({"columns", "typos", "speed", "search", "english", "volume"})
GROUP_AREAS = ("A1", "A2", "B")


def leaf_kind(framework: Framework, code: str) -> str:
    """expert, mixed (machine + expert), self, or a machine/portal kind of MACHINE_KINDS."""
    if code in MACHINE_KINDS:
        return MACHINE_KINDS[code]
    sources = set(framework.indicator(code).sources)
    if sources == {Source.EXPERT}:
        return "expert"
    if sources == {Source.MACHINE, Source.EXPERT}:
        return "mixed"
    if sources == {Source.SELF}:
        return "self"
    return "people"  # scaled leaves of areas C and D


class GenerationError(Exception):
    """The targets cannot be met with these settings (a bug in the generator, not in scoring)."""


@dataclass
class UnitPlan:
    """One unit as planned: its quality, its rank, and the level of each leaf of A1, A2 and B."""

    unit: UnitInput
    has_english: bool
    quality: float  # 1 best … 0 worst
    rank: int  # within its category, 1-based
    levels: dict[str, str] = field(default_factory=dict)


def allocate(
    total: int, weights: Sequence[float], floors: Sequence[int], caps: Sequence[int]
) -> list[int]:
    """Split `total` into integers near the weights' shares, each within its floor and cap."""
    counts = list(floors)
    left = total - sum(counts)
    if left < 0 or sum(caps) < total:
        raise ValueError(f"cannot split {total} within floors {sum(floors)} and caps {sum(caps)}")
    whole = sum(weights)
    # Start from the rounded-down shares, then hand out the rest one by one to whoever is
    # furthest below its share.
    for i in range(len(counts)):
        share = min(caps[i], max(counts[i], int(weights[i] * total / whole)))
        take = min(left, share - counts[i])
        counts[i] += take
        left -= take
    while left > 0:
        open_ = [i for i in range(len(counts)) if counts[i] < caps[i]]
        best = max(open_, key=lambda i: (weights[i] * total - counts[i] * whole, -i))
        counts[best] += 1
        left -= 1
    return counts


def assign_levels(
    framework: Framework,
    plans: Sequence[UnitPlan],
    groups: Mapping[str, Sequence[str]],
    targets: YearTargets,
    rng: random.Random,
) -> None:
    """Fill each plan's levels so that each group and area has exactly the targets' low scores."""
    area_leaves = {a: [leaf.code for leaf in framework.indicator(a).leaves()] for a in GROUP_AREAS}
    for group, categories in groups.items():
        members = sorted(
            (p for p in plans if p.unit.category in categories), key=lambda p: -p.quality
        )
        full_a1 = _full_marks_a1(members, targets.full_marks_a1[group])
        for area in GROUP_AREAS:
            leaves = area_leaves[area]
            forced = [_forced_low(framework, p, leaves) for p in members]
            is_full = [area == "A1" and p.unit.code in full_a1 for p in members]
            eligible = [i for i in range(len(members)) if not is_full[i]]
            weights = [(1.15 - members[i].quality) ** 3 for i in eligible]
            floors = [len(forced[i]) for i in eligible]
            caps = [max(f, min(len(leaves) - 1, 7 if area == "A2" else 4)) for f in floors]
            counts = dict(
                zip(eligible, allocate(targets.low_scores[(group, area)], weights, floors, caps))
            )
            for i, plan in enumerate(members):
                low = set(forced[i])
                if i in counts:
                    low |= _pick_low(framework, plan, leaves, counts[i] - len(low), rng, low)
                _set_levels(framework, plan, leaves, low, is_full[i], rng)


def _full_marks_a1(members: Sequence[UnitPlan], count: int) -> set[str]:
    """The best units, then (if the target asks for more) units from the middle of the field."""
    best = [p for p in members if p.quality >= 0.79][:count]
    rest = sorted(
        (p for p in members if p not in best), key=lambda p: (abs(p.quality - 0.45), p.unit.code)
    )
    return {p.unit.code for p in best + rest[: count - len(best)]}


def _forced_low(framework: Framework, plan: UnitPlan, leaves: Sequence[str]) -> list[str]:
    return [c for c in leaves if leaf_kind(framework, c) == "english" and not plan.has_english]


def _pick_low(
    framework: Framework,
    plan: UnitPlan,
    leaves: Sequence[str],
    n: int,
    rng: random.Random,
    taken: set[str],
) -> set[str]:
    candidates = [c for c in leaves if c not in taken and leaf_kind(framework, c) != "english"]
    chosen: set[str] = set()
    for _ in range(n):
        weights = [_low_weight(framework, plan, c) for c in candidates]
        pick = rng.choices(candidates, weights=weights)[0]
        candidates.remove(pick)
        chosen.add(pick)
    return chosen


def _low_weight(framework: Framework, plan: UnitPlan, code: str) -> float:
    kind = leaf_kind(framework, code)
    if kind == "volume":  # small sites send little to the portal
        return 0.3 if plan.unit.category == "区县" else 5.0
    if kind == "mailbox":
        return 0.5 if plan.unit.category == "区县" else 3.0
    return 1.0


def _set_levels(
    framework: Framework,
    plan: UnitPlan,
    leaves: Sequence[str],
    low: set[str],
    all_full: bool,
    rng: random.Random,
) -> None:
    for code in leaves:
        kind = leaf_kind(framework, code)
        if code in low:
            plan.levels[code] = LOW
        elif all_full or kind in NO_GOOD_KINDS or rng.random() < 0.3 + 0.5 * plan.quality:
            plan.levels[code] = FULL
        else:
            plan.levels[code] = GOOD
    if leaves[0].startswith("A1") and not all_full and all(plan.levels[c] == FULL for c in leaves):
        plan.levels[rng.choice(list(leaves))] = GOOD  # not at full marks unless planned so
