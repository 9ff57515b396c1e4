"""Expert aggregation, on hand-computed cases."""

from __future__ import annotations

import pytest

from ceping.scoring import robust_aggregate, trim_count


def test_median_below_five_raters() -> None:
    assert robust_aggregate([4]) == 4
    assert robust_aggregate([1, 4, 2]) == 2
    assert robust_aggregate([1, 4, 2, 3]) == 2.5


def test_trimmed_mean_from_five_raters_drops_one_at_each_end() -> None:
    # 0 and 5 dropped: (3 + 3.5 + 4) / 3
    assert robust_aggregate([5, 3, 0, 4, 3.5]) == pytest.approx(3.5)
    assert robust_aggregate([4, 3, 3.5, 2, 4, 1]) == pytest.approx(3.125)


def test_trimmed_share_grows_with_the_panel() -> None:
    assert [trim_count(n) for n in (1, 4, 5, 9, 10, 19, 20, 35)] == [0, 0, 1, 1, 2, 3, 4, 7]
    ratings = [0.0] * 4 + [3.0] * 12 + [10.0] * 4  # 20 raters: four dropped at each end
    assert robust_aggregate(ratings) == 3.0


def test_no_ratings_is_an_error() -> None:
    with pytest.raises(ValueError):
        robust_aggregate([])
