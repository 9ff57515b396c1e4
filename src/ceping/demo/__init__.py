"""The Shanghai 2012 campaign, rebuilt as sample data from the published notice."""

from __future__ import annotations

from pathlib import Path

DEMO_CAMPAIGN = "2012年度上海市政府网站测评"
DEMO_YEAR = 2012
DATA = Path(__file__).parent / "data"


def units_path() -> Path:
    """The shipped workbook of the 86 units
    (17 区县, 48 市政府部门, 7 管委会, 14 开发区（园区）)."""
    return DATA / "shanghai-2012-units.xlsx"
