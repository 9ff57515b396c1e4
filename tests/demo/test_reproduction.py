"""The rebuilt 2012 campaign, scored from its raw input files, gives the seed's published figures.

A consistency check of our definitions on rebuilt sample data (docs/statistics.md),
not a claim about the real 2012 inputs.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from ceping.demo.rebuild import REBUILT, rebuilt_framework, rebuilt_results
from ceping.demo.rebuild.build import build_year
from ceping.demo.rebuild.files import read_units, write_year
from ceping.demo.rebuild.targets import YEAR_2011, YEAR_2012
from ceping.scoring import CampaignResults

# The seed's attachment, in its order.
EXCELLENT = {
    "区县": "黄浦区、长宁区、静安区、奉贤区、浦东新区、徐汇区",
    "市政府部门": "市地税局、市公安局、市财政局、市工商局、市人力资源社会保障局、市教委、"
    "市住房保障房屋管理局、市建设交通委、市经济信息化委、市绿化市容局、市商务委、市质量技监局、"
    "市民政局、市交通港口局、市发展改革委、市卫生局、市食品药品监管局、市科委、市规划国土资源局、"
    "市旅游局、市体育局、市社团局",
}
GOOD = {
    "区县": "闸北区、宝山区、嘉定区、杨浦区、青浦区、崇明县、闵行区、松江区",
    "市政府部门": "市农委、市水务局、市监察局、市人口计生委、市环保局、市审计局、市统计局、"
    "市文广影视局、市新闻出版局、市司法局、市政府新闻办、市口岸办、市政府外办、市民防办、市国资委、"
    "市民族宗教委、市粮食局、市监狱局",
}


@pytest.fixture(scope="module")
def results() -> CampaignResults:
    return rebuilt_results(2012)


def value(
    results: CampaignResults, key: str, category: str | None = None, area: str | None = None
) -> float:
    return results.statistic(key, category, area).value


def test_is_labelled_as_sample_data(results: CampaignResults) -> None:
    assert results.is_sample_data
    assert "重建样例数据" in results.campaign
    assert results.year == 2012


def test_units_and_people_taking_part(results: CampaignResults) -> None:
    counts = {
        c: value(results, "unit_count", c)
        for c in ("区县", "市政府部门", "管委会", "开发区（园区）")
    }
    assert counts == {"区县": 17, "市政府部门": 48, "管委会": 7, "开发区（园区）": 14}
    assert value(results, "expert_count") == 96
    assert value(results, "area_expert_count", area="C") == 91
    assert value(results, "area_public_count", area="C") == 5056
    assert value(results, "area_expert_count", area="D") == 91
    assert value(results, "area_public_count", area="D") == 9989
    assert round(value(results, "public_count"), -2) == 10_000  # 近1万人次


@pytest.mark.parametrize("category", ["区县", "市政府部门"])
def test_grade_lists_in_the_seed_order(results: CampaignResults, category: str) -> None:
    assert "、".join(u.short_name for u in results.graded("优秀", category)) == EXCELLENT[category]
    assert "、".join(u.short_name for u in results.graded("良好", category)) == GOOD[category]
    ranked = results.in_category(category)
    listed = len(EXCELLENT[category].split("、")) + len(GOOD[category].split("、"))
    assert [u.rank for u in ranked] == list(range(1, len(ranked) + 1))
    assert all(u.grade is None for u in ranked[listed:])
    assert all(not u.missing and not u.vetoes for u in ranked)
    totals = [u.total for u in ranked]
    assert totals == sorted(totals, reverse=True) and len(set(totals)) == len(totals)


def test_grade_counts_of_the_opening(results: CampaignResults) -> None:
    # 6个区县网站和22个市政府部门网站获得优秀，8个区县网站和18个市政府部门网站获得良好
    assert value(results, "grade_count:优秀", "区县") == 6
    assert value(results, "grade_count:优秀", "市政府部门") == 22
    assert value(results, "grade_count:良好", "区县") == 8
    assert value(results, "grade_count:良好", "市政府部门") == 18


def test_key_work_a1(results: CampaignResults) -> None:
    assert round(value(results, "good_rate", "区县网站", "A1"), 1) == 91.9
    assert round(value(results, "good_rate", "部门网站", "A1"), 1) == 90.2
    assert value(results, "full_marks", "区县网站", "A1") == 7
    assert value(results, "full_marks", "部门网站", "A1") == 19


def test_sub_site_work_a2(results: CampaignResults) -> None:
    assert round(value(results, "good_rate", "区县网站", "A2"), 1) == 90.5
    assert round(value(results, "good_rate", "部门网站", "A2"), 1) == 79.8


def test_portal_content_b(results: CampaignResults) -> None:
    assert round(value(results, "good_rate", "区县网站", "B")) == 73
    assert round(value(results, "good_rate", "部门网站", "B")) == 51
    submitted = results.statistic("info_submitted")
    assert round(submitted.value / 10_000, 1) == 12.7  # 12.7万条
    adoption = results.statistic("adoption_rate")
    assert round(adoption.value, 1) == 85.4
    assert adoption.change is not None and round(adoption.change) == 4


def test_convenience_c(results: CampaignResults) -> None:
    districts = results.statistic("convenient_rate", "区县网站", "C")
    departments = results.statistic("convenient_rate", "部门网站", "C")
    assert (
        round(districts.value, 1) == 66.7
        and districts.change is not None
        and round(districts.change) == 8
    )
    assert round(departments.value, 1) == 74.7 and departments.change is not None
    assert round(departments.change) == 11


def test_satisfaction_d(results: CampaignResults) -> None:
    satisfaction = results.statistic("basic_satisfaction_rate", None, "D")
    assert round(satisfaction.value, 1) == 95.6
    assert satisfaction.change is not None and round(satisfaction.change) == 7


def test_every_score_is_traceable(results: CampaignResults) -> None:
    leaves = [leaf.code for leaf in results.framework.leaves()]
    for unit in results.units:
        assert [s.code for s in unit.scores] == leaves
        for score in unit.scores:
            assert score.rule and score.inputs and not score.missing
            assert 0 <= score.points <= score.max
        assert unit.total == pytest.approx(sum(s.points for s in unit.scores), abs=0.005)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    framework = rebuilt_framework()
    units, english = read_units()
    for targets in (YEAR_2011, YEAR_2012):
        for path in write_year(
            build_year(framework, units, english, targets), framework, targets.year, tmp_path
        ):
            assert filecmp.cmp(path, REBUILT / path.name, shallow=False), (
                f"{path.name} differs: regenerate"
            )
