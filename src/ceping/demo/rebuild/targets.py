"""What the rebuilt campaigns must reproduce: the seed's published figures (2012) and a 2011 before
them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

DISTRICTS = "区县网站"
DEPARTMENTS = "部门网站"

# The seed's attachment, in its order (rank order within each grade).
EXCELLENT: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "区县": ("黄浦区", "长宁区", "静安区", "奉贤区", "浦东新区", "徐汇区"),
        "市政府部门": (
            "市地税局", "市公安局", "市财政局", "市工商局", "市人力资源社会保障局", "市教委",
            "市住房保障房屋管理局", "市建设交通委", "市经济信息化委", "市绿化市容局", "市商务委",
            "市质量技监局", "市民政局", "市交通港口局", "市发展改革委", "市卫生局",
            "市食品药品监管局", "市科委", "市规划国土资源局", "市旅游局", "市体育局", "市社团局",
        ),
    }
)  # fmt: skip
GOOD: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "区县": ("闸北区", "宝山区", "嘉定区", "杨浦区", "青浦区", "崇明县", "闵行区", "松江区"),
        "市政府部门": (
            "市农委", "市水务局", "市监察局", "市人口计生委", "市环保局", "市审计局", "市统计局",
            "市文广影视局", "市新闻出版局", "市司法局", "市政府新闻办", "市口岸办", "市政府外办",
            "市民防办", "市国资委", "市民族宗教委", "市粮食局", "市监狱局",
        ),
    }
)  # fmt: skip


@dataclass(frozen=True)
class YearTargets:
    """The figures one rebuilt campaign is built to give (rates as shares, 0..1)."""

    year: int
    seed: int  # of the random generator: the data are deterministic
    is_ordered: bool  # rank order and grades follow the seed's attachment
    # Leaf scores below the good line, per (notice group, area); with the leaf counts
    # of the framework they give the 优良率 (e.g. 11 of 136 → 91.9%).
    low_scores: Mapping[tuple[str, str], int]
    full_marks_a1: Mapping[str, int]  # units with full marks on A1, per notice group
    convenient: Mapping[str, float]  # share of 方便 among the C answers, per notice group
    satisfaction: float  # share of 满意 + 基本满意 among the D answers, all units
    adoption: float  # adopted / submitted, all units
    submitted: int  # items submitted to the portal, all units
    forms_c_and_d: int  # public forms (respondent × unit) answering both C and D
    forms_c_only: int
    forms_d_only: int


YEAR_2012 = YearTargets(
    year=2012,
    seed=2012,
    is_ordered=True,
    low_scores=MappingProxyType(
        {
            (DISTRICTS, "A1"): 11,  # 125 / 136 = 91.9 %
            (DEPARTMENTS, "A1"): 54,  # 498 / 552 = 90.2 %
            (DISTRICTS, "A2"): 21,  # 200 / 221 = 90.5 %
            (DEPARTMENTS, "A2"): 181,  # 716 / 897 = 79.8 %
            (DISTRICTS, "B"): 23,  # 62 / 85 = 72.9 % (the seed: 73 %)
            (DEPARTMENTS, "B"): 169,  # 176 / 345 = 51.0 %
        }
    ),
    full_marks_a1=MappingProxyType({DISTRICTS: 7, DEPARTMENTS: 19}),
    convenient=MappingProxyType({DISTRICTS: 0.667, DEPARTMENTS: 0.747}),
    satisfaction=0.956,
    adoption=0.854,
    submitted=127_046,
    forms_c_and_d=5047,  # C: 5047 + 9 = 5056; D: 5047 + 4942 = 9989; all: 9998
    forms_c_only=9,
    forms_d_only=4942,
)

YEAR_2011 = YearTargets(
    year=2011,
    seed=2011,
    is_ordered=False,
    low_scores=MappingProxyType(
        {
            (DISTRICTS, "A1"): 19,
            (DEPARTMENTS, "A1"): 80,
            (DISTRICTS, "A2"): 30,
            (DEPARTMENTS, "A2"): 210,
            (DISTRICTS, "B"): 27,
            (DEPARTMENTS, "B"): 180,
        }
    ),
    full_marks_a1=MappingProxyType({DISTRICTS: 5, DEPARTMENTS: 14}),
    convenient=MappingProxyType(
        {DISTRICTS: 0.587, DEPARTMENTS: 0.637}
    ),  # 8 and 11 points below 2012
    satisfaction=0.886,  # 7 points below 2012
    adoption=0.814,  # 4 points below 2012
    submitted=118_310,
    forms_c_and_d=4210,
    forms_c_only=12,
    forms_d_only=4391,
)
