"""Tables no spreadsheet program writes: a clear error naming file, row and column, nothing
stored, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ceping.campaign import tables
from ceping.campaign.portal import import_portal
from ceping.campaign.units import import_units
from ceping.errors import ImportRowsError
from ceping.framework import load_framework, shipped_framework_path
from ceping.web.models import Campaign, PortalStat, Unit
from tests.commands import run_ceping

pytestmark = pytest.mark.django_db
FRAMEWORK = load_framework(shipped_framework_path("shanghai-2012"))
UNITS_HEADER = "代码,名称,简称,类别,网站,外文版,联系人\n"
UNIT_ROW = "QX01,上海市黄浦区人民政府,黄浦区,区县,https://www.example-hp.gov.cn/,en,办公室\n"
PORTAL_HEADER = "单位代码,报送信息数,采用信息数,收到纠错数,按时处理纠错数,领导信箱反馈案例数\n"


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (UNITS_HEADER + UNIT_ROW).splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _damaged_member() -> bytes:
    # A real zip whose sheet is cut short: the archive opens, its content does not.
    good = zipfile.ZipFile(io.BytesIO(_xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as damaged:
        for item in good.infolist():
            data = good.read(item)
            damaged.writestr(item, data[: len(data) // 2] if "sheet1" in item.filename else data)
    return out.getvalue()


def problems_of(call: Any) -> list[str]:
    with pytest.raises(ImportRowsError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    "content",
    [
        b"this is no spreadsheet",
        b"",
        _xlsx_bytes()[:700],  # truncated
        _xlsx_bytes()[:-40],
        _damaged_member(),
    ],
)
def test_an_xlsx_that_is_no_workbook_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "单位.xlsx"
    path.write_bytes(content)
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [
        "单位.xlsx：无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏"
    ]
    assert Unit.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "Q" * 33 + ",某单位,某,区县,https://a.example.gov.cn/,,",
            "units.csv，第 3 行，代码：太长：33 个字符，最多 32 个",
        ),
        (
            "QX02,某\x00单位,某,区县,https://a.example.gov.cn/,,",
            "units.csv，第 3 行，名称：含有不可见的控制字符（如 NUL）",
        ),
        (
            "QX02,某单位,某,区县,https://a.example.gov.cn/,,办公室\x00",
            "units.csv，第 3 行，联系人：含有不可见的控制字符（如 NUL）",
        ),
        (
            "QX02," + "名" * 201 + ",某,区县,https://a.example.gov.cn/,,",
            "units.csv，第 3 行，名称：太长：201 个字符，最多 200 个",
        ),
    ],
)
def test_a_unit_value_the_database_cannot_hold_is_named(
    tmp_path: Path, row: str, expected: str
) -> None:
    path = tmp_path / "units.csv"
    path.write_text(UNITS_HEADER + UNIT_ROW + row + "\n", encoding="utf-8")
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [expected]
    assert Unit.objects.count() == 0


@pytest.mark.parametrize(
    "figure",
    ["1e20", "9223372036854775807", "2147483648", "1" + "0" * 40, "1e400"],
)
def test_a_portal_figure_too_large_is_named(
    campaign: Campaign, tmp_path: Path, figure: str
) -> None:
    path = tmp_path / "portal.csv"
    path.write_text(PORTAL_HEADER + f"QX01,{figure},1,1,1,1\n", encoding="utf-8")
    assert problems_of(lambda: import_portal(campaign, path)) == [
        f"portal.csv，第 2 行，报送信息数：“{figure}” 超出范围（最大 2147483647）"
    ]
    assert PortalStat.objects.count() == 0


def test_the_largest_portal_figure_is_stored(campaign: Campaign, tmp_path: Path) -> None:
    path = tmp_path / "portal.csv"
    path.write_text(
        PORTAL_HEADER + 'QX01,2147483647,1,1,1,1\nBM01,"1,500",1,1,1,1\n', encoding="utf-8"
    )
    import_portal(campaign, path)
    assert sorted(PortalStat.objects.values_list("submitted", flat=True)) == [1500, 2147483647]


def test_the_command_names_a_damaged_workbook_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "单位.xlsx"
    path.write_bytes(_xlsx_bytes()[:700])
    done = run_ceping(
        tmp_path / "home", "units", "import", str(path), "--framework", "shanghai-2012"
    )
    assert done.returncode == 2
    assert "单位.xlsx：无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏" in done.stderr
    assert "Traceback" not in done.stderr


def _many_rows_xlsx(path: Path, header: list[str], rows: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for i in range(rows):
        sheet.append([f"X{i}", "某单位", "某单位", "区县", f"https://s{i}.example.gov.cn/"])
    book.save(path)
    return path


def test_a_wrong_header_is_told_before_the_rows_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MAX_ROWS", 50)
    path = _many_rows_xlsx(tmp_path / "单位.xlsx", ["代码", "名称", "简称", "类别"], rows=200)
    # Past the row limit too: the header is what is wrong, and it is said first.
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [
        "单位.xlsx，第 1 行，网站：缺少这一列（表头中没有）"
    ]


def test_a_table_past_the_row_limit_is_refused_where_it_passes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MAX_ROWS", 50)
    path = _many_rows_xlsx(tmp_path / "单位.xlsx", ["代码", "名称", "简称", "类别", "网站"], 60)
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [
        "单位.xlsx，第 52 行：行数超过上限：一个表格最多 50 行数据"
    ]
    assert not Unit.objects.exists()


def test_an_xlsx_that_unpacks_to_too_much_is_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A shared-strings bomb: small on disk, huge unpacked; openpyxl would read it all at once.
    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 2**20)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_xlsx_bytes())) as good,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in good.infolist():
            bomb.writestr(item.filename, good.read(item))
        bomb.writestr("xl/padding.xml", b"<a/>" + b" " * 2_000_000)
    path = tmp_path / "单位.xlsx"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 50_000
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [
        "单位.xlsx：文件过大：表格文件最大 20 MB（解压后 1 MB），请检查是否选错了文件"
    ]


def test_a_file_past_the_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 2**20)
    path = tmp_path / "units.csv"
    path.write_text(UNITS_HEADER + UNIT_ROW * 20_000, encoding="utf-8")
    assert problems_of(lambda: import_units(path, FRAMEWORK)) == [
        "units.csv：文件过大：表格文件最大 1 MB（解压后 200 MB），请检查是否选错了文件"
    ]
