"""Dated items of a list a page loads as JSON (or JSONP): the array of records that carry dates.

Endpoints name their fields as they like (`publishTime`, `pubDate`, `fbrq`, `docreltime`,
`createTime` as text or epoch milliseconds), and wrap the array in `data`, `rows`, `list`,
`result.records` …; so the array is found by shape: the longest array of objects most of which
carry a date, as lists in HTML are found by shape (scan/lists.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import deque
from typing import Any

from ceping.scan import dates
from ceping.scan.models import DatedItem

MAX_JSON_CHARS = 2_000_000
MAX_DEPTH = 8
MAX_NODES = 50_000
# Publication first; a change or an end date says nothing of when an item was published.
_PUBLISHED_KEY = re.compile(
    r"pub|release|publish|fbrq|fbsj|fwrq|cwrq|docreltime|issue", re.IGNORECASE
)
_DATED_KEY = re.compile(r"date|time|rq|sj", re.IGNORECASE)
_NOT_PUBLISHED_KEY = re.compile(
    r"updat|modif|end|expir|deadline|birth|last|start|begin", re.IGNORECASE
)
_TITLE_KEYS = ("title", "doctitle", "name", "subject", "bt", "wzbt")
_PIN_KEYS = re.compile(r"^(?:is_?top|top|zd|sticky|settop|is_?sticky)$", re.IGNORECASE)
_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
# China Standard Time: epoch stamps are read as the site's calendar day.
_CST = dt.timezone(dt.timedelta(hours=8))
_EPOCH_S = (946_684_800, 4_102_444_800)  # 2000 to 2100


def _loads(text: str) -> Any:
    if len(text) > MAX_JSON_CHARS:
        return None
    text = text.strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    # JSONP: callback({...}); the value inside the call.
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    end = max(text.rfind("}"), text.rfind("]"))
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except (ValueError, RecursionError):
        return None


def _value_date(value: Any, as_of: dt.date) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > _EPOCH_S[1] else value
        if _EPOCH_S[0] <= seconds <= _EPOCH_S[1]:
            found = dt.datetime.fromtimestamp(seconds, _CST).date()
            return found if found <= as_of else None
        return None
    if isinstance(value, str) and len(value) <= 40:
        text = value.strip()
        if _ISO_STAMP.match(text):  # 2025-11-02T09:30:00+08:00: the day is what was published
            text = text[:10]
        return dates.date_only_text(text, as_of.year, as_of)
    return None


def _record_date(record: dict[str, Any], as_of: dt.date) -> dt.date | None:
    keys = [k for k in record if isinstance(k, str) and not _NOT_PUBLISHED_KEY.search(k)]
    ordered = [k for k in keys if _PUBLISHED_KEY.search(k)]
    ordered += [k for k in keys if _DATED_KEY.search(k) and k not in ordered]
    for key in ordered:
        found = _value_date(record[key], as_of)
        if found is not None:
            return found
    return None


def _title(record: dict[str, Any]) -> str:
    lowered = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    for key in _TITLE_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:200]
    return ""


def _is_pinned(record: dict[str, Any]) -> bool:
    return any(
        _PIN_KEYS.match(k) and v not in (0, "0", "", False, None, "false", "否")
        for k, v in record.items()
        if isinstance(k, str)
    )


def _arrays(data: Any) -> list[list[dict[str, Any]]]:
    """Every array of objects in the document, breadth-first, within the bounds."""
    found: list[list[dict[str, Any]]] = []
    queue: deque[tuple[Any, int]] = deque([(data, 0)])
    seen = 0
    while queue and seen < MAX_NODES:
        node, depth = queue.popleft()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        if isinstance(node, list):
            records = [n for n in node if isinstance(n, dict)]
            if records:
                found.append(records)
        queue.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return found


def dated_items(text: str, as_of: dt.date) -> tuple[DatedItem, ...]:
    """The dated records of the JSON list in `text`; () when it holds no such list."""
    best: tuple[DatedItem, ...] = ()
    for records in _arrays(_loads(text)):
        items = []
        for record in records:
            found = _record_date(record, as_of)
            if found is not None:
                items.append(DatedItem(found.isoformat(), _title(record), _is_pinned(record)))
        # Half the records dated, as for lists in HTML: an array of menus or of tags is not one.
        if len(items) >= 2 and 2 * len(items) >= len(records) and len(items) > len(best):
            best = tuple(items)
    return best
