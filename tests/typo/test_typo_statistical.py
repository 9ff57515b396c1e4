"""Layer 3: a character no word explains, replaced by a confusable one under the word model."""

from __future__ import annotations

import pytest

from ceping.typo import Options, check
from ceping.typo.coverage import orphans
from ceping.typo.model import DEFAULT_MIN_CONFIDENCE
from ceping.typo.protect import protection_mask
from ceping.typo.statistical import homophone_options, options_at, suspects

STATISTICAL = Options(layers=frozenset({"statistical"}))


@pytest.mark.parametrize(
    ("text", "span", "wrong", "right"),
    [
        ("推进政务服务标准化，提升行政效律。", (14, 16), "效律", "效率"),
        ("全面加强基层建设，提高治理水平和服物能力。", (16, 18), "服物", "服务"),
        ("确保人民群众生命财产安全和社会稳订。", (15, 17), "稳订", "稳定"),
    ],
)
def test_planted_slip_is_found(text: str, span: tuple[int, int], wrong: str, right: str) -> None:
    [typo] = check(text, STATISTICAL)
    assert (typo.start, typo.end) == span
    assert (typo.text, typo.suggestion, typo.rule) == (wrong, right, "statistical")
    assert DEFAULT_MIN_CONFIDENCE <= typo.confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "推进政务服务标准化，提升行政效率。",
        "要坚持问题导向，着力解决群众反映强烈的突出问题。",
        "这项工作由市财政局负责，区县政府配合。",
        "因城施策，视情调整，推动事业单位转企改制。",
    ],
)
def test_correct_sentences_are_clean(text: str) -> None:
    assert check(text, STATISTICAL) == []


def test_threshold_is_a_parameter() -> None:
    text = "全面加强基层建设，提高治理水平和服物能力。"
    assert check(text, Options(layers=STATISTICAL.layers, min_confidence=0.999)) == []


def test_a_confident_finding_lowers_the_bar_for_its_line() -> None:
    weak = "提高农产品供合保障能力。"
    assert check(weak, STATISTICAL) == []
    found = check("提升行政效律，" + weak, STATISTICAL)
    assert [(t.start, t.end, t.text, t.suggestion, t.rule) for t in found] == [
        (4, 6, "效律", "效率", "statistical"),
        (12, 14, "供合", "供给", "statistical"),
    ]
    # Only within the sentence: another sentence is judged on its own.
    assert [t.text for t in check("提升行政效律。" + weak, STATISTICAL)] == ["效律"]
    assert [t.text for t in check("提升行政效律。\n" + weak, STATISTICAL)] == ["效律"]


def test_two_adjacent_slips_are_one_word_typed_wrong() -> None:
    [typo] = check("把锦荣风险防控摆在重要位置。", STATISTICAL)
    assert (typo.start, typo.end, typo.text, typo.suggestion) == (1, 3, "锦荣", "金融")


@pytest.mark.parametrize(
    "text", ["我们将持续推进金融改革。", "配备寄递安全物防设施。", "这是一个关于骆驼的故事。"]
)
def test_rare_words_are_not_taken_for_double_slips(text: str) -> None:
    assert check(text, STATISTICAL) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("市教育局等有关不门要加强协调配合。", "不门", "部门"),
        ("加强对幼儿园和中小学的安全管理，做好有儿园的监督工作。", "有儿", "幼儿"),
    ],
)
def test_a_function_character_typed_for_a_word_is_found(text: str, wrong: str, right: str) -> None:
    [typo] = check(text, STATISTICAL)
    assert (typo.text, typo.suggestion) == (wrong, right)


def test_a_function_character_is_suspect_only_when_it_fits_neither_neighbour() -> None:
    # 在 fits 他 before it (他在 is common), though never seen before 犇; 不 fits
    # neither 关 nor 门.
    fits_one = "他在犇犇家具城上班。"
    assert 1 not in orphans(fits_one, protection_mask(fits_one))[0]
    fits_none = "市教育局等有关不门要加强协调配合。"
    assert 7 in orphans(fits_none, protection_mask(fits_none))[0]


def test_remembered_options_equal_fresh_ones() -> None:
    lines = [
        "推进政务服务标准化，提升行政效律。确保人民群众生命财产安全和社会稳订！",
        "效律。全面加强基层建设，提高治理水平和服物能力。",
        "“服物”能力，提高治理水平和服物能力。",
    ]
    options_at.cache_clear()
    homophone_options.cache_clear()
    fresh = [list(suspects(line, protection_mask(line))) for line in lines]
    # The same windows again, now answered from memory, in other lines too.
    assert [list(suspects(line, protection_mask(line))) for line in lines] == fresh
    assert [list(suspects(line, protection_mask(line))) for line in reversed(lines)] == fresh[::-1]
