"""Score tables as .xlsx: a sheet per category (units × indicators) and a sheet per statistic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ceping.errors import CANNOT_WRITE, ReportError
from ceping.report.text import clean
from ceping.scoring.results import CampaignResults, Statistic, UnitResult

POINTS_FORMAT = "0.00"
RATE_FORMAT = "0.0"
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_FONT = Font(bold=True)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FIXED_COLUMNS = ("排名", "代码", "单位", "总分（分）", "等级")
# Beside this year's total when last year's results are given (docs/report.md).
LAST_YEAR_COLUMNS = ("上年总分（分）", "上年排名", "总分变化（分）", "排名变化（位）")
NEW_THIS_YEAR = "本年新参加"
PAGE_FOOTER = "第 &P 页，共 &N 页"


def _print_setup(sheet: Worksheet, *, fit_width: bool, title_columns: str | None = None) -> None:
    """A4 landscape, the header row on every printed page, page numbers in the footer.

    A sheet of a few columns is fitted to the page width; a units × indicators sheet (some fifty
    columns) would shrink to an unreadable size, so it runs over pages with the units' rank, code
    and name repeated at the left of each.
    """
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    if fit_width:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        setup.fitToWidth, setup.fitToHeight = 1, 0
    else:
        setup.pageOrder = "overThenDown"
    sheet.print_title_rows = "1:1"
    if title_columns:
        sheet.print_title_cols = title_columns
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = PAGE_FOOTER


def sheet_title(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_FORBIDDEN.sub("_", clean(name))[:31] or "sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"~{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _put(
    sheet: Worksheet, row: int, column: int, value: object, number_format: str | None = None
) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"  # never a formula, even if a name starts with "="
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format


def _header(sheet: Worksheet, titles: Sequence[str], widths: Sequence[float]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        _put(sheet, 1, column, title)
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[1].height = 48


def last_year_cells(unit: UnitResult, previous: CampaignResults) -> tuple[object, ...]:
    """上年总分, 上年排名, 总分变化, 排名变化 of a unit ("" where they do not compare).

    A unit absent last year says so; a rank compares only within the same category, a total
    only on the same maximum (as the unit report's sentence); a rise in rank is positive."""
    before = next((u for u in previous.units if u.code == unit.code), None)
    if before is None:
        return (NEW_THIS_YEAR, "", "", "")
    same_category = before.category == unit.category
    same_scale = abs(before.max - unit.max) < 1e-6
    return (
        before.total,
        before.rank if same_category else "",
        round(unit.total - before.total, 2) if same_scale else "",
        before.rank - unit.rank if same_category else "",
    )


def _category_sheet(
    sheet: Worksheet,
    results: CampaignResults,
    category: str,
    previous: CampaignResults | None = None,
) -> None:
    framework = results.framework
    branches = [n for n in framework.walk() if not n.is_leaf]
    leaves = list(framework.leaves())
    units = results.in_category(category)
    maxima = _maxima(results, category)
    last_year = LAST_YEAR_COLUMNS if previous is not None else ()
    titles = [
        *FIXED_COLUMNS,
        *last_year,
        *(f"{n.code} {n.name}（{maxima.get(n.code, n.max):g}分）" for n in branches),
        *(f"{n.code} {n.name}（{maxima.get(n.code, n.max):g}分）" for n in leaves),
    ]
    widths = [6, 8, 24, 8, 7, *([9] * len(last_year)), *([12] * len(branches))]
    widths += [11] * len(leaves)
    _header(sheet, titles, widths)
    formats = (POINTS_FORMAT, "0", "+0.00;-0.00;0.00", "+0;-0;0")
    for row, unit in enumerate(units, start=2):
        _put(sheet, row, 1, unit.rank)
        _put(sheet, row, 2, unit.code)
        _put(sheet, row, 3, unit.short_name)
        _put(sheet, row, 4, unit.total, POINTS_FORMAT)
        _put(sheet, row, 5, unit.grade or "")
        column = len(FIXED_COLUMNS) + 1
        if previous is not None:
            for value, number_format in zip(last_year_cells(unit, previous), formats, strict=True):
                _put(sheet, row, column, value, number_format)
                column += 1
        for node in branches:
            value = unit.area_points.get(node.code)
            _put(sheet, row, column, value if value is not None else "", POINTS_FORMAT)
            column += 1
        scores = {s.code: s for s in unit.scores}
        for node in leaves:
            score = scores.get(node.code)
            _put(
                sheet,
                row,
                column,
                "" if score is None or score.missing else score.points,
                POINTS_FORMAT,
            )
            column += 1
    last = get_column_letter(len(titles))
    sheet.freeze_panes = "D2"  # names and ranks stay in view while scrolling through indicators
    sheet.auto_filter.ref = f"A1:{last}{max(len(units) + 1, 2)}"
    _print_setup(sheet, fit_width=False, title_columns="A:C")


def _maxima(results: CampaignResults, category: str) -> dict[str, float]:
    """Each indicator's maximum in a category, category weights applied (as its units have it)."""
    units = results.in_category(category)
    if not units:
        return {}
    leaf = {s.code: s.max for s in units[0].scores}
    return {
        node.code: leaf[node.code]
        if node.is_leaf
        else sum(leaf.get(n.code, 0.0) for n in node.leaves())
        for node in results.framework.walk()
        if node.code in leaf or not node.is_leaf
    }


def _stat_columns(stats: list[Statistic]) -> tuple[str, ...]:
    """Units in the headers: 数值（%）, 上年（人次）; a change of a rate is in 百分点."""
    units = {s.unit for s in stats}
    if len(units) != 1:
        return ("名称", "类别", "指标", "数值", "单位", "上年", "变化")
    unit = units.pop()
    within = f"（{unit}）" if unit else ""
    change = "（百分点）" if unit == "%" else within
    return ("名称", "类别", "指标", f"数值{within}", f"上年{within}", f"变化{change}")


def _statistic_sheet(sheet: Worksheet, results: CampaignResults, stats: list[Statistic]) -> None:
    columns = _stat_columns(stats)
    with_unit = "单位" in columns
    widths = (22, 18, 24, 10, 7, 10, 14) if with_unit else (22, 18, 24, 12, 12, 14)
    _header(sheet, columns, widths)
    codes = {n.code: n.name for n in results.framework.walk()}
    for row, stat in enumerate(stats, start=2):
        fmt = RATE_FORMAT if stat.unit == "%" else "0"
        area = f"{stat.area} {codes.get(stat.area, '')}".strip() if stat.area else "全部"
        values: list[tuple[object, str | None]] = [
            (stat.label or stat.key, None),
            (stat.category or "全部", None),
            (area, None),
            (stat.value, fmt),
            *([(stat.unit, None)] if with_unit else []),
            (stat.previous if stat.previous is not None else "", fmt),
            (stat.change if stat.change is not None else "", fmt),
        ]
        for column, (value, number_format) in enumerate(values, start=1):
            _put(sheet, row, column, value, number_format)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(stats) + 1, 2)}"
    _print_setup(sheet, fit_width=True)


