"""The issue explorer: a campaign's findings filtered by kind, unit, category and status, with
the count of each choice, and the filtered list as an Excel sheet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from io import BytesIO

from django.db.models import Count, Q, QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ceping import vocabulary
from ceping.report.text import clean, rate
from ceping.web.models import Campaign, Finding, FindingStatus

# Kinds this version does not know are one choice, as the overview counts them (其他问题).
OTHER_KIND = "other"
PAGE_SIZE = 50
CELL_MAX_CHARS = 32_767  # Excel's limit for one cell
EXPORT_COLUMNS = ("编号", "单位代码", "单位", "类别", "问题类型", "所在页面", "状态")


@dataclass(frozen=True)
class FindingFilter:
    """What the organizer picked; "" is any. `kind` is a vocabulary key or OTHER_KIND."""

    kind: str = ""
    unit: str = ""  # unit code
    category: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> FindingFilter:
        """From an address's query; a status that is none of ours is left out."""
        values = {f.name: str(query.get(f.name, "")).strip()[:200] for f in fields(cls)}
        if values["status"] not in FindingStatus.values:
            values["status"] = ""
        return cls(**values)

    def query(self, **changes: str) -> dict[str, str]:
        """The non-empty fields, with `changes`, as an address's query."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return {name: value for name, value in values.items() if value}

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


def _kind_q(kind: str) -> Q:
    if kind == OTHER_KIND:
        return ~Q(kind__in=list(vocabulary.KINDS))
    return Q(kind=kind)


def _conditions(chosen: FindingFilter, leave_out: str = "") -> Q:
    q = Q()
    if chosen.kind and leave_out != "kind":
        q &= _kind_q(chosen.kind)
    if chosen.unit and leave_out != "unit":
        q &= Q(scan_run__site__unit__code=chosen.unit)
    if chosen.category and leave_out != "category":
        q &= Q(scan_run__site__unit__category=chosen.category)
    if chosen.status and leave_out != "status":
        q &= Q(status=chosen.status)
    return q


def _campaign_findings(campaign: Campaign) -> QuerySet[Finding]:
    return Finding.objects.filter(scan_run__campaign=campaign)


def findings(campaign: Campaign, chosen: FindingFilter) -> QuerySet[Finding]:
    """The findings that match, by unit, kind and page."""
    return (
        _campaign_findings(campaign)
        .filter(_conditions(chosen))
        .select_related("scan_run__site__unit")
        .order_by("scan_run__site__unit__code", "kind", "page", "pk")
    )


@dataclass(frozen=True)
class Choice:
    value: str  # as in the address
    label: str  # as people read it
    count: int  # findings it would show, the other filters kept


@dataclass(frozen=True)
class Facets:
    kinds: list[Choice]
    units: list[Choice]
    categories: list[Choice]
    statuses: list[Choice]


def facets(campaign: Campaign, chosen: FindingFilter) -> Facets:
    """Every choice of each filter with its count under the other filters (so a count is what
    clicking it shows); a chosen value stays listed even at 0."""
    base = _campaign_findings(campaign)

    def counted(name: str, column: str) -> Counter[str]:
        return _grouped(base.filter(_conditions(chosen, leave_out=name)), column)

    kinds = _by_kind(counted("kind", "kind"))
    units = counted("unit", "scan_run__site__unit__code")
    names = dict(
        campaign.units.filter(code__in=[*units, chosen.unit]).values_list("code", "short_name")
    )
    categories = counted("category", "scan_run__site__unit__category")
    statuses = counted("status", "status")
    for counter, value in (
        (kinds, chosen.kind),
        (units, chosen.unit),
        (categories, chosen.category),
        (statuses, chosen.status),
    ):
        if value:
            counter[value] += 0
    return Facets(
        kinds=_kind_choices(kinds),
        units=[Choice(code, names.get(code, code), n) for code, n in sorted(units.items())],
        categories=[Choice(c, c, n) for c, n in sorted(categories.items(), key=lambda kv: -kv[1])],
        statuses=[
            Choice(s, FindingStatus(s).label if s in FindingStatus.values else s, statuses[s])
            for s in [*FindingStatus.values, *sorted(set(statuses) - set(FindingStatus.values))]
            if s in statuses
        ],
    )


@dataclass(frozen=True)
class FixRate:
    """How far the findings of one unit or kind are fixed: 复查通过 out of every finding but
    those dismissed as false alarms (已核销)."""

    value: str  # unit code or kind, as in the address
    label: str
    total: int
    requested: int  # 已申请复查, waiting for the re-check
    passed: int  # 复查通过

    @property
    def rate(self) -> str:
        return rate(100 * self.passed / self.total) if self.total else "—"


def fix_rates(campaign: Campaign, chosen: FindingFilter) -> tuple[list[FixRate], list[FixRate]]:
    """(per unit, per kind) under the chosen filters but the status: the rate is about status."""
    found = (
        _campaign_findings(campaign)
        .filter(_conditions(chosen, leave_out="status"))
        .exclude(status=FindingStatus.DISMISSED)
        .order_by()
        .values_list("scan_run__site__unit__code", "kind", "status")
        .annotate(n=Count("id"))
    )
    units: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    for code, kind, status, n in found:
        for table, key in ((units, str(code)), (kinds, _kind_key(kind))):
            table.setdefault(key, Counter())[status] += n
    names = dict(campaign.units.filter(code__in=units).values_list("code", "short_name"))

    def made(key: str, label: str, counts: Counter[str]) -> FixRate:
        done, asked = counts[FindingStatus.CLOSED], counts[FindingStatus.FIXED]
        return FixRate(key, label, sum(counts.values()), asked, done)

    by_unit = [made(code, names.get(code, code), c) for code, c in sorted(units.items())]
    by_kind = [
        made(k, _kind_label(k), c)
        for k, c in sorted(kinds.items(), key=lambda kv: (vocabulary.order_of(kv[0]), kv[0]))
    ]
    return by_unit, by_kind


def _grouped(found: QuerySet[Finding], column: str) -> Counter[str]:
    """Findings per value of `column`, counted by the database (10⁵ findings a campaign)."""
    rows = found.order_by().values(column).annotate(n=Count("id")).values_list(column, "n")
    return Counter({str(value): n for value, n in rows})


def _kind_key(kind: str) -> str:
    """A kind as the explorer groups it: kinds this version does not know are one."""
    return kind if kind in vocabulary.KINDS else OTHER_KIND


def _kind_label(key: str) -> str:
    return vocabulary.OTHER_KIND if key == OTHER_KIND else vocabulary.label_of(key)


def _by_kind(raw: Counter[str]) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for kind, n in raw.items():
        kinds[_kind_key(kind)] += n
    return kinds


def _kind_choices(kinds: Counter[str]) -> list[Choice]:
    return [
        Choice(k, _kind_label(k), n)
        for k, n in sorted(
            kinds.items(), key=lambda kv: (-kv[1], vocabulary.order_of(kv[0]), kv[0])
        )
    ]


def kind_counts(campaign: Campaign) -> list[Choice]:
    """The campaign's findings per kind (unknown kinds as one), most first: the overview's list."""
    return _kind_choices(_by_kind(_grouped(_campaign_findings(campaign), "kind")))


# ---- export ---------------------------------------------------------------------------------


def _evidence(finding: Finding) -> list[tuple[str, str]]:
    data = finding.data if isinstance(finding.data, dict) else {}
    return vocabulary.evidence_items({**data, "kind": finding.kind}, skip=("page",))


def export_xlsx(rows: Iterable[Finding]) -> bytes:
    """The findings as one sheet: fixed columns, then one column per evidence field (labels of
    ceping.vocabulary, in the order they first occur). Text is never a formula."""
    table = []
    labels: dict[str, None] = {}
    for f in rows:
        unit = f.scan_run.site.unit
        evidence = dict(_evidence(f))
        labels.update(dict.fromkeys(evidence))
        fixed = [
            f.pk,
            unit.code,
            unit.short_name,
            unit.category,
            vocabulary.label_of(f.kind),
            f.page,
            f.get_status_display(),
        ]
        table.append((fixed, evidence))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("问题清单")
    header = [*EXPORT_COLUMNS, *labels]
    sheet.append([_cell(sheet, title, bold=True) for title in header])
    for fixed, evidence in table:
        sheet.append(
            [_cell(sheet, v) for v in fixed] + [_cell(sheet, evidence.get(k, "")) for k in labels]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: object, value: object, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, clean(value)[:CELL_MAX_CHARS])
        cell.data_type = "s"  # scanned text starting with "=" stays text, never a formula
    else:
        cell = WriteOnlyCell(sheet, value)
    if bold:
        cell.font = Font(bold=True)
    return cell
