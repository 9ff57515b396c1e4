"""Guesses that the sentence's own structure explains are not reported (issue 19).

Classes found on the held-out published government prose (bench/typo_gov_public.py);
every example here is written for the test, none is taken from that set.
"""

from __future__ import annotations

import pytest

from ceping.typo import Typo, check
from ceping.typo.structure import drop_explained, in_series, is_edge_near_miss
from tests.typo.changes import changes, slip


@pytest.mark.parametrize(
    "text",
    [
        # a series of three members sharing 控: 控气 is no typo for 空气
        "坚持控煤控油控气，优化能源结构。",
        # 亿 after a numeral is a unit, not 一
        "我省投资规模达到五千亿级。",
        # an official name's edge character: the rest is a whole word followed by another
        "该县生态环境不容乐观。",
        "完善湿地生态环境补偿办法。",
    ],
)
def test_correct_prose_explained_by_its_structure_is_not_flagged(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("国务院办工厅印发通知。", "国务院办工厅", "国务院办公厅"),
        ("推进一件事一次半改革。", "一件事一次半", "一件事一次办"),
        # two members are not a series: real typos hide there (ODW train)
        ("完善检验检侧体系。", "检侧", "检测"),
        # the edge character makes no word with what follows (居发)
        ("市场监督管理居发布通知。", "市场监督管理居", "市场监督管理局"),
    ],
)
def test_real_typos_beside_those_structures_are_still_found(
    text: str, wrong: str, right: str
) -> None:
    # the span may be wider (加快推近 → 加快推进), the change is the same
    assert changes(check(text)) == changes(slip(text, wrong, right))


def test_a_guess_changing_a_provincial_abbreviation_is_dropped() -> None:
    text = "推动豫货出海。"
    guess = Typo(2, 4, "豫货", "预货", 0.9, "statistical")
    assert drop_explained(text, [guess]) == []


def test_a_guess_changing_a_common_character_is_kept() -> None:
    text = "推动豫货出海。"
    guess = Typo(3, 5, "货出", "获出", 0.9, "statistical")
    assert drop_explained(text, [guess]) == [guess]


def test_listed_errors_are_not_dropped_for_a_province_character() -> None:
    text = "推动豫货出海。"
    listed = Typo(2, 4, "豫货", "预货", 0.9, "known-error")
    assert drop_explained(text, [listed]) == [listed]


def test_series_needs_three_members_and_may_cross_a_separator() -> None:
    assert in_series("尊商、重商、亲商", 4)
    assert in_series("边查边改边治", 2)
    assert not in_series("检验检测", 2)


def test_edge_near_miss_needs_a_whole_word_as_the_rest() -> None:
    text = "该县生态环境不容乐观。"
    edge = Typo(2, 7, "生态环境不", "生态环境部", 0.9, "official-wording")
    assert is_edge_near_miss(text, edge)
    assert not is_edge_near_miss(text, Typo(2, 7, "生态环境不", "生态环境部", 0.9, "statistical"))
    inner = Typo(0, 6, "国务院办工厅", "国务院办公厅", 0.9, "official-wording")
    assert not is_edge_near_miss("国务院办工厅印发通知。", inner)


def test_a_longer_word_restored_over_a_province_character_is_kept() -> None:
    text = "豫北役人员纳入管理。"  # an ODW train error: 预备役
    guess = Typo(0, 3, "豫北役", "预备役", 0.9, "statistical")
    assert drop_explained(text, [guess]) == [guess]


# Classes added with the 市/县 part (bench/typo_gov_public.py --local-out): 企 for
# 企业, names of railways and roads made of their end places' initials, and names
# of institutions. Sentences written for the test; the names are real, the
# sentences are not taken from the held-out parts.
@pytest.mark.parametrize(
    "text",
    [
        "吸引港企来我市投资。",
        "房地产市场企稳回升。",
        "构建个转企、企升规梯度培育机制。",
        "推进襄宜段前期工作。",
        "加快宜张高速建设。",
        "省银保监分局开展金融知识宣传。",
    ],
)
def test_abbreviations_route_names_and_institutions_are_not_flagged(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # 企 itself is kept; the character beside it is still checked
        ("推动企页转型升级。", "企页", "企业"),
        # a slip inside the route word is no part of the name
        ("加快建设高速供路。", "高速供路", "高速公路"),
        # after an institution word the text is checked as before
        ("建设县级公立医院和乡镇卫生院，推进医共提建设。", "医共提", "医共体"),
        # a clean counterpart: no route word, no institution, a common character
        ("推动优质医疗资源扩容下沉和区域军衡布局。", "军衡", "均衡"),
        # shapes of ODW train errors: a route word further on, with words between that
        # begin no place name; a school or 小学 after a qualifier, not right after
        ("加快推进高速公路建设，佳快推进高速公路联网。", "佳快", "加快"),
        ("本办法所称现右民办学校另行规定。", "现右", "现有"),
        ("自觉卫护中小学生合法权益。", "卫护", "维护"),
    ],
)
def test_real_typos_beside_the_new_classes_are_still_found(
    text: str, wrong: str, right: str
) -> None:
    # the span may be wider (加快推近 → 加快推进), the change is the same
    assert changes(check(text)) == changes(slip(text, wrong, right))


def test_route_name_needs_place_initials_before_a_route_word() -> None:
    # the same place initials without a route word after them are checked as before
    guess = Typo(4, 6, "宜张", "一张", 0.9, "statistical")
    assert drop_explained("加快建设宜张高速。", [guess]) == []
    assert drop_explained("加快建设宜张表格。", [guess]) == [guess]


def test_a_longer_guess_over_qi_is_kept() -> None:
    guess = Typo(2, 5, "企图而", "其他而", 0.9, "statistical")
    assert drop_explained("推动企图而行。", [guess]) == [guess]
