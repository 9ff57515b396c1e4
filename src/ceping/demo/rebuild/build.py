"""Build one rebuilt campaign's raw inputs (deterministic, seeded) to its YearTargets."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ceping.demo.rebuild import people
from ceping.demo.rebuild.levels import UnitPlan, allocate, assign_levels, leaf_kind
from ceping.demo.rebuild.ordering import scaled_leaves, settle_totals
from ceping.demo.rebuild.people import Forms
from ceping.demo.rebuild.realize import (
    correct_adoption,
    correct_volume,
    portal_row,
    self_points,
    site,
)
from ceping.demo.rebuild.targets import EXCELLENT, YearTargets
from ceping.demo.rebuild.targets import GOOD as GOOD_LIST
from ceping.framework import SCALE_CHOICES, Framework, Scale
from ceping.scoring import ExpertRating, PortalRow, SelfPoints, UnitInput
from ceping.scoring.evidence import UnitEvidence, portal_measures
from ceping.scoring.machine import machine_facts

FORM_WEIGHTS = {"区县": 3.0, "市政府部门": 1.0, "管委会": 0.8, "开发区（园区）": 0.6}
MIN_FORMS = 5


@dataclass
class Built:
    """A rebuilt campaign's raw inputs, as the files hold them."""

    units: list[UnitInput]
    sites: dict[str, dict[str, Any]] = field(default_factory=dict)  # by unit code
    experts: list[ExpertRating] = field(default_factory=list)
    forms: list[tuple[str, str, dict[str, str]]] = field(
        default_factory=list
    )  # respondent, unit, answers
    portal: list[PortalRow] = field(default_factory=list)
    self_points: list[SelfPoints] = field(default_factory=list)


def order_units(units: Sequence[UnitInput], rng: random.Random) -> dict[str, int]:
    """Rank within category: the seed's attachment first, then the rest (by code, or shuffled)."""
    ranks: dict[str, int] = {}
    for category in dict.fromkeys(u.category for u in units):
        members = [u for u in units if u.category == category]
        listed = EXCELLENT.get(category, ()) + GOOD_LIST.get(category, ())
        by_name = {u.short_name: u for u in members}
        head = [by_name[name] for name in listed]
        rest = [u for u in members if u.short_name not in listed]
        if not listed:
            rng.shuffle(rest)
        for rank, unit in enumerate(head + rest, start=1):
            ranks[unit.code] = rank
    return ranks


def quality_of(category: str, rank: int, size: int) -> float:
    """1 best … 0 worst; graded categories drop sharply between grades, as their totals do."""
    if category not in EXCELLENT:  # not graded: they take more of the low scores
        return 0.6 - 0.55 * (rank - 1) / max(1, size - 1)
    excellent, good = len(EXCELLENT[category]), len(GOOD_LIST[category])
    if rank <= excellent:
        return 1.0 - 0.2 * (rank - 1) / max(1, excellent - 1)
    if rank <= excellent + good:
        return 0.6 - 0.3 * (rank - excellent - 1) / max(1, good - 1)
    return 0.2 - 0.2 * (rank - excellent - good - 1) / max(1, size - excellent - good - 1)


def build_year(
    framework: Framework,
    units: Sequence[UnitInput],
    english: Mapping[str, bool],
    targets: YearTargets,
) -> Built:
    """Every raw input of one campaign year; see the package docstring for the method."""
    rng = random.Random(targets.seed)
    ranks = order_units(units, rng)
    sizes = {c: sum(1 for u in units if u.category == c) for c in framework.category_names}
    plans = []
    for unit in units:
        quality = quality_of(unit.category, ranks[unit.code], sizes[unit.category])
        if not targets.is_ordered:
            quality = min(1.0, max(0.0, quality + rng.uniform(-0.25, 0.25)))
        plans.append(UnitPlan(unit, english[unit.code], quality, ranks[unit.code]))
    groups = {g.name: g.categories for g in framework.groups}
    assign_levels(framework, plans, groups, targets, rng)
    built = Built(units=list(units))
    evidence = {u.code: UnitEvidence() for u in units}
    _machine_and_self(framework, plans, built, evidence, rng)
    _portal(plans, built, evidence, targets, rng)
    forms = _allocate_forms(plans, targets)
    _satisfaction(framework, plans, evidence, forms, targets, rng)
    settle_totals(framework, plans, evidence, forms, targets, rng)
    _convenience_rates(framework, plans, evidence, groups, targets)
    _records(framework, plans, built, evidence, forms, rng)
    return built


def _machine_and_self(
    framework: Framework,
    plans: Sequence[UnitPlan],
    built: Built,
    evidence: dict[str, UnitEvidence],
    rng: random.Random,
) -> None:
    for plan in plans:
        code = plan.unit.code
        built.sites[code] = site(plan, plan.unit.url, rng)
        evidence[code].machine = machine_facts(built.sites[code])
        for leaf in framework.leaves():
            if leaf_kind(framework, leaf.code) == "self":
                points = self_points(plan.levels[leaf.code], leaf.max, rng)
                built.self_points.append(SelfPoints(code, leaf.code, points))
                evidence[code].self_points[leaf.code] = points


