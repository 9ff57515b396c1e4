"""The indicator framework as typed, immutable values (the YAML form is in docs/framework.md)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from ceping.vocabulary import KINDS


class Source(StrEnum):
    """Where the points of a leaf indicator come from."""

    MACHINE = "machine"  # the scanner's measurements and findings, through a rule
    EXPERT = "expert"  # the robust aggregate of the assigned experts' points
    PUBLIC = "public"  # rates from the public survey, through a rule
    PORTAL = "portal"  # the portal office's imported statistics, through a rule
    SELF = "self"  # points the organizer verified from the unit's self-inspection


class Scale(StrEnum):
    """The answer scale of an item rated by people (public survey, experts on the same form)."""

    CONVENIENCE = "convenience"  # 方便 / 基本方便 / 不方便
    SATISFACTION = "satisfaction"  # 满意 / 基本满意 / 不满意


SCALE_CHOICES: Mapping[Scale, tuple[str, str, str]] = MappingProxyType(
    {
        Scale.CONVENIENCE: ("方便", "基本方便", "不方便"),
        Scale.SATISFACTION: ("满意", "基本满意", "不满意"),
    }
)

# Every kind of the vocabulary may be scored, including those of checks still to come.
FINDING_KINDS = frozenset(KINDS)


class RuleKind(StrEnum):
    """How a rule turns inputs into points."""

    DEDUCT = "deduct"  # max minus `per` points for each matching finding, at most `cap`
    BANDS = "bands"  # the points of the first band the measure falls in, else 0
    LINEAR = "linear"  # max scaled by where the measure lies between `low` and `high`


class VetoEffect(StrEnum):
    ZERO = "zero"  # the unit's total becomes 0 (单项否决)
    CAP = "cap"  # the unit's total is capped at `cap`


@dataclass(frozen=True)
class Band:
    """A band of a measure: `at_most` and/or `at_least` bound it (inclusive)."""

    points: float
    at_most: float | None = None
    at_least: float | None = None

    def contains(self, value: float) -> bool:
        if self.at_most is not None and value > self.at_most:
            return False
        return not (self.at_least is not None and value < self.at_least)


@dataclass(frozen=True)
class Rule:
    """Maps measurements or findings of a leaf's source to points."""

    kind: RuleKind
    findings: tuple[str, ...] = ()  # finding kinds counted by a DEDUCT rule
    # field → the values that match (any of them): `where: {column_type: [动态要闻, 通知公告]}`
    where: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    per: float = 0.0  # points deducted per finding
    cap: float | None = None  # most points a DEDUCT rule takes (default: the leaf's max)
    measure: str = ""  # the measurement a BANDS or LINEAR rule reads
    bands: tuple[Band, ...] = ()
    low: float = 0.0  # LINEAR: measure at or below `low` gives 0 points
    high: float = 1.0  # LINEAR: measure at or above `high` gives full points


@dataclass(frozen=True)
class Indicator:
    """A node of the tree: an area, a group, or a leaf that carries points."""

    code: str
    name: str
    max: float  # a leaf's points; a branch's is the sum of its children's
    # Leaves only: each source with its share of the points (one source: share 1.0).
    sources: Mapping[Source, float] = field(default_factory=lambda: MappingProxyType({}))
    rule: Rule | None = None
    scale: Scale | None = None  # leaves rated by people on a three-choice scale
    children: tuple[Indicator, ...] = ()
    # Per-category factor on this node's points; a category not listed gets 1.0, 0 drops the node.
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    description: str = ""
    line: int = 0  # where it stands in the YAML file, for messages
    # Areas only: a bonus area (加分指标) counts only for a unit whose points on the other
    # areas exceed this; it is outside the framework's total. None for an ordinary node.
    bonus_above: float | None = None

    @property
    def is_bonus(self) -> bool:
        return self.bonus_above is not None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def source(self) -> Source | None:
        """The only source of a single-source leaf; None for a branch or a mixed leaf."""
        return next(iter(self.sources)) if len(self.sources) == 1 else None

    def walk(self) -> Iterator[Indicator]:
        """This node and every node below it, depth first, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Iterator[Indicator]:
        return (node for node in self.walk() if node.is_leaf)

    def weight(self, category: str) -> float:
        return self.weights.get(category, 1.0)


@dataclass(frozen=True)
class Veto:
    """A single-veto item (单项否决): a finding that zeroes or caps a unit's total."""

    code: str
    name: str
    findings: tuple[str, ...]
    # field → the values that match (any of them): `where: {column_type: [动态要闻, 通知公告]}`
    where: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    effect: VetoEffect = VetoEffect.ZERO
    cap: float | None = None
    line: int = 0
    at_least: int = 1  # how many matching findings it takes (超过（含）5个: 5)
    categories: tuple[str, ...] = ()  # the unit categories it applies to; () for every one
    # Decided by the organizer from evidence (安全泄密, 弄虚作假 …), not by findings: a unit
    # without the organizer's verdict is not passed but pending (待核实) and not graded.
    by_organizer: bool = False

    def applies_to(self, category: str | None) -> bool:
        return not self.categories or category is None or category in self.categories


