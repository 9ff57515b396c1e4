"""The one rate function of scaled answers, on hand-computed cases."""

from __future__ import annotations

import pytest

from ceping.framework import SCALE_CHOICES, Scale
from ceping.scoring import PUBLIC_RATES, RATES, Tally, tally
from ceping.scoring.rates import (
    BASIC_SATISFACTION,
    CONVENIENT,
    PUBLIC_CONVENIENT,
    PUBLIC_CONVENIENT_OR_BASIC,
)


def test_tally_counts_and_shares() -> None:
    counts = tally(["方便", "基本方便", "不方便", "方便"], SCALE_CHOICES[Scale.CONVENIENCE])
    assert counts == Tally(2, 1, 1)
    assert counts.share(1) == counts.positive_rate == 0.5
    assert counts.share(2) == counts.favourable_rate == 0.75
    assert counts + Tally(0, 0, 4) == Tally(2, 1, 5)
    with pytest.raises(ValueError):
        tally(["很好"], SCALE_CHOICES[Scale.CONVENIENCE])
    with pytest.raises(ValueError):
        counts.share(3)


def test_no_answers_is_no_rate_not_zero() -> None:
    assert Tally().share(1) is None and Tally().favourable_rate is None
    assert all(definition.percent(Tally()) is None for definition in RATES)


def test_each_rate_in_percent() -> None:
    counts = Tally(3, 5, 2)
    assert PUBLIC_CONVENIENT.percent(counts) == CONVENIENT.percent(counts) == 30.0  # 方便 alone
    assert PUBLIC_CONVENIENT_OR_BASIC.percent(counts) == 80.0  # 方便 + 基本方便
    assert BASIC_SATISFACTION.percent(counts) == 80.0  # 满意 + 基本满意


def test_a_label_names_one_definition() -> None:
    assert len({d.key for d in RATES}) == len({d.label for d in RATES}) == len(RATES)
    for definition in RATES:
        assert definition.label.startswith("专家和公众" if definition.with_experts else "公众")
    assert set(PUBLIC_RATES) == {d for d in RATES if not d.with_experts}

