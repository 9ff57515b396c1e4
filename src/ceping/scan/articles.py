"""An article page's own publication date: the guideline's PubDate meta, a <publishtime> tag, or
the "发布时间：…" line under its title; the line, when it says 发布 and the meta says otherwise."""

from __future__ import annotations

import datetime as dt
import re

from selectolax.lexbor import LexborHTMLParser

from ceping.scan import dates

_PUBLISHED_METAS = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time")
_PUBLISHED_TAGS = "publishtime, pubtime"
_PUBLISHED_LINE = re.compile(
    r"(?:(?:发布|发表|公开|成文|更新)(?:时间|日期)\s*[:：]?|^(?:信息)?(?:时间|日期)\s*[:：])"
    r"\s*(.{8,24})"
)
# A line that names the publication itself: what the reader is told, when the meta disagrees.
_SHOWN_LINE = re.compile(r"(?:发布|发表)(?:时间|日期)\s*[:：]?\s*(.{8,24})")
# The line naming the date sits under the title, before any list of related articles.
_HEAD_LINES = 40
# A heading line shorter than this says too little to be taken for the article's title.
_MIN_HEADING_CHARS = 6


def published_date(tree: LexborHTMLParser, text: str, as_of: dt.date) -> dt.date | None:
    """When the page says it was published; None when it does not say.

    Real portals moved to a new CMS keep the move's date in the PubDate meta while the page
    still shows the article's own 发布时间 (bench/real_pages: an item of 2009 with a meta of
    2023): a 发布/发表 line under the title outranks a meta or tag that disagrees with it."""
    declared = _declared_date(tree, as_of)
    lines = text.splitlines()
    start = _heading_line(tree, lines)
    # The top of the page first, as before; then under the heading when menus pushed it down.
    windows = [lines[:_HEAD_LINES]]
    if start > 0:
        windows.append(lines[start : start + _HEAD_LINES])
    if declared is not None:
        shown = next((d for w in windows if (d := _line_date(w, as_of, _SHOWN_LINE))), None)
        return shown if shown is not None else declared
    for window in windows:
        found = _line_date(window, as_of, _PUBLISHED_LINE)
        if found is not None:
            return found
    return None


def _declared_date(tree: LexborHTMLParser, as_of: dt.date) -> dt.date | None:
    """The date the page's metadata gives: the PubDate meta (and its kin), a <publishtime>."""
    for meta in tree.css("meta[name], meta[property]"):
        name = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        if name in _PUBLISHED_METAS:
            found = _first_full_date(meta.attributes.get("content") or "", as_of)
            if found is not None:
                return found
    for node in tree.css(_PUBLISHED_TAGS):
        found = _first_full_date(node.text(), as_of)
        if found is not None:
            return found
    return None


def _line_date(lines: list[str], as_of: dt.date, label: re.Pattern[str]) -> dt.date | None:
    for line, following in zip(lines, [*lines[1:], ""], strict=False):
        # "发布时间：" and its date may be two elements, so two lines of the visible text.
        match = label.search(f"{line} {following}")
        if match is not None:
            found = _first_full_date(match.group(1), as_of)
            if found is not None:
                return found
    return None


def _heading_line(tree: LexborHTMLParser, lines: list[str]) -> int:
    """Where the article's own heading stands in the visible text: the first line the page's
    <title> starts with (the title adds the site's name). Real portals put 50 lines of menus
    before it (a space agency's news page, bench/real_pages), which pushed the date line out
    of the window; 0 when no line is the heading (a title the site's name opens may
    match its logo line near the top, which changes nothing)."""
    node = tree.css_first("title")
    title = " ".join(node.text().split()) if node is not None else ""
    for index, line in enumerate(lines):
        if len(line) >= _MIN_HEADING_CHARS and title.startswith(line):
            return index
    return 0


def _first_full_date(text: str, as_of: dt.date) -> dt.date | None:
    found = dates.full_dates(text)
    if not found:
        compact = re.search(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)", text)
        if compact is None:
            return None
        found = dates.full_dates("-".join(compact.groups()))
    return found[0] if found and found[0] <= as_of else None
