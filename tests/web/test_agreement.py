"""The plain math of expert aggregation: robust centre, Krippendorff's alpha, rater deviation."""

from __future__ import annotations

import pytest

from ceping.scoring.agreement import (
    Rating,
    krippendorff_alpha,
    rater_deviations,
    robust_center,
)


def test_median_below_five_raters_trimmed_mean_from_five() -> None:
    assert robust_center([1, 9, 2]).value == 2 and robust_center([1, 9, 2]).method == "median"
    assert robust_center([1, 2, 3, 10]).value == 2.5
    five = robust_center([0, 4, 4, 4.5, 5])
    assert (five.method, five.value) == ("trimmed_mean", pytest.approx(12.5 / 3))
    ten = robust_center([0, 0, 5, 5, 5, 5, 5, 5, 10, 10])  # 20 %: two cut at each end
    assert ten.value == 5


def test_alpha_by_hand() -> None:
    # D_o = 1 (each pair differs by 1); D_e = 2·6·17.5 / (6·5) = 7; alpha = 1 − 1/7.
    assert krippendorff_alpha({"a": [1, 2], "b": [3, 4], "c": [5, 6]}) == pytest.approx(6 / 7)


def test_alpha_limits() -> None:
    assert krippendorff_alpha({"a": [1, 1], "b": [3, 3, 3]}) == 1.0
    assert krippendorff_alpha({"a": [2]}) is None  # nothing pairable
    assert krippendorff_alpha({"a": [2, 2], "b": [2, 2]}) is None  # no variation at all
    # Raters who disagree more than chance: negative.
    assert krippendorff_alpha({"a": [0, 10], "b": [10, 0]}) < 0


def test_a_systematically_harsh_rater_is_flagged_and_noise_is_not() -> None:
    ratings = []
    noise = (0.0, 0.5, -0.5)  # fair raters differ from site to site, not always the same way
    for site in range(6):
        for k, rater in enumerate(("fair1", "fair2", "fair3")):
            ratings.append(Rating(rater, site, "A1.1", 4 + noise[(site + k) % 3], 5))
        ratings.append(Rating("harsh", site, "A1.1", 1.0, 5))
    deviations = {d.rater: d for d in rater_deviations(ratings)}
    assert deviations["harsh"].flagged and deviations["harsh"].mean_share == pytest.approx(-3 / 5)
    assert not any(d.flagged for name, d in deviations.items() if name != "harsh")
    # Too few comparable ratings: never flagged.
    few = [r for r in ratings if r.subject == 0]
    assert not any(d.flagged for d in rater_deviations(few))
