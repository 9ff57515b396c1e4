"""scores.xlsx read back: a sheet per category and per statistic, frozen headers, filters, formats."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ceping.scoring.results import CampaignResults


@pytest.fixture(scope="module")
def workbook(report: tuple[Path, list[Path]]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(report[0] / "scores.xlsx")


def test_sheets(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [
        "区县",
        "市政府部门",
        "管委会",
        "开发区（园区）",
        "unit_count",
        "grade_count_优秀",
        "expert_count",
        "public_count",
        "good_rate",
        "full_marks",
        "info_submitted",
        "adoption_rate",
        "area_expert_count",
        "area_public_count",
        "convenient_rate",
        "basic_satisfaction_rate",
        "说明",
    ]


def test_category_sheet_units_by_indicators(
    workbook: openpyxl.Workbook, results: CampaignResults
) -> None:
    sheet = workbook["区县"]
    header = [c.value for c in sheet[1]]
    leaves = list(results.framework.leaves())
    assert header[:5] == ["排名", "代码", "单位", "总分", "等级"]
    assert header[5:11] == [
        "A 政府网站重点工作",
        "A1 配合政府重点工作的专题专栏建设",
        "A2 子网站核心内容与管理",
        "B 门户网站内容保障工作",
        "C 访问政府网站便捷度",
        "D 政府网站外观与应用功能",
    ]
    assert header[11:] == [f"{n.code} {n.name}（{n.max:g}分）" for n in leaves]
    units = results.in_category("区县")
    assert sheet.max_row == 1 + len(units) == 18
    for row, unit in zip(sheet.iter_rows(min_row=2, values_only=True), units, strict=True):
        assert row[:5] == (unit.rank, unit.code, unit.short_name, unit.total, unit.grade)
        assert list(row[11:]) == [s.points for s in unit.scores]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}18"
    assert sheet["D2"].number_format == "0.00"
    assert sheet["L2"].number_format == "0.00"
    assert workbook["管委会"]["E2"].value is None  # not graded


def test_statistic_sheets(workbook: openpyxl.Workbook) -> None:
    rows = list(workbook["good_rate"].iter_rows(min_row=2, values_only=True))
    assert ("优良率", "区县网站", "A1 配合政府重点工作的专题专栏建设", 91.91, "%", 86.03, pytest.approx(5.88)) in rows
    assert len(rows) == 6
    (adoption,) = workbook["adoption_rate"].iter_rows(min_row=2, values_only=True)
    assert adoption[3:] == (85.4, "%", 81.4, pytest.approx(4.0))
    assert workbook["adoption_rate"]["D2"].number_format == "0.0"
    assert workbook["good_rate"].freeze_panes == "A2"
