"""Import units and their sites from a table: every row checked first, then all stored or none.

A unit's category must be one the chosen indicator framework declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from ceping.campaign.campaigns import framework_of
from ceping.campaign.tables import Row, read_table
from ceping.errors import ImportRowsError, Problem, at, quoted, row_of
from ceping.framework import Framework
from ceping.web.models import Campaign, Site, Unit

# The first name of each column is the one problems name; the longer forms are what the pages'
# help texts and offices' own sheets call them (单位代码, 单位名称, 网站地址), accepted the same.
COLUMNS = {
    "代码": "code", "code": "code", "单位代码": "code",
    "名称": "name", "name": "name", "单位名称": "name",
    "简称": "short_name", "short_name": "short_name", "单位简称": "short_name",
    "类别": "category", "category": "category", "单位类别": "category",
    "网站": "url", "url": "url", "网站地址": "url", "网址": "url",
    "外文版": "languages", "languages": "languages",
    "联系人": "contact", "contact": "contact",
}  # fmt: skip
REQUIRED = {"code", "name", "category", "url"}
HEADERS = {"code": "代码", "name": "名称", "short_name": "简称", "category": "类别", "url": "网站",
           "languages": "外文版", "contact": "联系人"}  # fmt: skip
_url_ok = URLValidator(schemes=["http", "https"])
# What the database holds per column: longer text is refused here, where the row can be named
# (PostgreSQL would refuse the whole import, SQLite would store it silently).
MAX_CHARS = {
    **{
        field: Unit._meta.get_field(field).max_length
        for field in ("code", "name", "short_name", "category", "contact")
    },
    "url": Site._meta.get_field("url").max_length,
}


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    short_name: str
    category: str
    url: str
    languages: list[str]
    contact: str


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    codes: tuple[str, ...]  # every unit of the table, in its order


def _check(row: Row, source: str, framework: Framework, problems: list[Problem]) -> UnitRow | None:
    v = row.values
    found = []

    def bad(field: str, message: str) -> None:
        found.append(Problem(source, at(row.number), HEADERS[field], message))

    for field in ("code", "name", "url"):
        if not v.get(field):
            bad(field, "未填写")
    for field, limit in MAX_CHARS.items():
        if limit is not None and len(v.get(field, "")) > limit:
            bad(field, f"太长：{len(v[field])} 个字符，最多 {limit} 个")
    category = v.get("category", "")
    if category not in framework.category_names:
        bad(
            "category",
            f"没有这个类别：{quoted(category)}（指标体系“{framework.name}”的类别："
            f"{'、'.join(framework.category_names)}）",
        )
    url = v.get("url", "")
    if url:
        try:
            _url_ok(url)
        except ValidationError:
            bad("url", f"不是有效的网址：{quoted(url)}")
    languages = [
        part.strip()
        for part in v.get("languages", "").replace("；", ";").split(";")
        if part.strip()
    ]
    problems.extend(found)
    if found:
        return None
    return UnitRow(
        code=v["code"],
        name=v["name"],
        short_name=v.get("short_name") or v["name"],
        category=category,
        url=url,
        languages=languages,
        contact=v.get("contact", ""),
    )


def _duplicates(rows: list[tuple[Row, UnitRow]], source: str) -> list[Problem]:
    problems = []
    for field in ("code", "name", "url"):
        first: dict[str, int] = {}
        for row, unit in rows:
            value = getattr(unit, field)
            if value in first:
                problems.append(
                    Problem(
                        source,
                        at(row.number),
                        HEADERS[field],
                        f"与{at(first[value])}重复：{quoted(value)}",
                    )
                )
            else:
                first[value] = row.number
    return problems


def _conflicts(units: list[tuple[Row, UnitRow]], source: str) -> list[Problem]:
    """A site or a name may not move silently from another unit already stored."""
    urls = {u.url: (row, u) for row, u in units}
    names = {u.name: (row, u) for row, u in units}
    problems = []
    for site in Site.objects.filter(url__in=urls).select_related("unit"):
        row, unit = urls[site.url]
        if site.unit.code != unit.code:
            problems.append(
                Problem(
                    source,
                    at(row.number),
                    HEADERS["url"],
                    f"网站 {site.url} 已属于单位 {site.unit.code}",
                )
            )
    for stored in Unit.objects.filter(name__in=names):
        row, unit = names[stored.name]
        if stored.code != unit.code:
            problems.append(
                Problem(
                    source,
                    at(row.number),
                    HEADERS["name"],
                    f"单位名称 {quoted(stored.name)} 已被单位 {stored.code} 使用",
                )
            )
    return problems


def import_units(path: Path, framework: Framework) -> ImportSummary:
    """Create or update units (matched by code) from a CSV or XLSX file, all or nothing.

    Every category must be one of `framework`'s: the campaign it is meant for grades by them.
    """
    source = path.name
    rows = read_table(path, COLUMNS, REQUIRED)
    problems: list[Problem] = []
    checked = [
        (row, unit)
        for row in rows
        if (unit := _check(row, source, framework, problems)) is not None
    ]
    problems.extend(_duplicates(checked, source))
    if not problems:
        problems.extend(_conflicts(checked, source))
    if problems:
        raise ImportRowsError(sorted(problems, key=row_of))
    created = updated = 0
    with transaction.atomic():
        for _, row in checked:
            unit, is_new = Unit.objects.update_or_create(
                code=row.code,
                defaults={
                    "name": row.name,
                    "short_name": row.short_name,
                    "category": row.category,
                    "contact": row.contact,
                },
            )
            Site.objects.update_or_create(
                url=row.url, defaults={"unit": unit, "languages": row.languages, "is_primary": True}
            )
            created, updated = created + is_new, updated + (not is_new)
    return ImportSummary(created=created, updated=updated, codes=tuple(u.code for _, u in checked))


def import_units_into(campaign: Campaign, path: Path) -> ImportSummary:
    """Import units checked against the campaign's framework, and add them to the campaign."""
    summary = import_units(path, framework_of(campaign))
    campaign.units.add(*Unit.objects.filter(code__in=summary.codes))
    return summary
