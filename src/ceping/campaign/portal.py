"""Import the portal office's per-unit figures from a table: every row checked first, all stored or
none."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from ceping.campaign import audit
from ceping.campaign.tables import Row, read_table
from ceping.errors import ImportRowsError, Problem, at, quoted, row_of
from ceping.web.models import Campaign, PortalStat, Unit

COLUMNS = {
    "单位代码": "unit", "代码": "unit", "unit": "unit",
    "单位": "name", "单位名称": "name", "name": "name",
    "报送信息数": "submitted", "submitted": "submitted",
    "采用信息数": "adopted", "adopted": "adopted",
    "收到纠错数": "corrections_received", "corrections_received": "corrections_received",
    "按时处理纠错数": "corrections_handled", "corrections_handled": "corrections_handled",
    "领导信箱反馈案例数": "mailbox_cases", "mailbox_cases": "mailbox_cases",
}  # fmt: skip
REQUIRED = {
    "unit",
    "submitted",
    "adopted",
    "corrections_received",
    "corrections_handled",
    "mailbox_cases",
}
NUMBERS = ("submitted", "adopted", "corrections_received", "corrections_handled", "mailbox_cases")
HEADERS = {"unit": "单位代码", "name": "单位", "submitted": "报送信息数", "adopted": "采用信息数",
           "corrections_received": "收到纠错数", "corrections_handled": "按时处理纠错数",
           "mailbox_cases": "领导信箱反馈案例数"}  # fmt: skip
# The largest figure every database stores in a PositiveIntegerField (PostgreSQL's integer).
MAX_COUNT = 2**31 - 1


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int


def _count(text: str) -> Decimal | None:
    """A whole number ≥ 0 as written ("1,500", "12.0", "1e3"), or None; kept exact (a float
    rounds 2^63-1 up), and not expanded yet (1e999999999 would fill the memory)."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        return None
    return value


def _check(
    row: Row, source: str, units: dict[str, Unit], problems: list[Problem]
) -> dict[str, Any] | None:
    found: list[Problem] = []

    def bad(column: str, message: str) -> None:
        found.append(Problem(source, at(row.number), HEADERS[column], message))

    code = row.values.get("unit", "")
    if not code:
        bad("unit", "未填写")
    elif code not in units:
        bad("unit", f"本次测评没有这个单位：{quoted(code)}")
    values: dict[str, int] = {}
    for column in NUMBERS:
        text = row.values.get(column, "")
        number = _count(text) if text else None
        if not text:
            bad(column, "未填写")
        elif number is None:
            bad(column, f"{quoted(text)} 不是大于或等于 0 的整数")
        elif number > MAX_COUNT:
            bad(column, f"{quoted(text)} 超出范围（最大 {MAX_COUNT}）")
        else:
            values[column] = int(number)
    if "submitted" in values and "adopted" in values and values["adopted"] > values["submitted"]:
        bad("adopted", f"采用信息数 {values['adopted']} 多于报送信息数 {values['submitted']}")
    received, handled = values.get("corrections_received"), values.get("corrections_handled")
    if received is not None and handled is not None and handled > received:
        bad("corrections_handled", f"按时处理纠错数 {handled} 多于收到纠错数 {received}")
    problems.extend(found)
    return None if found else {"unit": units[code], **values}


def import_portal(campaign: Campaign, path: Path, who: Any = None) -> ImportSummary:
    """Create or replace the campaign's portal figures per unit from CSV or XLSX, all or nothing."""
    source = path.name
    rows = read_table(path, COLUMNS, REQUIRED)
    units = {u.code: u for u in campaign.units.all()}
    problems: list[Problem] = []
    checked = [
        (row, item) for row in rows if (item := _check(row, source, units, problems)) is not None
    ]
    first: dict[str, int] = {}
    for row, item in checked:
        code = item["unit"].code
        if code in first:
            problems.append(
                Problem(
                    source,
                    at(row.number),
                    HEADERS["unit"],
                    f"与{at(first[code])}重复：{quoted(code)}",
                )
            )
        first.setdefault(code, row.number)
    if problems:
        order = list(HEADERS.values())  # within a row, in the table's column order
        raise ImportRowsError(sorted(problems, key=lambda p: (row_of(p), order.index(p.field))))
    created = updated = 0
    with transaction.atomic():
        stored = {
            s.unit_id: s for s in PortalStat.objects.select_for_update().filter(campaign=campaign)
        }
        for _, item in checked:
            unit = item.pop("unit")
            stat = stored.get(unit.pk)
            old = {f: getattr(stat, f) for f in NUMBERS} if stat else None
            if stat is None:
                stat = PortalStat(campaign=campaign, unit=unit)
            for field, value in item.items():
                setattr(stat, field, value)
            stat.save()
            audit.record_changes(who, "import", stat, old, item)
            created, updated = created + (old is None), updated + (old is not None)
    return ImportSummary(created, updated)
