"""scores.xlsx read back: a sheet per category and per statistic, frozen headers, filters,
formats."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from ceping.report.tables import write_score_tables
from ceping.scoring.results import CampaignResults


@pytest.fixture(scope="module")
def workbook(report: tuple[Path, list[Path]]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(report[0] / "scores.xlsx")


def test_sheets(workbook: openpyxl.Workbook, rebuilt: CampaignResults) -> None:
    categories = ["区县", "市政府部门", "管委会", "开发区（园区）"]
    assert workbook.sheetnames[:4] == categories and workbook.sheetnames[-1] == "说明"
    # One sheet per statistic, named by its Chinese label (a key is never a sheet's name).
    keys = list(dict.fromkeys(s.key for s in rebuilt.statistics))
    statistic_sheets = workbook.sheetnames[4:-1]
    assert len(statistic_sheets) == len(keys)
    assert {
        "优良率",
        "满分单位数",
        "优秀单位数",
        "参加测评专家数",
        "参加测评专家数（分项）",
    } <= set(statistic_sheets)
    assert not [name for name in workbook.sheetnames if name.isascii()]


def test_category_sheet_units_by_indicators(
    workbook: openpyxl.Workbook, rebuilt: CampaignResults
) -> None:
    results = rebuilt
    sheet = workbook["区县"]
    header = [c.value for c in sheet[1]]
    leaves = list(results.framework.leaves())
    assert header[:5] == ["排名", "代码", "单位", "总分（分）", "等级"]
    # Last year's total and rank beside this year's (the report is written with 2011 as before).
    assert header[5:9] == ["上年总分（分）", "上年排名", "总分变化（分）", "排名变化（位）"]
    header = header[:5] + header[9:]
    assert header[5:11] == [
        "A 政府网站重点工作（40分）",
        "A1 配合政府重点工作的专题专栏建设（16分）",
        "A2 子网站核心内容与管理（24分）",
        "B 门户网站内容保障工作（20分）",
        "C 访问政府网站便捷度（15分）",
        "D 政府网站外观与应用功能（25分）",
    ]
    assert header[11:] == [f"{n.code} {n.name}（{n.max:g}分）" for n in leaves]
    units = results.in_category("区县")
    assert sheet.max_row == 1 + len(units) == 18
    for row, unit in zip(sheet.iter_rows(min_row=2, values_only=True), units, strict=True):
        assert row[:5] == (unit.rank, unit.code, unit.short_name, unit.total, unit.grade)
        assert list(row[15:]) == [s.points for s in unit.scores]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header) + 4)}18"
    assert sheet["D2"].number_format == "0.00"
    assert sheet["P2"].number_format == "0.00"
    assert workbook["管委会"]["E2"].value is None  # not graded


def test_last_year_beside_this_year(
    workbook: openpyxl.Workbook, rebuilt: CampaignResults, rebuilt_2011: CampaignResults
) -> None:
    """Each unit's 2011 total and rank, and the change: 上年总分, 上年排名, 总分变化, 排名变化."""
    before = {u.code: u for u in rebuilt_2011.units}
    rows = list(workbook["区县"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 17
    for row in rows:
        last = before[row[1]]
        assert row[5:7] == (last.total, last.rank)
        assert row[7] == round(row[3] - last.total, 2)
        assert row[8] == last.rank - row[0]  # up the table is positive
    assert workbook["区县"]["H2"].number_format == "+0.00;-0.00;0.00"
    qx01 = next(r for r in rows if r[1] == "QX01")
    assert qx01[3] == 96.58 and qx01[7] == round(96.58 - before["QX01"].total, 2)


def test_unit_new_this_year_says_so(
    rebuilt: CampaignResults, rebuilt_2011: CampaignResults, tmp_path: Path
) -> None:
    without = replace(rebuilt_2011, units=tuple(u for u in rebuilt_2011.units if u.code != "QX03"))
    sheet = openpyxl.load_workbook(write_score_tables(rebuilt, tmp_path / "scores.xlsx", without))[
        "区县"
    ]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "QX03")
    assert row[5:9] == ("本年新参加", None, None, None)
    # Without last year's results the sheet has no such columns.
    plain = openpyxl.load_workbook(write_score_tables(rebuilt, tmp_path / "plain.xlsx"))["区县"]
    assert [c.value for c in plain[1]][5].startswith("A ")


def test_statistic_sheets(workbook: openpyxl.Workbook) -> None:
    rows = list(workbook["优良率"].iter_rows(min_row=2, values_only=True))
    a1 = next(r for r in rows if r[1:3] == ("区县网站", "A1 配合政府重点工作的专题专栏建设"))
    assert a1[0] == "优良率" and round(a1[3], 1) == 91.9 and round(a1[5]) == 6
    assert [c.value for c in workbook["优良率"][1]][3:] == [
        "数值（%）",
        "上年（%）",
        "变化（百分点）",
    ]
    people = [c.value for c in workbook["参加测评公众人次"][1]][3:]
    assert people == ["数值（人次）", "上年（人次）", "变化（人次）"]
    assert len(rows) == 42  # 6 areas × (4 categories + 2 groups + all)
    adoption = next(
        r for r in workbook["信息采用率"].iter_rows(min_row=2, values_only=True) if r[1] == "全部"
    )
    assert (
        round(adoption[3], 1) == 85.4 and round(adoption[4], 1) == 81.4 and round(adoption[5]) == 4
    )
    assert workbook["信息采用率"]["D2"].number_format == "0.0"
    assert workbook["优良率"].freeze_panes == "A2"
    assert workbook["优良率"].auto_filter.ref == "A1:F43"


def test_print_setup(workbook: openpyxl.Workbook) -> None:
    """Landscape A4, the header row on every page; narrow sheets fit the page width."""
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize in (9, "9")
        assert sheet.print_title_rows == "$1:$1"
        assert "&P" in sheet.oddFooter.center.text
    rates = workbook["优良率"]
    assert rates.sheet_properties.pageSetUpPr.fitToPage
    assert (int(rates.page_setup.fitToWidth), int(rates.page_setup.fitToHeight)) == (1, 0)
    # Fifty indicator columns would print unreadably small on one page: the units repeat instead.
    assert workbook["区县"].print_title_cols == "$A:$C"
