"""Build the shipped units workbook from its CSV source: `python -m ceping.demo.units_xlsx`."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

DATA = Path(__file__).parent / "data"
SOURCE = DATA / "shanghai-2012-units.csv"
TARGET = DATA / "shanghai-2012-units.xlsx"
WIDTHS = {"A": 8, "B": 36, "C": 24, "D": 14, "E": 36, "F": 14, "G": 14}


def build(source: Path = SOURCE, target: Path = TARGET) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "被测单位"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.creator = "ceping"
    book.save(target)
    return target


if __name__ == "__main__":
    print(build())