def write_score_tables(
    results: CampaignResults, path: Path, previous: CampaignResults | None = None
) -> Path:
    """`previous`: last year's results, whose total and rank each unit's row shows beside
    this year's."""
    workbook = Workbook()
    taken: set[str] = set()
    first = True
    for category in results.framework.category_names:
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = sheet_title(category, taken)
        _category_sheet(sheet, results, category, previous)
    keys = list(dict.fromkeys(s.key for s in results.statistics))
    for key in keys:
        stats = [s for s in results.statistics if s.key == key]
        # A sheet a person opens is named by the statistic's Chinese label, not its key.
        label = next((s.label for s in stats if s.label), key)
        if label.lower() in taken and any(s.area for s in stats):
            label += "（分项）"  # e.g. the experts of each area beside the experts of the campaign
        sheet = workbook.create_sheet(sheet_title(label, taken))
        _statistic_sheet(sheet, results, stats)
    if results.is_sample_data:
        note = workbook.create_sheet(sheet_title("说明", taken))
        _put(note, 1, 1, "本表由重建的样例数据生成，不是正式测评结果。")
        note.column_dimensions["A"].width = 60
        _print_setup(note, fit_width=True)
    try:
        workbook.save(path)
    except OSError as exc:
        raise ReportError(f"{path}：{CANNOT_WRITE}") from exc
    return path
