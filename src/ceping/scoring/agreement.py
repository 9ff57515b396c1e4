"""Robust aggregation of raters' points, inter-rater agreement and systematic deviation (plain
math)."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from ceping.scoring.aggregate import robust_aggregate, trim_count

DEVIATION_SHARE = 0.15  # mean deviation from the other raters, as a share of the indicator's max
DEVIATION_T = 2.0  # and it must be this many standard errors away from 0
DEVIATION_MIN_RATINGS = 4


@dataclass(frozen=True)
class Center:
    value: float
    method: str  # "trimmed_mean" | "median"
    raters: int


def robust_center(values: Sequence[float]) -> Center:
    """What the scorer uses (ceping.scoring.robust_aggregate), with the method it took."""
    if not values:
        raise ValueError("no values")
    method = "trimmed_mean" if trim_count(len(values)) else "median"
    return Center(robust_aggregate(values), method, len(values))


def krippendorff_alpha(ratings: Mapping[Hashable, Sequence[float]]) -> float | None:
    """Krippendorff's alpha, interval metric, for any number of raters per subject (missing
    allowed).

    `ratings` maps each subject (a site) to the values its raters gave. Subjects with one value
    are not pairable and are left out. None when there is nothing to compare (fewer than two
    pairable subjects' worth of values, or no variation at all).
    """
    pairable = [list(v) for v in ratings.values() if len(v) >= 2]
    n = sum(len(v) for v in pairable)
    if n < 2:
        return None
    observed = 0.0
    for values in pairable:
        m = len(values)
        observed += sum(
            (a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values) if i != j
        ) / (m - 1)
    observed /= n
    everything = [x for values in pairable for x in values]
    # Sum over ordered pairs of (a-b)^2 equals 2n·Σ(x-mean)^2, which avoids the n² loop.
    mean = statistics.fmean(everything)
    expected = 2 * n * sum((x - mean) ** 2 for x in everything) / (n * (n - 1))
    if expected == 0:
        return None if observed == 0 else 0.0
    return 1 - observed / expected


@dataclass(frozen=True)
class Rating:
    rater: Hashable
    subject: Hashable  # a site (unit)
    item: str  # an indicator code
    value: float
    max: float


@dataclass(frozen=True)
class Deviation:
    rater: Hashable
    mean_share: float  # mean of (own − median of the others) / max; > 0: systematically generous
    ratings: int
    t: float
    flagged: bool


def rater_deviations(ratings: Sequence[Rating]) -> list[Deviation]:
    """Each rater's mean deviation from the median of the other raters of the same site and item.

    Flagged when the mean deviation is at least DEVIATION_SHARE of the item's max and at least
    DEVIATION_T standard errors from zero, over at least DEVIATION_MIN_RATINGS comparable ratings.
    """
    by_cell: dict[tuple[Hashable, str], list[Rating]] = defaultdict(list)
    for r in ratings:
        by_cell[(r.subject, r.item)].append(r)
    shares: dict[Hashable, list[float]] = defaultdict(list)
    for cell in by_cell.values():
        if len(cell) < 2:
            continue
        for r in cell:
            others = [o.value for o in cell if o is not r]
            if r.max > 0:
                shares[r.rater].append((r.value - statistics.median(others)) / r.max)
    result = []
    for rater, values in shares.items():
        mean = statistics.fmean(values)
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        t = (
            math.inf
            if sd == 0 and mean != 0
            else (0.0 if sd == 0 else mean / (sd / math.sqrt(len(values))))
        )
        flagged = (
            len(values) >= DEVIATION_MIN_RATINGS
            and abs(mean) >= DEVIATION_SHARE
            and abs(t) >= DEVIATION_T
        )
        result.append(Deviation(rater, mean, len(values), t, flagged))
    return sorted(result, key=lambda d: -abs(d.mean_share))
