"""Aggregates of people's ratings: the robust expert mean and the rates of scaled answers."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TRIM_FROM = 5  # with this many raters or more the mean is trimmed; below, the median
TRIM_SHARE = 0.2  # share trimmed from each end, at least one rating


def trim_count(n: int) -> int:
    """How many ratings a trimmed mean of n drops from each end (0 below TRIM_FROM)."""
    if n < TRIM_FROM:
        return 0
    return max(1, math.floor(n * TRIM_SHARE))


def robust_aggregate(points: Sequence[float]) -> float:
    """The trimmed mean of the ratings (≥ 5 raters), else their median.

    With n ≥ 5 raters, k = max(1, ⌊n/5⌋) ratings are dropped from each end and
    the rest averaged, so one partial expert cannot move a unit's score far.
    """
    if not points:
        raise ValueError("no ratings to aggregate")
    ordered = sorted(points)
    k = trim_count(len(ordered))
    if k == 0:
        return float(statistics.median(ordered))
    kept = ordered[k : len(ordered) - k]
    return math.fsum(kept) / len(kept)


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of the three choices of a scaled item, best first."""

    first: int = 0
    second: int = 0
    third: int = 0

    @property
    def total(self) -> int:
        return self.first + self.second + self.third

    @property
    def favourable_rate(self) -> float:
        """Share of the first two choices (方便+基本方便, 满意+基本满意)."""
        return (self.first + self.second) / self.total if self.total else 0.0

    @property
    def positive_rate(self) -> float:
        """Share of the first choice alone (方便, 满意)."""
        return self.first / self.total if self.total else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.first + other.first, self.second + other.second, self.third + other.third)


def tally(choices: Iterable[str], scale: tuple[str, str, str]) -> Tally:
    """Count choices on a three-choice scale; a choice not on the scale is a ValueError."""
    counts = [0, 0, 0]
    for choice in choices:
        counts[scale.index(choice)] += 1
    return Tally(*counts)
