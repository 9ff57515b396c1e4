"""The robust aggregate of experts' points (the rates of scaled answers are in
ceping.scoring.rates)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

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
