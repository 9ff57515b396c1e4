"""Layers 1 and 2 by sound: long words and official phrases typed with same-sounding characters."""

from __future__ import annotations

import pytest

from ceping.typo import Options, check
from ceping.typo.soundalike import is_quantity

LISTED = Options(layers=frozenset({"known-error", "official-wording"}))


@pytest.mark.parametrize(
    ("text", "wrong", "right", "rule"),
    [
        ("全面推进乡村阵型战略。", "乡村阵型战略", "乡村振兴战略", "official-wording"),
        ("坚持罐车落实党中央决策部署。", "罐车落实", "贯彻落实", "official-wording"),
        ("加强灵导干部队伍建设。", "灵导干部", "领导干部", "official-wording"),
        ("要坚持一视同人的原则。", "一视同人", "一视同仁", "known-error"),
        ("本公司为优先公司。", "优先公司", "有限公司", "known-error"),
    ],
)
def test_phrase_typed_by_sound_is_found(text: str, wrong: str, right: str, rule: str) -> None:
    [typo] = check(text, LISTED)
    assert (text[typo.start : typo.end], typo.text, typo.suggestion, typo.rule) == (
        wrong,
        wrong,
        right,
        rule,
    )


@pytest.mark.parametrize(
    "text",
    [
        "全面推进乡村振兴战略。",
        "坚持贯彻落实党中央决策部署。",
        "加强领导干部队伍建设。",
        # A real body that reads like 监察委员会: the word model does not prefer the phrase.
        "市纪委监委和检查委员会联合调查。",
    ],
)
def test_right_or_real_wording_is_clean(text: str) -> None:
    assert check(text, LISTED) == []


def test_only_the_requested_layers_report() -> None:
    official_only = Options(layers=frozenset({"official-wording"}))
    assert check("要坚持一视同人的原则。", official_only) == []


def test_a_quantity_is_no_target_of_a_slip_by_sound() -> None:
    # jieba lists 五十万两 (an old sum of silver); 辆 reads like 两
    assert check("全省新能源汽车保有量突破五十万辆。", LISTED) == []
    assert is_quantity("五十万两") and is_quantity("一千五百")
    assert not is_quantity("三三两两") and not is_quantity("一五一十")
