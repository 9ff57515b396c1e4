"""Read a CSV or XLSX table into rows keyed by column, numbered as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ceping.errors import ImportRowsError, Problem, at

HEADER_ROW = 1  # data rows are numbered from 2, as in Excel and WPS
NOT_A_WORKBOOK = "无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏"
CONTROL_CHARACTER = "含有不可见的控制字符（如 NUL）"
# The library's reason (an encoding, a CSV dialect) is no help to the person; what to do is.
# Limits no real table reaches (the largest: a unit list of a national campaign, ~14,000 sites),
# so that a hostile or mistaken file costs seconds and megabytes, not minutes and gigabytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # the parts of an .xlsx, unzipped
MAX_ROWS = 100_000
MAX_COLUMNS = 100
UNREADABLE = "无法读取为表格：请另存为 Excel（.xlsx）或 UTF-8 编码的 CSV 文件后再导入"
# Tabs and line breaks are what a cell may hold; other control characters (NUL above all, which
# PostgreSQL refuses and SQLite stores silently) are no text a person typed.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def too_big() -> str:
    limits = f"{MAX_FILE_BYTES // 2**20} MB（解压后 {MAX_UNPACKED_BYTES // 2**20} MB）"
    return f"文件过大：表格文件最大 {limits}，请检查是否选错了文件"


class UnreadableWorkbook(ValueError):
    """A file named .xlsx that is no workbook: not a zip, cut short, or damaged inside."""


@dataclass(frozen=True)
class Row:
    number: int  # the row number a person sees in the spreadsheet
    values: Mapping[str, str]  # canonical column name -> stripped text ("" when empty)


def read_table(path: Path, columns: Mapping[str, str], required: set[str]) -> list[Row]:
    """Read `path`; `columns` maps every accepted header (中文 or English) to a canonical name.

    The rows are read one at a time and the header is checked first, so a wrong table is told
    before the rest is read, and a table past the limits (file size, unpacked size, rows,
    columns) is refused where it passes them. Raises ImportRowsError naming the file.
    """
    source = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRowsError([Problem(source, "", "", UNREADABLE)]) from exc
    if size > MAX_FILE_BYTES:
        raise ImportRowsError([Problem(source, "", "", too_big())])
    is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    try:
        raw_rows = _iter_xlsx(path) if is_xlsx else _iter_csv(path)
        return _rows(source, raw_rows, columns, required)
    except UnreadableWorkbook as exc:
        raise ImportRowsError([Problem(source, "", "", str(exc) or NOT_A_WORKBOOK)]) from exc
    except (OSError, ValueError, KeyError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportRowsError([Problem(source, "", "", UNREADABLE)]) from exc


def _rows(
    source: str, raw_rows: Iterator[list[object]], columns: Mapping[str, str], required: set[str]
) -> list[Row]:
    first = next(raw_rows, None)
    if first is None:
        raise ImportRowsError([Problem(source, "", "", "文件是空的，没有表头和数据")])
    header = [str(cell or "").strip() for cell in first]
    canonical = [columns.get(name, columns.get(name.lower(), "")) for name in header]
    missing = sorted(required - set(canonical))
    if missing:
        names = {v: k for k, v in reversed(list(columns.items()))}  # first (中文) header per column
        problems = [
            Problem(source, at(HEADER_ROW), names[m], "缺少这一列（表头中没有）") for m in missing
        ]
        raise ImportRowsError(problems)
    rows = []
    problems = []
    for offset, cells in enumerate(raw_rows, start=HEADER_ROW + 1):
        if offset > HEADER_ROW + MAX_ROWS:
            too_many = f"行数超过上限：一个表格最多 {MAX_ROWS:,} 行数据"
            raise ImportRowsError([Problem(source, at(offset), "", too_many)])
        values = {
            name: _text(cells[i]) if i < len(cells) else ""
            for i, name in enumerate(canonical)
            if name
        }
        problems.extend(
            Problem(source, at(offset), header[i], CONTROL_CHARACTER)
            for i, name in enumerate(canonical)
            if name and _has_control(values[name])
        )
        if any(values.values()):  # blank lines are not rows
            rows.append(Row(number=offset, values=values))
    if problems:
        raise ImportRowsError(problems)
    return rows


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in text)


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _iter_xlsx(path: Path) -> Iterator[list[object]]:
    """The first sheet's rows, read as they come (openpyxl's read-only mode), the workbook's
    unpacked size checked before openpyxl reads any part of it (a zip bomb stops here)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise UnreadableWorkbook(NOT_A_WORKBOOK) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableWorkbook(too_big())
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:
        raise UnreadableWorkbook(NOT_A_WORKBOOK) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                # A damaged workbook fails wherever openpyxl meets the damage (BadZipFile,
                # zlib.error, EOFError, XML ParseError, KeyError…): to a person, one thing.
                raise UnreadableWorkbook(NOT_A_WORKBOOK) from exc
            yield list(row)
    finally:
        workbook.close()


def _iter_csv(path: Path) -> Iterator[list[object]]:
    data = path.read_bytes()  # bounded by MAX_FILE_BYTES
    # Spreadsheets exported on Chinese Windows are often GB18030; a BOM marks UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnicodeDecodeError("utf-8", data, 0, 1, "neither UTF-8 nor GB18030")
    for row in csv.reader(io.StringIO(text, newline="")):
        yield list(row[:MAX_COLUMNS])
