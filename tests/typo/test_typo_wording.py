"""Correct official wording is never reported (issue 19), and real typos around it still are."""

from __future__ import annotations

import pytest

from ceping.typo import Typo, check
from ceping.typo.resources import variants
from ceping.typo.wording import drop_wrong_wording, writes_variant


def test_recommended_variant_is_not_corrected_into_the_non_recommended_one() -> None:
    assert check("全市上下要勠力同心、攻坚克难。") == []


def test_a_suggestion_writing_a_non_recommended_variant_is_dropped() -> None:
    text = "大家勠力同心。"
    wrong = Typo(2, 4, "勠力", "戮力", 0.99, "statistical")
    assert writes_variant(text, wrong)
    assert drop_wrong_wording(text, [wrong]) == []


def test_a_suggestion_writing_a_recommended_form_is_kept() -> None:
    text = "提高作品的清撤度。"
    right = Typo(5, 7, "清撤", "清澈", 0.99, "statistical")
    assert drop_wrong_wording(text, [right]) == [right]


def test_variant_pairs_differ_and_recommend_dulili() -> None:
    pairs = variants()
    assert ("勠力", "戮力") in pairs
    assert all(right != wrong for right, wrong in pairs)


@pytest.mark.parametrize(
    "text",
    [
        "各地要切实做好维稳工作，确保社会大局稳定。",
        "春节期间抓好维稳安保各项措施落实。",
        "县委政法委召开维稳工作会议。",
    ],
)
def test_weiwen_is_not_reported(text: str) -> None:
    assert check(text) == []


def test_weiwen_is_protected_even_from_a_sure_guess() -> None:
    # On the farm 维稳 was "corrected" to 慰问 (same reading); the term itself is guarded.
    text = "做好维稳工作。"
    assert drop_wrong_wording(text, [Typo(2, 4, "维稳", "慰问", 0.99, "statistical")]) == []


@pytest.mark.parametrize(
    "text",
    [
        "深化放管服改革，推进一网通办、一件事一次办、跨省通办和接诉即办。",
        "区政府研究部署防汛抗旱、森林防灭火和地质灾害防治等工作。",
        "以学铸魂、以学增智、以学正风、以学促干，驰而不息纠治四风。",
    ],
)
def test_current_tifa_is_not_reported(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # 起付 read as 起伏 and 易致 as 一致 before the class was protected
        "城乡居民医保的起付线为500元，起付线以上部分按比例报销。",
        "对低保户、特困供养人员和边缘易致贫户实行分类救助。",
        "大病保险的封顶线提高到40万元，医疗救助范围扩大。",
        "全县建档立卡户全部实现两不愁三保障。",
    ],
)
def test_social_policy_terms_of_county_pages_are_not_reported(text: str) -> None:
    assert check(text) == []


def test_a_slip_beside_a_social_policy_term_is_still_found() -> None:
    # The term is protected, not the sentence: 报消 next to 起付线 stays a typo.
    found = check("起付线以上部分按比例报消。")
    assert [(t.text, t.suggestion) for t in found] == [("报消", "报销")]


@pytest.mark.parametrize(
    "text",
    [
        # each of these sentences had two or three suspects before the class was protected:
        # 稳字 → 文字, 化险 → 化验, 只减 → 只见, 化实 → 化石, 创板 → 创办, 一键 → 一件 …
        "今年经济工作要坚持稳字当头、稳中求进，推进中小金融机构改革化险。",
        "三公经费只减不增，持续细化实化各项举措，推动量质齐升。",
        "建设科创板上市后备企业库，推进农房抗震改造，群众可一键查询。",
        "强化数智赋能，加快打造智造走廊，落实减税减费政策。",
        "推进交通缓堵促畅，落实强边固防，严格正风肃纪。",
        "生态环境本底仍然脆弱，边境高寒地区供氧工程全面完成。",
        "网商和电商企业的客服人员纳入培训，新建小区按标准配建停车位。",
    ],
)
def test_current_wording_of_the_economy_and_e_government_is_not_reported(text: str) -> None:
    assert check(text) == []


def test_a_slip_beside_current_wording_is_still_found() -> None:
    found = check("坚持稳字当头，认真贯切落实农房改造政策。")
    assert [(t.text, t.suggestion, t.suspect) for t in found] == [("认真贯切", "认真贯彻", False)]


@pytest.mark.parametrize("name", ["浙里办", "随申办", "粤省事", "鄂汇办", "渝快办"])
def test_app_service_name_is_not_split_and_corrected(name: str) -> None:
    assert check(f"群众可以通过{name}查询办理进度。") == []


def test_literary_compound_in_news_is_not_reported() -> None:
    assert check("秋收时节，田野郁郁葱葱，稻谷金灿灿的，群众动动手指就能查询补贴。") == []


def test_known_typos_beside_protected_wording_are_still_found() -> None:
    found = check("深化放管服改革，请结合实际制定实施细责，全体干部勠力同心按居乐业。")
    assert [(t.text, t.suggestion, t.suspect) for t in found] == [
        ("实施细责", "实施细则", False),
        ("按居乐业", "安居乐业", False),
    ]


def test_near_miss_of_a_current_tifa_is_found() -> None:
    found = check("全面推进一件事一次半改革。")
    assert [(t.text, t.suggestion, t.rule) for t in found] == [
        ("一件事一次半", "一件事一次办", "official-wording")
    ]


def test_platform_names_of_government_new_media_are_not_reported() -> None:
    assert check("政务新媒体账号开设在微信、微博、抖音等第三方平台。") == []


def test_a_typo_in_a_non_recommended_suggestion_gets_the_recommended_form() -> None:
    # macro-correct's pairs write 无庸讳言 and 荜路蓝缕; the table recommends 毋庸, 筚路蓝缕.
    [typo] = check("对于这些问题，我们毋用讳言。")
    assert (typo.text, typo.suggestion, typo.suspect) == ("毋用讳言", "毋庸讳言", False)
    [typo] = check("创业者荜路兰缕，以启山林。")
    assert (typo.text, typo.suggestion) == ("荜路兰缕", "筚路蓝缕")


def test_a_right_form_is_not_corrected_into_its_variant_by_a_listed_pair() -> None:
    # A pair of macro-correct "corrects" 红彤彤 to 红通通, the non-recommended form.
    assert check("衣服洗掉就红彤彤的。") == []
