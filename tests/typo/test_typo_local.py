"""Local proper names that the statistical layer must not guess at (issue 19, decision 0021).

Classes found on 柳河县's pages (bench/typo_gov, part local (b)); every sentence here is
written for the test (the real typos kept are ODW train sentences), none is taken from
that set. Each clean sentence below is flagged without its rule.
"""

from __future__ import annotations

import pytest

from ceping.typo import check
from ceping.typo.structure import shared_item_end
from tests.typo.changes import changes, slip


@pytest.mark.parametrize(
    "text",
    [
        # list items sharing their last character: 窝集河 beside 清水河, 白石河
        "境内有清水河、白石河和窝集河，总长120公里。",
        "全镇流经窝集河和大石沟河以及三统河。",
        "境内河流有一统河、二统河、窝集河（一统河支流）等。",
        # firm names: an industry word and a firm's suffix after a name's start
        "县内有和谊兴矿业有限公司等两家矿山企业。",
        "项目由本县的中溢科技集团投资建设。",
        "以柳树屯成涛种植专业合作社为龙头。",
        "公司设立了柳河印像国际旅行社，设立分社。",
        # rivers and scenic spots
        "电站位于辉发河右岸，装机两台。",
        "新建的逸景大峡谷漂流项目已开放。",
    ],
)
def test_local_names_are_not_flagged(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # typos in lists stay found: no other item ends with 射, 察 or 怀 (ODW train)
        ("严禁擅自摘录、复制、拍射、保存、丢弃干部档案；", "拍射", "拍摄"),
        ("在干部动议、孝察、任职前公示、录用、聘用等环节", "孝察", "考察"),
        (
            "建设一支政治强、请怀深、思维新、视野广、自绿严、人格正的思政课教师队伍",
            "请怀",
            "情怀",
        ),
        # no industry word follows 装杯; 凯发 starts no name (ODW train)
        ("江门市盈丰智能装杯有限公司", "装杯", "装备"),
        ("山西省交通凯发投资集团有限公司副总经理", "凯发", "开发"),
        # 推近 starts no name before 水库
        ("加快推近水库除险加固。", "推近", "推进"),
    ],
)
def test_real_typos_beside_the_local_classes_are_still_found(
    text: str, wrong: str, right: str
) -> None:
    assert changes(slip(text, wrong, right)) <= changes(check(text))


def test_a_shared_item_end_must_end_its_own_item() -> None:
    text = "引导群众知史爱党、知史爱国，学好党史、国史。"
    # 史 of 知史 ends no item, though 党史 and 国史 end with 史
    assert not shared_item_end(text, text.index("知史") + 1)
    assert shared_item_end(text, text.index("国史") + 1)
