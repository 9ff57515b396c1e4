"""The one rate function of scaled answers and the per-network cap, on hand-computed cases."""

from __future__ import annotations

import pytest

from ceping.framework import SCALE_CHOICES, Scale
from ceping.scoring import PUBLIC_RATES, RATES, PublicAnswer, Tally, capped_responses, tally
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


def form(respondent: str, unit: str, network: str, items: str = "C1 D1") -> list[PublicAnswer]:
    return [PublicAnswer(respondent, unit, item, "方便", network) for item in items.split()]


def test_the_cap_keeps_the_earliest_responses_per_unit_and_network() -> None:
    answers = [
        *form("P1", "U1", "n1"),
        *form("P2", "U1", "n1"),
        *form("P3", "U1", ""),
        *form("P4", "U1", "n1"),
        *form("P5", "U1", "n2"),
        *form("P6", "U2", "n1"),
        *form("P7", "U1", "n1"),
        *form("P8", "U1", ""),
    ]
    # U1 from n1: P1, P2 count, P4 and P7 do not; other networks, other units and no network are
    # apart.
    assert capped_responses(answers, 2) == {("P4", "U1"), ("P7", "U1")}
    assert capped_responses(answers, 0) == {
        (f"P{i}", u) for i, u in ((1, "U1"), (2, "U1"), (4, "U1"), (5, "U1"), (6, "U2"), (7, "U1"))
    }
    assert capped_responses(answers, None) == frozenset()


def test_a_response_is_counted_once_whatever_its_number_of_answers() -> None:
    answers = [
        *form("P1", "U1", "n1", "C1 C2 C3 D1 D2"),
        *form("P2", "U1", "n1", "C1"),
        *form("P3", "U1", "n1"),
    ]
    assert capped_responses(answers, 2) == {("P3", "U1")}


def test_responses_without_a_network_are_never_capped() -> None:
    answers = [a for i in range(50) for a in form(f"P{i}", "U1", "")]
    assert capped_responses(answers, 1) == frozenset()
