"""The inputs of a campaign gathered per unit, checked against the units and the framework."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ceping.errors import InputError, Problem, at, quoted
from ceping.framework import SCALE_CHOICES, Framework, Indicator
from ceping.scoring.inputs import CampaignInputs, OrganizerVerdict, PortalRow, UnitInput
from ceping.scoring.machine import MachineFacts, machine_facts
from ceping.scoring.network_cap import capped_responses
from ceping.scoring.rates import Tally

# The inputs as a person knows them, named in every problem found in them.
EXPERT, PUBLIC, PORTAL, SELF = "专家评分", "公众问卷答卷", "门户考核数据", "自查得分"


def _outside(points: float | None, most: float) -> str:
    shown = "空" if points is None else f"{points:g}"
    return f"{shown} 不在 0 到 {most:g} 分之间"


def _not_one_of(choice: str | None, choices: Sequence[str] | Mapping[str, int]) -> str:
    shown = "空" if choice is None else quoted(choice)
    return f"{shown} 不是可选项（可选：{'、'.join(choices)}）"


@dataclass
class UnitEvidence:
    """Everything collected about one unit, by source (built once, then only read)."""

    machine: MachineFacts | None = None
    expert_points: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    expert_choices: dict[str, list[int]] = field(default_factory=dict)  # counts of the 3 choices
    public: dict[str, list[int]] = field(default_factory=dict)
    portal: PortalRow | None = None
    portal_measures: dict[str, float] | None = (
        None  # what a portal rule may read (docs/framework.md)
    )
    self_points: dict[str, float] = field(default_factory=dict)
    # What the reports quote beside the figures, by leaf: the experts' comments and the
    # self-inspection material the organizer verified (absent when nothing was written).
    expert_comments: dict[str, list[str]] = field(default_factory=dict)
    self_notes: dict[str, str] = field(default_factory=dict)
    verdicts: dict[str, bool] = field(default_factory=dict)  # organizer veto code → hit

    def expert_tally(self, code: str) -> Tally | None:
        counts = self.expert_choices.get(code)
        return None if counts is None else Tally(*counts)

    def public_tally(self, code: str) -> Tally | None:
        counts = self.public.get(code)
        return None if counts is None else Tally(*counts)


@dataclass(frozen=True)
class Raters:
    """Who rated: experts and public forms (respondent × unit), overall and per area code."""

    experts: frozenset[str]
    public_forms: int
    area_experts: Mapping[str, frozenset[str]]
    area_public_forms: Mapping[str, int]


class _Checker:
    def __init__(self, units: Sequence[UnitInput], framework: Framework) -> None:
        self.units = {u.code for u in units}
        self.leaves: dict[str, Indicator] = {leaf.code: leaf for leaf in framework.leaves()}
        self.problems: list[Problem] = []

    def check(self, source: str, row: int, unit: str, code: str | None = None) -> Indicator | None:
        if unit not in self.units:
            self.problems.append(Problem(source, at(row), "单位", f"没有这个单位：{quoted(unit)}"))
            return None
        if code is None:
            return None
        leaf = self.leaves.get(code)
        if leaf is None:
            self.problems.append(
                Problem(source, at(row), "指标", f"没有这个末级指标：{quoted(code)}")
            )
        return leaf

    def bad(self, source: str, row: int, name: str, message: str) -> None:
        self.problems.append(Problem(source, at(row), name, message))


def gather(
    framework: Framework, units: Sequence[UnitInput], inputs: CampaignInputs
) -> tuple[dict[str, UnitEvidence], Raters]:
    """Group the inputs by unit; InputError lists every row naming an unknown unit, leaf or choice.

    Public responses beyond the per-network cap are checked but not counted.
    """
    checker = _Checker(units, framework)
    evidence = {u.code: UnitEvidence() for u in units}
    for code, site in inputs.scans.items():
        if code in evidence:
            evidence[code].machine = machine_facts(site)
        else:
            checker.problems.append(
                Problem(
                    "检测结果",
                    f"网站 {site.get('url', '')}",
                    "单位",
                    f"没有这个单位：{quoted(code)}",
                )
            )
    _gather_experts(inputs, evidence, checker)
    forms, area_forms = _gather_public(inputs, evidence, checker, framework)
    for i, prow in enumerate(inputs.portal, start=1):
        checker.check(PORTAL, i, prow.unit)
        if prow.unit in evidence:
            evidence[prow.unit].portal = prow
            evidence[prow.unit].portal_measures = portal_measures(prow)
    for i, own in enumerate(inputs.self_points, start=1):
        leaf = checker.check(SELF, i, own.unit, own.indicator)
        if leaf is not None and not 0 <= own.points <= leaf.max + 1e-9:
            checker.bad(SELF, i, "分数", _outside(own.points, leaf.max))
        elif leaf is not None:
            evidence[own.unit].self_points[own.indicator] = own.points
            if own.note.strip():
                evidence[own.unit].self_notes[own.indicator] = own.note.strip()
    _gather_verdicts(framework, inputs.verdicts, evidence, checker)
    if checker.problems:
        raise InputError(checker.problems)
    experts, area_experts = _expert_raters(inputs, framework)
    raters = Raters(experts, forms, area_experts, area_forms)
    return evidence, raters


def _gather_verdicts(
    framework: Framework,
    verdicts: Sequence[OrganizerVerdict],
    evidence: dict[str, UnitEvidence],
    checker: _Checker,
) -> None:
    """A verdict names an organizer veto of the framework; one that hits carries its evidence."""
    organizer = {v.code for v in framework.vetoes if v.by_organizer}
    for i, verdict in enumerate(verdicts, start=1):
        checker.check("verdicts", i, verdict.unit)
        if verdict.veto not in organizer:
            checker.bad("verdicts", i, "veto", f"{verdict.veto!r} is not an organizer veto")
        elif verdict.hit and not verdict.evidence.strip():
            checker.bad("verdicts", i, "evidence", "a veto that hits needs its evidence")
        elif verdict.unit in evidence:
            evidence[verdict.unit].verdicts[verdict.veto] = verdict.hit


def portal_measures(row: PortalRow) -> dict[str, float]:
    """The portal measures a rule may read; a rate over nothing is 1 (nothing was left undone)."""
    return {
        "submitted": float(row.submitted),
        "adopted": float(row.adopted),
        "adoption_rate": row.adopted / row.submitted if row.submitted else 0.0,
        "corrections_handled_rate": row.corrections_handled / row.corrections
        if row.corrections
        else 1.0,
        "mailbox_cases": float(row.mailbox_cases),
    }


def _gather_experts(
    inputs: CampaignInputs, evidence: dict[str, UnitEvidence], checker: _Checker
) -> None:
    for i, rating in enumerate(inputs.expert, start=1):
        leaf = checker.check(EXPERT, i, rating.unit, rating.indicator)
        if leaf is None:
            continue
        unit = evidence[rating.unit]
        if leaf.scale is not None:
            choices = SCALE_CHOICES[leaf.scale]
            if rating.choice not in choices:
                checker.bad(EXPERT, i, "选项", _not_one_of(rating.choice, choices))
                continue
            counts = unit.expert_choices.setdefault(rating.indicator, [0, 0, 0])
            counts[choices.index(rating.choice)] += 1
        elif rating.points is None or not 0 <= rating.points <= leaf.max + 1e-9:
            checker.bad(EXPERT, i, "分数", _outside(rating.points, leaf.max))
            continue
        else:
            unit.expert_points.setdefault(rating.indicator, []).append(
                (rating.expert, rating.points)
            )
        if rating.comment.strip():
            unit.expert_comments.setdefault(rating.indicator, []).append(rating.comment.strip())


def _gather_public(
    inputs: CampaignInputs,
    evidence: dict[str, UnitEvidence],
    checker: _Checker,
    framework: Framework,
) -> tuple[int, dict[str, int]]:
    leaves = checker.leaves
    choice_index = {
        code: {c: i for i, c in enumerate(SCALE_CHOICES[leaf.scale])}
        for code, leaf in leaves.items()
        if leaf.scale is not None
    }
    areas_of = framework.branches_above()
    capped = capped_responses(inputs.public, inputs.public_per_network)
    forms: set[tuple[str, str]] = set()
    area_forms: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for i, answer in enumerate(inputs.public, start=1):
        index = choice_index.get(answer.item)
        unit = evidence.get(answer.unit)
        if unit is None or index is None or answer.choice not in index:
            _public_problem(checker, i, answer.unit, answer.item, answer.choice, index)
            continue
        form = (answer.respondent, answer.unit)
        if capped and form in capped:
            continue
        counts = unit.public.get(answer.item)
        if counts is None:
            counts = unit.public[answer.item] = [0, 0, 0]
        counts[index[answer.choice]] += 1
        forms.add(form)
        for area in areas_of[answer.item]:
            area_forms[area].add(form)
    return len(forms), {area: len(members) for area, members in area_forms.items()}


def _public_problem(
    checker: _Checker, row: int, unit: str, item: str, choice: str, index: Mapping[str, int] | None
) -> None:
    if checker.check(PUBLIC, row, unit, item) is None:
        return
    if index is None:
        checker.bad(PUBLIC, row, "题目", f"{quoted(item)} 不是问卷中的题目")
    else:
        checker.bad(PUBLIC, row, "选项", _not_one_of(choice, index))


def _expert_raters(
    inputs: CampaignInputs, framework: Framework
) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    areas_of = framework.branches_above()
    per_area: dict[str, set[str]] = defaultdict(set)
    for rating in inputs.expert:
        for area in areas_of[rating.indicator]:
            per_area[area].add(rating.expert)
    experts = frozenset(r.expert for r in inputs.expert)
    return experts, {area: frozenset(names) for area, names in per_area.items()}
