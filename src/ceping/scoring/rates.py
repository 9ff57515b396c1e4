"""Rates of answers on a three-choice scale: the one definition behind scores, statistics, dashboard
and API.

A rate is the share of the best `best` choices among all answers: 1 counts the
first choice alone (方便, 满意), 2 the first two (方便 + 基本方便, 满意 + 基本满意).
`RATES` names each rate a person reads, with its one Chinese label; a figure
that pools experts' answers with the public's has a label that says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ceping.framework import Scale


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of the three choices of a scaled item, best first."""

    first: int = 0
    second: int = 0
    third: int = 0

    @property
    def total(self) -> int:
        return self.first + self.second + self.third

    def share(self, best: int) -> float | None:
        """Share of the `best` first choices (1 or 2) among all answers; None when there are
        none."""
        if best not in (1, 2):
            raise ValueError(f"best must be 1 or 2, not {best}")
        total = self.first + self.second + self.third
        if not total:
            return None
        return (self.first + self.second if best == 2 else self.first) / total

    @property
    def favourable_rate(self) -> float | None:
        """Share of the first two choices (方便+基本方便, 满意+基本满意)."""
        return self.share(2)

    @property
    def positive_rate(self) -> float | None:
        """Share of the first choice alone (方便, 满意)."""
        return self.share(1)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.first + other.first, self.second + other.second, self.third + other.third)


def tally(choices: Iterable[str], scale: tuple[str, str, str]) -> Tally:
    """Count choices on a three-choice scale; a choice not on the scale is a ValueError."""
    counts = [0, 0, 0]
    for choice in choices:
        counts[scale.index(choice)] += 1
    return Tally(*counts)


@dataclass(frozen=True, slots=True)
class RateDefinition:
    """A rate as people read it: its key (docs/statistics.md), its label, what it counts."""

    key: str
    label: str
    scale: Scale
    best: int  # choices counted: 1 the first alone, 2 the first two
    with_experts: bool  # experts' answers pooled with the public's; else the public's alone

    def percent(self, counts: Tally) -> float | None:
        """The rate in percent, unrounded; None without answers."""
        share = counts.share(self.best)
        return None if share is None else 100.0 * share


CONVENIENT = RateDefinition(
    "convenient_rate", "专家和公众认为方便的比例", Scale.CONVENIENCE, 1, True
)
BASIC_SATISFACTION = RateDefinition(
    "basic_satisfaction_rate", "专家和公众基本满意率", Scale.SATISFACTION, 2, True
)
PUBLIC_CONVENIENT = RateDefinition(
    "public_convenient_rate", "公众认为方便的比例", Scale.CONVENIENCE, 1, False
)
PUBLIC_CONVENIENT_OR_BASIC = RateDefinition(
    "public_convenient_or_basic_rate", "公众认为方便或基本方便的比例", Scale.CONVENIENCE, 2, False
)
PUBLIC_BASIC_SATISFACTION = RateDefinition(
    "public_basic_satisfaction_rate", "公众基本满意率", Scale.SATISFACTION, 2, False
)
# What the survey dashboard and the API show: the public's answers alone.
PUBLIC_RATES = (PUBLIC_CONVENIENT, PUBLIC_CONVENIENT_OR_BASIC, PUBLIC_BASIC_SATISFACTION)
# Every rate of the statistics, in the order they are listed.
RATES = (CONVENIENT, BASIC_SATISFACTION, *PUBLIC_RATES)