def _portal(
    plans: Sequence[UnitPlan],
    built: Built,
    evidence: dict[str, UnitEvidence],
    targets: YearTargets,
    rng: random.Random,
) -> None:
    rows = [portal_row(plan, rng) for plan in plans]
    rows = correct_volume(rows, plans, targets.submitted)
    rows = correct_adoption(rows, plans, targets.adoption)
    built.portal = rows
    for row in rows:
        evidence[row.unit].portal = row
        evidence[row.unit].portal_measures = portal_measures(row)


def _allocate_forms(plans: Sequence[UnitPlan], targets: YearTargets) -> dict[str, Forms]:
    weights = [FORM_WEIGHTS[p.unit.category] * (0.8 + 0.4 * p.quality) for p in plans]
    big = [10**6] * len(plans)
    both = allocate(targets.forms_c_and_d, weights, [MIN_FORMS] * len(plans), big)
    c_only = allocate(targets.forms_c_only, weights, [0] * len(plans), big)
    d_only = allocate(targets.forms_d_only, weights, [0] * len(plans), big)
    return {p.unit.code: Forms(both[i], c_only[i], d_only[i]) for i, p in enumerate(plans)}


def _satisfaction(
    framework: Framework,
    plans: Sequence[UnitPlan],
    evidence: dict[str, UnitEvidence],
    forms: Mapping[str, Forms],
    targets: YearTargets,
    rng: random.Random,
) -> None:
    """D answers: better units more satisfied; then the pooled rate is set to the target."""
    public, fixed = [], []
    for plan in plans:
        ev = evidence[plan.unit.code]
        rate = targets.satisfaction + 0.12 * (plan.quality - 0.5) + rng.uniform(-0.01, 0.01)
        for leaf in scaled_leaves(framework, Scale.SATISFACTION):
            favourable = people.CHOICE_PANEL - (rng.random() < 0.25 + (1 - rate) * 2)
            ev.expert_choices[leaf.code] = people.expert_choices(
                favourable, rng.randint(2, favourable)
            )
            ev.public[leaf.code] = people.public_choices(
                forms[plan.unit.code].d, rate, rate * rng.uniform(0.55, 0.75)
            )
            public.append(ev.public[leaf.code])
            fixed.append(ev.expert_choices[leaf.code])
    people.hit_rate(public, fixed, targets.satisfaction, positive=False)


def _convenience_rates(
    framework: Framework,
    plans: Sequence[UnitPlan],
    evidence: dict[str, UnitEvidence],
    groups: Mapping[str, Sequence[str]],
    targets: YearTargets,
) -> None:
    """Set each group's share of 方便 exactly, moving answers between 方便 and 基本方便 only."""
    for group, categories in groups.items():
        public, fixed = [], []
        for plan in plans:
            if plan.unit.category in categories:
                for leaf in scaled_leaves(framework, Scale.CONVENIENCE):
                    public.append(evidence[plan.unit.code].public[leaf.code])
                    fixed.append(evidence[plan.unit.code].expert_choices[leaf.code])
        people.hit_rate(public, fixed, targets.convenient[group], positive=True)


def _records(
    framework: Framework,
    plans: Sequence[UnitPlan],
    built: Built,
    evidence: dict[str, UnitEvidence],
    forms: Mapping[str, Forms],
    rng: random.Random,
) -> None:
    """Turn the per-unit counts into rows: experts by name, the public as survey forms."""
    choices = {
        leaf.code: SCALE_CHOICES[leaf.scale]
        for leaf in framework.leaves()
        if leaf.scale is not None
    }
    convenience = [leaf.code for leaf in scaled_leaves(framework, Scale.CONVENIENCE)]
    satisfaction = [leaf.code for leaf in scaled_leaves(framework, Scale.SATISFACTION)]
    respondent = 0
    for index, plan in enumerate(plans):
        code, ev = plan.unit.code, evidence[plan.unit.code]
        for leaf_code, ratings in ev.expert_points.items():
            for expert, (_, points) in zip(people.point_panel(index), ratings):
                built.experts.append(ExpertRating(code, leaf_code, expert, points=points))
        for leaf_code in convenience + satisfaction:
            said = [
                choices[leaf_code][k]
                for k, n in enumerate(ev.expert_choices[leaf_code])
                for _ in range(n)
            ]
            rng.shuffle(said)
            for expert, answer in zip(people.choice_panel(index), said):
                built.experts.append(ExpertRating(code, leaf_code, expert, choice=answer))
        count = forms[code]
        c_forms = people.forms_of({c: ev.public[c] for c in convenience}, choices, count.c, rng)
        d_forms = people.forms_of({c: ev.public[c] for c in satisfaction}, choices, count.d, rng)
        # The first `both` forms answer C and D; C-only forms come next, then D-only ones.
        merged = [{**c_forms[i], **d_forms[i]} for i in range(count.both)]
        merged += c_forms[count.both :] + d_forms[count.both :]
        for answers in merged:
            respondent += 1
            built.forms.append((f"R{respondent:05d}", code, answers))
