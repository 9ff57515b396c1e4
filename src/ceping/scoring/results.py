"""The results of scoring a campaign: what reports read, each number with its inputs.

This is the contract between `ceping.scoring` (which produces it) and
`ceping.report` / the web shell (which read it). Plain immutable values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ceping.framework import Framework

Json = Mapping[str, Any]


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Deduction:
    """Points taken off an indicator, with the evidence that justifies it."""

    points: float
    reason: str  # 中文, e.g. "错链断链，每处扣 0.25 分"
    finding: Json = field(default_factory=_empty)  # a finding as in the scan JSON (DESIGN.md §5.1)


@dataclass(frozen=True)
class IndicatorScore:
    """The points of one unit on one leaf indicator, and how they came about."""

    unit: str  # unit code
    code: str  # indicator code
    points: float
    max: float
    rule: str  # the rule that produced the points, readable ("错链断链每处扣 0.25 分")
    inputs: Json = field(default_factory=_empty)  # what the rule read: counts, rates, raters
    deductions: tuple[Deduction, ...] = ()
    missing: bool = False  # no input at all: reported, not silently scored zero

    @property
    def is_full(self) -> bool:
        return self.points >= self.max - 1e-9


@dataclass(frozen=True)
class UnitResult:
    """One unit's totals, grade and rank in its category."""

    code: str
    name: str
    short_name: str
    category: str
    total: float
    max: float
    grade: str | None  # None: below every grade, or the category is not graded
    rank: int  # 1-based within the category, deterministic on ties
    area_points: Mapping[str, float]  # every branch indicator's points, by code
    scores: tuple[IndicatorScore, ...]
    vetoes: tuple[str, ...] = ()  # codes of single-veto items that hit this unit
    missing: tuple[str, ...] = ()  # indicator codes without input

    def score(self, code: str) -> IndicatorScore:
        for score in self.scores:
            if score.code == code:
                return score
        raise KeyError(code)


@dataclass(frozen=True)
class Statistic:
    """One figure of the notice, e.g. 优良率 of area A1 for 区县: 91.9 (%)."""

    key: str  # see docs/statistics.md: good_rate, full_marks, convenient_rate, ...
    value: float
    unit: str = ""  # "%", "个", "条", "人次", "位"
    category: str | None = None  # None: all categories together
    area: str | None = None  # indicator code the figure is about, None for the campaign
    previous: float | None = None  # the same figure of the previous campaign
    label: str = ""  # 中文 label for tables

    @property
    def change(self) -> float | None:
        """Change on the previous campaign (percentage points for rates)."""
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class CampaignResults:
    """Everything a report needs about a scored campaign."""

    campaign: str  # e.g. "2012年度上海市政府网站测评"
    year: int
    framework: Framework
    units: tuple[UnitResult, ...]
    statistics: tuple[Statistic, ...]
    is_sample_data: bool = False  # rebuilt sample data: reports must say so

    def in_category(self, category: str) -> list[UnitResult]:
        """The units of a category, best rank first."""
        return sorted((u for u in self.units if u.category == category), key=lambda u: u.rank)

    def graded(self, grade: str, category: str) -> list[UnitResult]:
        return [u for u in self.in_category(category) if u.grade == grade]

    def statistic(
        self, key: str, category: str | None = None, area: str | None = None
    ) -> Statistic:
        for stat in self.statistics:
            if (stat.key, stat.category, stat.area) == (key, category, area):
                return stat
        raise KeyError((key, category, area))
