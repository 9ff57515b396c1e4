"""Number wording as the notice writes it, and text hygiene."""

from __future__ import annotations

import pytest

from ceping.report.text import change, clean, display_width, number, rate, wan


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (91.9, "91.9"),
        (73.0, "73"),
        (7, "7"),
        (0.04, "0"),
        (-0.0, "0"),
        (85.45, "85.5"),
        (91.91176, "91.9"),
    ],
)
def test_number(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (51.0, 1, "51.0%"),
        (91.94, 1, "91.9%"),
        (85.45, 1, "85.5%"),  # half up
        (100, 1, "100.0%"),
        (-0.04, 1, "0.0%"),
        (73.4, 0, "73%"),
    ],
)
def test_rate(value: float, places: int, text: str) -> None:
    """Rates keep their decimal: "51.0%" beside "91.9%" (the chart once showed "51%")."""
    assert rate(value, places) == text


@pytest.mark.parametrize(
    ("value", "text"), [(127_000, "12.7万"), (9989, "1万"), (5056, "5056"), (100_000, "10万")]
)
def test_wan(value: float, text: str) -> None:
    assert wan(value) == text


def test_change() -> None:
    assert change(8.0) == "比去年上升8个百分点"
    assert change(4.0, than="上年", verb="增加") == "比上年增加4个百分点"
    assert change(-2.5) == "比去年下降3个百分点"  # whole points, half up
    assert change(7.96) == "比去年上升8个百分点"
    assert change(0.44) == "比去年上升0.4个百分点"
    assert change(-1.0, than="上年", verb="增加") == "比上年减少1个百分点"
    assert change(0.01) == "与去年持平"
    assert change(None) == ""


def test_clean() -> None:
    assert clean("a\x00b\x07c\x1b[0m\u202edef\ud800") == "abc[0mdef\ufffd"
    assert clean("  多个\n\t空白  ") == "多个 空白"
    assert clean("保留\n换行", one_line=False) == "保留\n换行"
    assert clean(None) == ""


def test_display_width() -> None:
    assert display_width("上海市人民政府办公厅") == 10
    assert display_width("2013年4月2日") == 6
