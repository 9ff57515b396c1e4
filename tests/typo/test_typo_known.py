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


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("全市上下要以久久为攻的韧劲抓好各项任务落实。", "久久为攻", "久久为功"),
        ("坚持弛而不息纠治“四风”。", "弛而不息", "驰而不息"),
        ("广泛听取意见，集思广义，凝聚共识。", "集思广义", "集思广益"),
        ("对顶风违纪、有持无恐的行为从严查处。", "有持无恐", "有恃无恐"),
        ("各部门不得各行其事，要加强统筹。", "各行其事", "各行其是"),
        ("双方在收费标准上存在分岐。", "分岐", "分歧"),
        ("坚持厉精图治，推动高质量发展。", "厉精图治", "励精图治"),
        ("机关事务管理要励行节约、反对浪费。", "励行节约", "厉行节约"),
    ],
)
def test_common_misspellings_of_official_prose_are_sure_findings(
    text: str, wrong: str, right: str
) -> None:
    # gov_pairs.tsv is read at load time too, so these count without a data rebuild.
    found = [t for t in check(text) if t.text == wrong]
    assert [(t.suggestion, t.rule, t.suspect) for t in found] == [(right, "known-error", False)]


def test_the_right_forms_of_those_misspellings_are_clean() -> None:
    text = (
        "全市上下要以久久为功的韧劲抓好落实，坚持驰而不息纠治“四风”，集思广益、凝聚共识；"
        "对有恃无恐的行为从严查处，各部门不得各行其是，双方分歧已经化解；"
        "坚持励精图治，机关要厉行节约；预防碍于情面不报的问题，凭添加的附件办理。"
    )
    assert check(text) == []