@dataclass(frozen=True)
class Informative:
    """Findings a framework shows in reports without points (不计分，供参考): its table has no
    item for them, or the item's points were not read. `informs` names the leaf, or the
    organizer veto, whose scorers read them as evidence ("" for none)."""

    name: str
    findings: tuple[str, ...]
    where: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    informs: str = ""
    note: str = ""  # why it carries no points, for people
    line: int = 0


@dataclass(frozen=True)
class CategoryGrading:
    """How one unit category is graded: thresholds on the total and optional quotas.

    Grades are tried best first; a unit gets the first grade whose threshold its
    total reaches and whose quota is not yet used up by better-ranked units.
    """

    thresholds: Mapping[str, float]
    quotas: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Grading:
    grades: tuple[str, ...]  # best first, e.g. ("优秀", "良好")
    categories: Mapping[str, CategoryGrading]  # categories absent here are scored, not graded
    good_share: float = 0.8  # an indicator score ≥ this share of its max counts for 优良率


@dataclass(frozen=True)
class Category:
    """A unit category, with the label the notice uses for its sites."""

    name: str  # 区县
    label: str  # 区县网站
    # Multiplies a unit's total (bonus areas aside) and its max: departments without external
    # services are scored out of 75 and the result × 4/3 (国办秘函〔2019〕19号). Applied to the
    # sum, not per leaf, so rounding the leaves does not move the total.
    factor: float = 1.0


@dataclass(frozen=True)
class NoticeGroup:
    """Categories the notice reports together,
    e.g. 部门网站 = 市政府部门 + 管委会 + 开发区（园区）."""

    name: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    """A whole indicator framework, as loaded and validated from YAML."""

    name: str
    total: float
    categories: tuple[Category, ...]
    areas: tuple[Indicator, ...]
    grading: Grading
    vetoes: tuple[Veto, ...] = ()
    description: str = ""
    groups: tuple[NoticeGroup, ...] = ()  # statistics are also computed per group
    # The shipped notice template written for this framework's categories and indicators
    # (a file name under ceping/report/templates); "" for the generic one, which fits any.
    notice: str = ""
    informative: tuple[Informative, ...] = ()  # findings shown in reports, worth no points
    # How the scanner checks its campaigns' sites: ScanConfig field → value (scansettings.py).
    scan: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def walk(self) -> Iterator[Indicator]:
        for area in self.areas:
            yield from area.walk()

    @property
    def bonus_leaf_codes(self) -> frozenset[str]:
        """The leaves of the bonus areas: their points are on top of the total."""
        return frozenset(leaf.code for a in self.areas if a.is_bonus for leaf in a.leaves())

    def leaves(self) -> Iterator[Indicator]:
        return iter(self._leaves)

    @cached_property
    def _leaves(self) -> tuple[Indicator, ...]:
        # Walked once: the web layer asks on every survey submission, the scorer per unit.
        return tuple(node for node in self.walk() if node.is_leaf)

    def branches_above(self) -> dict[str, tuple[str, ...]]:
        """For each leaf code, the codes of the branches above it, the area first."""
        result: dict[str, tuple[str, ...]] = {}

        def visit(node: Indicator, above: tuple[str, ...]) -> None:
            if node.is_leaf:
                result[node.code] = above
            for child in node.children:
                visit(child, (*above, node.code))

        for area in self.areas:
            visit(area, ())
        return result

    def indicator(self, code: str) -> Indicator:
        for node in self.walk():
            if node.code == code:
                return node
        raise KeyError(code)

    def category(self, name: str) -> Category:
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(name)

    @property
    def category_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    @property
    def scope_names(self) -> tuple[str, ...]:
        """What a statistic can be about: each category, then each notice group."""
        return self.category_names + tuple(g.name for g in self.groups)

    def scope_label(self, name: str | None) -> str:
        """How the notice names a scope: a category's label (区县网站), a group's name, or 全部."""
        if name is None:
            return "全部"
        for category in self.categories:
            if category.name == name:
                return category.label
        for group in self.groups:
            if group.name == name:
                return group.name
        raise KeyError(name)
