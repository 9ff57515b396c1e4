"""Read a CSV or XLSX table into rows keyed by column, numbered as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ceping.errors import ImportRowsError, Problem, at

HEADER_ROW = 1  # data rows are numbered from 2, as in Excel and WPS
NOT_A_WORKBOOK = "无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏"
CONTROL_CHARACTER = "含有不可见的控制字符（如 NUL）"
# The library's reason (an encoding, a CSV dialect) is no help to the person; what to do is.
UNREADABLE = "无法读取为表格：请另存为 Excel（.xlsx）或 UTF-8 编码的 CSV 文件后再导入"
# Tabs and line breaks are what a cell may hold; other control characters (NUL above all, which
# PostgreSQL refuses and SQLite stores silently) are no text a person typed.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


class UnreadableWorkbook(ValueError):
    """A file named .xlsx that is no workbook: not a zip, cut short, or damaged inside."""


@dataclass(frozen=True)
class Row:
    number: int  # the row number a person sees in the spreadsheet
    values: Mapping[str, str]  # canonical column name -> stripped text ("" when empty)


def read_table(path: Path, columns: Mapping[str, str], required: set[str]) -> list[Row]:
    """Read `path`; `columns` maps every accepted header (中文 or English) to a canonical name.

    Raises ImportRowsError naming the file when it cannot be read or lacks a required column.
    """
    source = path.name
    try:
        raw_rows = (
            _read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)
        )
    except UnreadableWorkbook as exc:
        raise ImportRowsError([Problem(source, "", "", NOT_A_WORKBOOK)]) from exc
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ImportRowsError([Problem(source, "", "", UNREADABLE)]) from exc
    if not raw_rows:
        raise ImportRowsError([Problem(source, "", "", "文件是空的，没有表头和数据")])
    header = [str(cell or "").strip() for cell in raw_rows[0]]
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
    for offset, cells in enumerate(raw_rows[1:], start=HEADER_ROW + 1):
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


def _read_xlsx(path: Path) -> list[list[object]]:
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except OSError:
        raise
    except Exception as exc:
        # A damaged workbook fails wherever openpyxl meets the damage (BadZipFile, zlib.error,
        # EOFError, XML ParseError, KeyError, ...): to a person they are one and the same.
        raise UnreadableWorkbook(str(exc)) from exc


def _read_csv(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    # Spreadsheets exported on Chinese Windows are often GB18030; a BOM marks UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnicodeDecodeError("utf-8", data, 0, 1, "neither UTF-8 nor GB18030")
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
