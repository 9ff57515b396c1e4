"""Layer 3, real words: a word typed for a far commoner word of the same reading."""

from __future__ import annotations

import pytest

from ceping.typo import Options, check
from ceping.typo.homophones import homophones

STATISTICAL = Options(layers=frozenset({"statistical"}))


def test_homophones_are_far_commoner_words_of_the_same_reading() -> None:
    similar = homophones()
    assert similar["暴涨"] == ("保障",)
    assert "规划" in similar["桂花"]
    # The commoner word of a pair has no homophone to be mistaken for.
    assert "保障" not in similar


def test_real_word_typed_for_its_homophone_is_found() -> None:
    [typo] = check("进一步完善最低生活暴涨标准的调整机制。", STATISTICAL)
    assert (typo.start, typo.end, typo.text, typo.suggestion) == (9, 11, "暴涨", "保障")
    assert typo.rule == "statistical"


@pytest.mark.parametrize(
    "text",
    [
        "进一步完善最低生活保障标准的调整机制。",
        "他时常去图书馆看书。",
        "对违规资金依法依纪严惩。",
        "通过易地扶贫搬迁改善生活条件。",
    ],
)
def test_rarer_words_in_their_own_context_are_left_alone(text: str) -> None:
    assert check(text, STATISTICAL) == []
