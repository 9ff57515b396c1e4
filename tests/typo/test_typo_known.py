"""Layer 1: the lexicon of known wrong→right words and phrases."""

from __future__ import annotations

import pytest

from ceping.typo import Options, Typo, check

KNOWN = Options(layers=frozenset({"known-error"}))


def test_idiom_from_macro_correct_is_found() -> None:
    assert check("人民群众都希望按居乐业。", KNOWN) == [
        Typo(7, 11, "按居乐业", "安居乐业", 1.0, "known-error", suspect=False)
    ]


def test_government_pair_is_found() -> None:
    assert check("请结合实际制定实施细责。", KNOWN) == [
        Typo(7, 11, "实施细责", "实施细则", 1.0, "known-error", suspect=False)
    ]


def test_word_learned_from_odw_train_is_found() -> None:
    [typo] = check("大力培育发展大数局产业。", KNOWN)
    assert (typo.start, typo.end, typo.text, typo.suggestion, typo.rule) == (
        6,
        9,
        "大数局",
        "大数据",
        "known-error",
    )


def test_correct_text_is_clean() -> None:
    assert check("人民群众安居乐业，请结合实际制定实施细则，大力发展大数据产业。", KNOWN) == []


def test_cost_does_not_depend_on_a_match_inside_the_right_form() -> None:
    # A wrong form contained in its own correction would fire on correct text.
    assert check("全国人民代表大会常务委员会", KNOWN) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("进一步精简审枇环节，压缩办理时限。", "审枇", "审批"),
        ("各部门要按照统一布署，认真做好本次检查工作。", "统一布署", "统一部署"),
        ("要深入贯切会议精神。", "深入贯切", "深入贯彻"),
        ("请各单位统筹按排人员力量。", "统筹按排", "统筹安排"),
    ],
)
def test_wrong_characters_of_shenpi_bushu_guanche_anpai_are_found(
    text: str, wrong: str, right: str
) -> None:
    [typo] = check(text, KNOWN)
    assert (text[typo.start : typo.end], typo.text, typo.suggestion, typo.suspect) == (
        wrong,
        wrong,
        right,
        False,
    )


def test_the_same_characters_across_a_word_boundary_are_clean() -> None:
    # 发布|署名, 一贯|切实, 按|排名, 枇杷: why 布署, 贯切 and 按排 are listed only in collocations.
    text = "他发布署名文章，一贯切实履行职责，按排名先后录取，园中枇杷成熟，终审判决已下达。"
    assert check(text) == []
