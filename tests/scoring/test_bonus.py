"""Bonus areas (加分指标) and per-category factors such as ×4/3 for units without services."""

from __future__ import annotations

from ceping.framework import parse_framework
from ceping.scoring import CampaignInputs, ExpertRating, UnitInput, score_campaign

FRAMEWORK = """\
name: 加分测试
total: 20
categories:
  - {name: 门户}
  - {name: 无服务部门, factor: 4/3}
areas:
  - code: A
    name: 发布
    children:
      - {code: A1, name: 发布, max: 5, source: expert}
      - {code: A2, name: 解读, max: 5, source: expert}
      - {code: A3, name: 回应, max: 5, source: expert}
  - code: B
    name: 服务
    weights: {无服务部门: 0}
    children:
      - {code: B1, name: 服务, max: 5, source: expert}
  - code: C
    name: 加分
    bonus_above: 16
    weights: {无服务部门: 0}
    children:
      - {code: C1, name: 创新, max: 6, source: expert}
grading:
  grades: [合格]
  categories:
    门户: {thresholds: {合格: 12}}
    无服务部门: {thresholds: {合格: 12}}
"""


def _score(points: dict[str, dict[str, float]], categories: dict[str, str]):  # type: ignore[no-untyped-def]
    framework = parse_framework(FRAMEWORK)
    units = [UnitInput(code, code, code, category) for code, category in categories.items()]
    ratings = [
        ExpertRating(unit, leaf, "E1", points=value)
        for unit, leaves in points.items()
        for leaf, value in leaves.items()
    ]
    results = score_campaign(framework, units, CampaignInputs("测试", 2025, expert=ratings))
    return {u.code: u for u in results.units}


def test_bonus_counts_only_above_its_threshold_and_outside_the_max() -> None:
    units = _score(
        {
            "P1": {"A1": 5, "A2": 5, "A3": 5, "B1": 2, "C1": 4},  # 17 > 16: 17 + 4
            "P2": {"A1": 4, "A2": 4, "A3": 4, "B1": 4, "C1": 6},  # 16 is not above 16: no bonus
        },
        {"P1": "门户", "P2": "门户"},
    )
    assert (units["P1"].total, units["P1"].max) == (21.0, 20.0)
    assert (units["P2"].total, units["P2"].max) == (16.0, 20.0)
    assert units["P1"].grade == units["P2"].grade == "合格"


def test_a_category_without_services_is_scaled_by_four_thirds() -> None:
    units = _score(
        {"D1": {"A1": 4, "A2": 4, "A3": 4}, "D2": {"A1": 5, "A2": 5, "A3": 5}},
        {"D1": "无服务部门", "D2": "无服务部门"},
    )
    # Only A is scored: 12 of 15, × 4/3 = 16 of 20 — on the sum: 4 × 4/3 per leaf would round
    # to 5.33 and add up to 15.99. The bonus area does not apply.
    assert (units["D1"].total, units["D1"].max, units["D1"].missing) == (16.0, 20.0, ())
    assert [s.points for s in units["D1"].scores] == [4.0, 4.0, 4.0]
    assert (units["D2"].total, units["D2"].max) == (20.0, 20.0)
