"""How each template prints a date in its lists (the article page always has the full date)."""

from __future__ import annotations

import datetime as dt


def list_date(style: str, day: dt.date, variant: int = 0) -> str:
    """The date as a list shows it; "" for a template whose lists show none. Short dates
    come with brackets on some sites (`[01-05]`) and without on others (`01-05`)."""
    if style == "iso":
        return day.isoformat()
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "dot":
        return day.strftime("%Y.%m.%d")
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "short":
        short = f"{day.month:02d}-{day.day:02d}"
        return short if variant % 2 else f"[{short}]"
    if style == "bracket_iso":
        return f"[{day.isoformat()}]"
    if style == "docwrite":  # TRS templates that format the date in the browser
        return f"<script>document.write('{day.isoformat()}');</script>"
    if style == "datetime":  # a time of day the CMS keeps, drawn from the day
        minute = day.toordinal() % 600
        return f"{day.isoformat()} {8 + minute // 60:02d}:{minute % 60:02d}:{day.day + 10:02d}"
    if style == "none":
        return ""
    raise ValueError(f"unknown date style {style!r}")


def full_date(day: dt.date, variant: int) -> str:
    """A full date in one of the ways pages write it (articles, boards)."""
    forms = (
        day.isoformat(),
        f"{day.year}年{day.month:02d}月{day.day:02d}日",
        day.strftime("%Y/%m/%d"),
    )
    return forms[variant % len(forms)]
