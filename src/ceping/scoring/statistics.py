"""The campaign's statistics as the notice reports them; each is defined in docs/statistics.md."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ceping.framework import Framework, Indicator, Scale
from ceping.scoring.aggregate import Tally
from ceping.scoring.evidence import Raters, UnitEvidence
from ceping.scoring.results import CampaignResults, Statistic, UnitResult

EPSILON = 1e-9


@dataclass(frozen=True)
class Scope:
    """A set of units a figure is about: a category, a notice group, or all (name None)."""

    name: str | None
    categories: frozenset[str]


def scopes(framework: Framework) -> list[Scope]:
    """Each category, each notice group, then the whole campaign."""
    result = [Scope(c.name, frozenset({c.name})) for c in framework.categories]
    result += [Scope(g.name, frozenset(g.categories)) for g in framework.groups]
    return result + [Scope(None, frozenset(framework.category_names))]


def branches(framework: Framework) -> list[Indicator]:
    return [node for node in framework.walk() if not node.is_leaf]


@dataclass
class AreaSummary:
    """One unit's figures on one branch: what the good rate, full marks and scale rates add up."""

    scored: int = 0  # non-missing leaf scores
    good: int = 0  # of those, at or above the good line
    leaves: int = 0  # applicable leaves, missing or not
    full: int = 0  # non-missing leaves with full points
    convenience: Tally = field(default_factory=Tally)
    satisfaction: Tally = field(default_factory=Tally)


@dataclass(frozen=True)
class TreeIndex:
    """What summarizing needs of the tree, worked out once per campaign."""

    above: Mapping[str, tuple[str, ...]]  # leaf code → codes of the branches above it
    scales: Mapping[str, Scale | None]
    good_share: float

    @classmethod
    def of(cls, framework: Framework) -> TreeIndex:
        scales = {leaf.code: leaf.scale for leaf in framework.leaves()}
        return cls(framework.branches_above(), scales, framework.grading.good_share)


def summarize(tree: TreeIndex, unit: UnitResult, evidence: UnitEvidence) -> dict[str, AreaSummary]:
    """A unit's AreaSummary for every branch above one of its scored leaves (one pass)."""
    above, scales, good_share = tree.above, tree.scales, tree.good_share
    # per branch: scored, good, leaves, full, then the 3 convenience and 3 satisfaction counts
    sums: dict[str, list[int]] = {}
    for score in unit.scores:
        row = [0] * 10
        row[2] = 1
        if not score.missing:
            row[0] = 1
            row[1] = score.points >= good_share * score.max - EPSILON
            row[3] = score.is_full
        scale = scales[score.code]
        if scale is not None:
            offset = 4 if scale is Scale.CONVENIENCE else 7
            for counts in (evidence.expert_choices.get(score.code), evidence.public.get(score.code)):
                if counts is not None:
                    row[offset] += counts[0]
                    row[offset + 1] += counts[1]
                    row[offset + 2] += counts[2]
        for code in above[score.code]:
            acc = sums.get(code)
            if acc is None:
                sums[code] = list(row)
            else:
                for i in range(10):
                    acc[i] += row[i]
    return {
        code: AreaSummary(a[0], a[1], a[2], a[3], Tally(a[4], a[5], a[6]), Tally(a[7], a[8], a[9]))
        for code, a in sums.items()
    }


