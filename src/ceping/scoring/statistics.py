"""The campaign's statistics as the notice reports them; each is defined in docs/statistics.md."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ceping.framework import Framework, Indicator, Scale
from ceping.scoring.evidence import Raters, UnitEvidence
from ceping.scoring.rates import RATES, RateDefinition, Tally
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


SCALES = tuple(Scale)
COUNTS = 4  # scored, good, leaves, full; then per scale 3 experts' and 3 public choice counts
ROW = COUNTS + 6 * len(SCALES)


@dataclass
class AreaSummary:
    """One unit's figures on one branch: what the good rate, full marks and scale rates add up."""

    scored: int = 0  # non-missing leaf scores
    good: int = 0  # of those, at or above the good line
    leaves: int = 0  # applicable leaves, missing or not
    full: int = 0  # non-missing leaves with full points
    answers: tuple[int, ...] = (0,) * (
        ROW - COUNTS
    )  # per scale: experts' 3 choice counts, then the public's


def rate_tally(answers: Sequence[int], rate: RateDefinition) -> Tally:
    """The answers a rate counts, out of summed AreaSummary.answers: the public's, with the experts'
    if it pools them."""
    at = 6 * SCALES.index(rate.scale)
    counts = Tally(answers[at + 3], answers[at + 4], answers[at + 5])
    return (
        counts + Tally(answers[at], answers[at + 1], answers[at + 2])
        if rate.with_experts
        else counts
    )


@dataclass(frozen=True)
class TreeIndex:
    """What summarizing needs of the tree, worked out once per campaign."""

    above: Mapping[
        str, tuple[str | None, ...]
    ]  # leaf code → branches above it, then None (everything)
    scales: Mapping[str, Scale | None]
    good_share: float

    @classmethod
    def of(cls, framework: Framework) -> TreeIndex:
        scales = {leaf.code: leaf.scale for leaf in framework.leaves()}
        above = {code: (*codes, None) for code, codes in framework.branches_above().items()}
        return cls(above, scales, framework.grading.good_share)


def summarize(
    tree: TreeIndex, unit: UnitResult, evidence: UnitEvidence
) -> dict[str | None, AreaSummary]:
    """A unit's AreaSummary for every branch above one of its scored leaves, and for None (all), in
    one pass."""
    above, scales, good_share = tree.above, tree.scales, tree.good_share
    # per branch: scored, good, leaves, full, then per scale 3 expert and 3 public choice counts
    sums: dict[str | None, list[int]] = {}
    for score in unit.scores:
        is_scored = not score.missing
        is_good = is_scored and score.points >= good_share * score.max - EPSILON
        is_full = is_scored and score.is_full
        scale = scales[score.code]
        answers: list[tuple[int, list[int]]] = []  # (where in the row, the 3 choice counts)
        if scale is not None:
            at = COUNTS + 6 * SCALES.index(scale)
            for source, counts in enumerate(
                (evidence.expert_choices.get(score.code), evidence.public.get(score.code))
            ):
                if counts is not None:
                    answers.append((at + 3 * source, counts))
        for code in above[score.code]:
            acc = sums.get(code)
            if acc is None:
                acc = sums[code] = [0] * ROW
            acc[0] += is_scored
            acc[1] += is_good
            acc[2] += 1
            acc[3] += is_full
            for at, counts in answers:
                acc[at] += counts[0]
                acc[at + 1] += counts[1]
                acc[at + 2] += counts[2]
    return {
        code: AreaSummary(a[0], a[1], a[2], a[3], tuple(a[COUNTS:])) for code, a in sums.items()
    }


def area_figures(
    area: str, summaries: Sequence[Mapping[str | None, AreaSummary]]
) -> Iterator[Statistic]:
    """good_rate, full_marks and the scale rates of one branch.

    good_rate: share (%) of the non-missing leaf scores under the branch at or
    above good_share × max. full_marks: units with every leaf under the branch
    scored and at full points. The rates: see rate_figures.
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
    yield from rate_figures(area, own)


def rate_figures(area: str | None, own: Sequence[AreaSummary]) -> Iterator[Statistic]:
    """Each rate of ceping.scoring.rates.RATES over the answers on the scaled leaves below the
    branch (every scaled leaf when area is None), where it has answers: e.g. convenient_rate, the
    share (%) of 方便 among experts' and the public's answers; public_convenient_rate, among the
    public's alone."""
    if not own:
        return
    answers = [sum(column) for column in zip(*(s.answers for s in own), strict=True)]
    for definition in RATES:
        value = definition.percent(rate_tally(answers, definition))
        if value is not None:
            yield Statistic(definition.key, value, "%", area=area, label=definition.label)


def portal_figures(
    units: Sequence[UnitResult], evidence: Mapping[str, UnitEvidence]
) -> Iterator[Statistic]:
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


# What the scan found on each unit's site, counted per scope for the notice's 工作成效
# (e.g. {{with:english 区县}} 个区县网站设有英文版); a site the scan did not judge is not counted.
SITE_FEATURES = {"english": "设有英文版的网站数", "search_works": "站内搜索可用的网站数",
                 "https": "提供HTTPS访问的网站数", "reachable": "可以访问的网站数"}  # fmt: skip


def feature_counts(
    units: Sequence[UnitResult], evidence: Mapping[str, UnitEvidence]
) -> Iterator[Statistic]:
    facts = [evidence[u.code].machine for u in units]
    scanned = [f for f in facts if f is not None]
    if not scanned:
        return
    for measure, label in SITE_FEATURES.items():
        count = sum(1 for f in scanned if f.measures.get(measure) == 1.0)
        yield Statistic(f"with:{measure}", count, "个", label=label)


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
            yield Statistic(
                "area_expert_count", count, "位", area=node.code, label="参加测评专家数"
            )
        if node.code in raters.area_public_forms:
            count = raters.area_public_forms[node.code]
            yield Statistic(
                "area_public_count", count, "人次", area=node.code, label="参加测评公众人次"
            )


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
        figures.extend(
            rate_figures(
                None, [summaries[u.code][None] for u in members if None in summaries[u.code]]
            )
        )
        figures.extend(portal_figures(members, evidence))
        figures.extend(feature_counts(members, evidence))
        figures.extend(grade_counts(framework, members))
        found += [_in_scope(f, scope.name) for f in figures]
    before = (
        {}
        if previous is None
        else {(s.key, s.category, s.area): s.value for s in previous.statistics}
    )
    return tuple(_with_previous(s, before) for s in found)


def _in_scope(stat: Statistic, scope: str | None) -> Statistic:
    return Statistic(stat.key, stat.value, stat.unit, scope, stat.area, None, stat.label)


def _with_previous(
    stat: Statistic, before: Mapping[tuple[str, str | None, str | None], float]
) -> Statistic:
    value = before.get((stat.key, stat.category, stat.area))
    if value is None:
        return stat
    return Statistic(stat.key, stat.value, stat.unit, stat.category, stat.area, value, stat.label)
