"""Text hygiene and number wording shared by every report format."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# XML 1.0 forbids C0 controls except tab/newline/CR; .docx and .xlsx would be unreadable with them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def clean(text: object, *, one_line: bool = True) -> str:
    """Untrusted text made safe for XML-based files: no control characters, no lone surrogates."""
    value = "" if text is None else str(text)
    value = _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))
    # Bidi overrides can make a URL read differently from what it is.
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf" or ch == "\u200d")
    return _SPACE_RUN.sub(" ", value).strip() if one_line else value


def number(value: float, places: int = 1) -> str:
    """91.9 → "91.9", 73.0 → "73", 2.5 → "3" (0 places): half up, as people round, not half even."""
    exact = Decimal(repr(float(value)))  # repr: the shortest decimal that is this float
    text = str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def rate(value: float, places: int = 1) -> str:
    """A rate in percent with a fixed number of decimals, as the seed prints them: 51.0 → "51.0%",
    91.94 → "91.9%"; `places` 0 → "51%". Never "51%" beside "91.9%" in one report."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{abs(exact) if exact == 0 else exact}%"  # never "-0.0%"


def wan(value: float) -> str:
    """127000 → "12.7万", 9989 → "1万"; below 10,000 the plain number."""
    if abs(value) < 9_950:
        return number(value, 0)
    return f"{number(value / 10_000, 1)}万"


_OPPOSITE = {"上升": "下降", "增加": "减少", "提高": "降低", "增长": "下降"}


def change(delta: float | None, *, than: str = "去年", verb: str = "上升") -> str:
    """+7.96 → "比去年上升8个百分点"; +0.4 → "…上升0.4个百分点"; 0 → "与去年持平"; None → ""."""
    if delta is None:
        return ""
    # Whole points as the notice prints them; a tenth only when the change is under one point.
    amount = number(abs(delta), 0 if abs(delta) >= 0.95 else 1)
    if amount == "0":
        return f"与{than}持平"
    word = verb if delta > 0 else _OPPOSITE.get(verb, "下降")
    return f"比{than}{word}{amount}个百分点"


def points(value: float) -> str:
    """Points with at most two decimals: 3.5 → "3.5", 2.25 → "2.25"."""
    return number(value, 2)


def display_width(text: str) -> float:
    """Width in full-width characters: CJK counts 1, ASCII ½ (for GB/T 9704 alignments)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def factor_text(factor: float) -> str:
    """A category's factor as the rules write it: 4/3, not 1.3333."""
    return str(Fraction(factor).limit_denominator(100))
