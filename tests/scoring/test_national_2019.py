"""national-2019 held to the 2019 table: veto thresholds, the ×4/3 for units without services,
and the bonus part for portals above 80 (docs/frameworks/national-2019.md)."""

from __future__ import annotations

from typing import Any

import pytest

from ceping.errors import InputError
from ceping.framework import load_framework, shipped_framework_path
from ceping.scoring import (
    CampaignInputs,
    ExpertRating,
    OrganizerVerdict,
    UnitInput,
    score_campaign,
)

FRAMEWORK = load_framework(shipped_framework_path("national-2019"))
DEDUCTION_LEAVES = ("A1", "B1", "C1", "D1")


def _scan(*findings: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "https://a.example/",
        "reachable": True,
        "pages": 50,
        "features": {"search": True},
        "findings": list(findings),
    }


def _many(kind: str, n: int) -> list[dict[str, Any]]:
    return [{"kind": kind, "page": f"https://a.example/col/{i}/"} for i in range(n)]


ORGANIZER_VETOES = ("V8", "V9")


def _cleared(codes: Any) -> list[OrganizerVerdict]:
    """The organizer found none of its vetoes on these units."""
    return [OrganizerVerdict(code, veto, hit=False) for code in codes for veto in ORGANIZER_VETOES]


def _score(  # type: ignore[no-untyped-def]
    units: dict[str, tuple[str, dict[str, Any], dict[str, float]]],
    verdicts: list[OrganizerVerdict] | None = None,
):
    """units: code -> (category, scan, expert points per leaf); every organizer veto cleared
    unless `verdicts` says otherwise."""
    inputs = CampaignInputs(
        "检查",
        2025,
        scans={code: scan for code, (_, scan, _) in units.items()},
        expert=[
            ExpertRating(code, leaf, "E1", points=value)
            for code, (_, _, points) in units.items()
            for leaf, value in points.items()
        ],
        verdicts=_cleared(units) if verdicts is None else verdicts,
    )
    people = [UnitInput(code, code, code, category) for code, (category, _, _) in units.items()]
    return {u.code: u for u in score_campaign(FRAMEWORK, people, inputs).units}


FULL = {leaf: 25.0 for leaf in DEDUCTION_LEAVES}


@pytest.mark.parametrize(
    ("kind", "count", "veto"),
    [
        ("blank_column", 5, "V4"),  # 空白栏目超过（含）5个
        ("blank_column", 4, None),
        ("stale_column", 10, "V3"),  # 应更新但长期未更新的栏目超过（含）10个
        ("stale_column", 9, None),
        ("stale_home", 1, "V2"),  # 监测2周首页无信息更新
        ("unreachable", 1, "V1"),
        ("unanswered_message", 1, "V7"),  # 超过3个月未回应有效留言
    ],
)
def test_each_veto_threshold_is_the_table_s(kind: str, count: int, veto: str | None) -> None:
    (unit,) = _score({"G1": ("部门网站", _scan(*_many(kind, count)), FULL)}).values()
    assert unit.vetoes == ((veto,) if veto else ())
    assert unit.total == (0.0 if veto else 100.0)
    assert unit.grade == (None if veto else "合格")


def _stale(column_type: str, n: int) -> list[dict[str, Any]]:
    return [dict(f, column_type=column_type) for f in _many("stale_column", n)]


@pytest.mark.parametrize(
    ("findings", "vetoes"),
    [
        # 栏目不更新 1: 动态要闻 (2 weeks), 通知公告 and 政策文件 (6 months) together, 超过（含）5个
        (_stale("动态要闻", 2) + _stale("通知公告", 2) + _stale("政策文件", 1), ("V10",)),
        (_stale("动态要闻", 2) + _stale("通知公告", 2), ()),
        # other types count only towards the 10 of 栏目不更新 2
        (_stale("动态要闻", 4) + _stale("其他", 5), ()),
        (_stale("动态要闻", 5) + _stale("其他", 5), ("V3", "V10")),
    ],
)
def test_typed_stale_columns_are_counted_together(
    findings: list[dict[str, Any]], vetoes: tuple[str, ...]
) -> None:
    (unit,) = _score({"G1": ("部门网站", _scan(*findings), FULL)}).values()
    assert set(unit.vetoes) == set(vetoes)