def area_figures(area: str, summaries: Sequence[Mapping[str, AreaSummary]]) -> Iterator[Statistic]:
    """good_rate, full_marks, convenient_rate and basic_satisfaction_rate of one branch.

    good_rate: share (%) of the non-missing leaf scores under the branch at or
    above good_share × max. full_marks: units with every leaf under the branch
    scored and at full points. convenient_rate: share (%) of 方便 among all
    answers (experts' and the public's) on its convenience items;
    basic_satisfaction_rate: share (%) of 满意 and 基本满意 on its satisfaction items.
    """
    own = [s[area] for s in summaries if area in s]
    if not own:
        return
    scored = sum(s.scored for s in own)
    if scored:
        rate = 100.0 * sum(s.good for s in own) / scored
        yield Statistic("good_rate", rate, "%", area=area, label="优良率")
    count = sum(1 for s in own if s.full == s.leaves)
    yield Statistic("full_marks", count, "个", area=area, label="满分单位数")
    convenience = sum((s.convenience for s in own), Tally())
    if convenience.total:
        rate = 100.0 * convenience.positive_rate
        yield Statistic("convenient_rate", rate, "%", area=area, label="认为方便的比例")
    satisfaction = sum((s.satisfaction for s in own), Tally())
    if satisfaction.total:
        rate = 100.0 * satisfaction.favourable_rate
        yield Statistic("basic_satisfaction_rate", rate, "%", area=area, label="基本满意率")


def portal_figures(units: Sequence[UnitResult], evidence: Mapping[str, UnitEvidence]) -> Iterator[Statistic]:
    """info_submitted (items) and adoption_rate (% of them adopted), over the units' portal rows."""
    rows = [evidence[u.code].portal for u in units]
    present = [r for r in rows if r is not None]
    if not present:
        return
    submitted = sum(r.submitted for r in present)
    adopted = sum(r.adopted for r in present)
    yield Statistic("info_submitted", submitted, "条", label="报送信息数")
    if submitted:
        yield Statistic("adoption_rate", 100.0 * adopted / submitted, "%", label="信息采用率")


def grade_counts(framework: Framework, units: Sequence[UnitResult]) -> Iterator[Statistic]:
    """grade_count:<grade>, the units that got the grade."""
    for grade in framework.grading.grades:
        count = sum(1 for u in units if u.grade == grade)
        yield Statistic(f"grade_count:{grade}", count, "个", label=f"{grade}单位数")


def rater_counts(framework: Framework, raters: Raters) -> Iterator[Statistic]:
    """expert_count, public_count (人次: respondent × unit), and the same per area."""
    yield Statistic("expert_count", len(raters.experts), "位", label="参加测评专家数")
    yield Statistic("public_count", raters.public_forms, "人次", label="参加测评公众人次")
    for node in branches(framework):
        if node.code in raters.area_experts:
            count = len(raters.area_experts[node.code])
            yield Statistic("area_expert_count", count, "位", area=node.code, label="参加测评专家数")
        if node.code in raters.area_public_forms:
            count = raters.area_public_forms[node.code]
            yield Statistic("area_public_count", count, "人次", area=node.code, label="参加测评公众人次")


def campaign_statistics(
    framework: Framework,
    units: Sequence[UnitResult],
    evidence: Mapping[str, UnitEvidence],
    raters: Raters,
    previous: CampaignResults | None,
) -> tuple[Statistic, ...]:
    """Every statistic for every scope, each with the previous campaign's value where it has one."""
    tree = TreeIndex.of(framework)
    summaries = {u.code: summarize(tree, u, evidence[u.code]) for u in units}
    found: list[Statistic] = list(rater_counts(framework, raters))
    for scope in scopes(framework):
        members = [u for u in units if u.category in scope.categories]
        figures = [Statistic("unit_count", len(members), "个", label="单位数")]
        for area in branches(framework):
            figures.extend(area_figures(area.code, [summaries[u.code] for u in members]))
        figures.extend(portal_figures(members, evidence))
        figures.extend(grade_counts(framework, members))
        found += [_in_scope(f, scope.name) for f in figures]
    before = {} if previous is None else {(s.key, s.category, s.area): s.value for s in previous.statistics}
    return tuple(_with_previous(s, before) for s in found)


def _in_scope(stat: Statistic, scope: str | None) -> Statistic:
    return Statistic(stat.key, stat.value, stat.unit, scope, stat.area, None, stat.label)


def _with_previous(stat: Statistic, before: Mapping[tuple[str, str | None, str | None], float]) -> Statistic:
    value = before.get((stat.key, stat.category, stat.area))
    if value is None:
        return stat
    return Statistic(stat.key, stat.value, stat.unit, stat.category, stat.area, value, stat.label)