def test_no_services_vetoes_only_units_that_should_offer_them() -> None:
    no_services = {"kind": "missing_feature", "feature": "网上办事"}
    no_channel = {"kind": "missing_feature", "feature": "政民互动"}
    units = _score(
        {
            "G1": ("门户网站", _scan(no_services), FULL),
            "B1": ("部门网站", _scan(no_services), FULL),
            "N1": ("无对外服务部门", _scan(no_services), FULL),
            "N2": ("无对外服务部门", _scan(no_channel), FULL),
        }
    )
    assert {code: u.vetoes for code, u in units.items()} == {
        "G1": ("V6",),
        "B1": ("V6",),
        "N1": (),
        "N2": ("V5",),
    }


def test_units_without_services_are_scored_out_of_75_times_four_thirds() -> None:
    points = {"A1": 20.0, "C1": 15.0, "D1": 25.0}  # 60 of 75
    units = _score({"N1": ("无对外服务部门", _scan(), points)})
    assert (units["N1"].total, units["N1"].max, units["N1"].missing) == (80.0, 100.0, ())
    assert [s.code for s in units["N1"].scores] == ["A1", "C1", "D1"]  # no 办事服务, no bonus


def test_bonus_part_counts_for_portals_above_80_only() -> None:
    above = {**FULL, "A1": 15.0, "E1": 12.0}  # 90 in the deduction part
    at_80 = {**FULL, "A1": 5.0, "E1": 12.0}  # 80 is not above 80
    units = _score(
        {
            "G1": ("门户网站", _scan(), above),
            "G2": ("门户网站", _scan(), at_80),
            "B1": ("部门网站", _scan(), FULL),
        }
    )
    assert (units["G1"].total, units["G1"].max) == (102.0, 100.0)
    assert (units["G2"].total, units["G2"].grade) == (80.0, "合格")
    assert "E1" not in {s.code for s in units["B1"].scores}  # the bonus part is for portals


def test_below_60_is_not_qualified() -> None:
    points = {"A1": 10.0, "B1": 20.0, "C1": 15.0, "D1": 14.0}  # 59
    (unit,) = _score({"B1": ("部门网站", _scan(), points)}).values()
    assert (unit.total, unit.grade) == (59.0, None)


def test_the_organizer_vetoes_are_the_table_s() -> None:
    organizer = {v.code: v for v in FRAMEWORK.vetoes if v.by_organizer}
    assert sorted(organizer) == list(ORGANIZER_VETOES)
    assert "泄露国家秘密" in organizer["V8"].name and "弄虚作假" in organizer["V8"].name
    assert organizer["V9"].categories == ("门户网站", "部门网站")  # 办事指南: units with services
    assert all(v.findings == () for v in organizer.values())


def test_a_unit_without_the_organizer_s_verdict_is_pending_not_passed() -> None:
    verdicts = [OrganizerVerdict("B2", "V8", hit=False)]  # V9 not yet verified for B2
    units = _score({"B1": ("部门网站", _scan(), FULL), "B2": ("部门网站", _scan(), FULL)}, verdicts)
    assert (units["B1"].missing, units["B1"].grade) == (("V8", "V9"), None)
    assert (units["B2"].missing, units["B2"].grade) == (("V9",), None)
    assert units["B1"].vetoes == units["B2"].vetoes == ()
    # A unit without services is not checked on guides: V9 does not apply, V8 does.
    (n1,) = _score({"N1": ("无对外服务部门", _scan(), FULL)}, []).values()
    assert n1.missing == ("V8",)


def test_the_organizer_s_verdict_with_evidence_vetoes_the_unit() -> None:
    hit = OrganizerVerdict("B1", "V8", hit=True, evidence="2025-03-02 首页发布内容泄露国家秘密")
    verdicts = [hit, OrganizerVerdict("B1", "V9", hit=False), *_cleared(["B2"])]
    units = _score({"B1": ("部门网站", _scan(), FULL), "B2": ("部门网站", _scan(), FULL)}, verdicts)
    assert (units["B1"].vetoes, units["B1"].total, units["B1"].grade) == (("V8",), 0.0, None)
    assert (units["B2"].vetoes, units["B2"].total, units["B2"].grade) == ((), 100.0, "合格")


def test_a_veto_without_evidence_or_on_a_machine_veto_is_refused() -> None:
    bare = [OrganizerVerdict("B1", "V8", hit=True), OrganizerVerdict("B1", "V9", hit=False)]
    with pytest.raises(InputError, match="needs its evidence"):
        _score({"B1": ("部门网站", _scan(), FULL)}, bare)
    machine = [OrganizerVerdict("B1", "V4", hit=False)]
    with pytest.raises(InputError, match="not an organizer veto"):
        _score({"B1": ("部门网站", _scan(), FULL)}, machine)
