"""The terminal side of `ceping scan`: a live progress table and a human summary (rich)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Self

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from ceping.scan import SiteReport
from ceping.scan.report import partial_reasons
from ceping.vocabulary import label_of, order_of


@dataclass
class _Row:
    pages: int = 0
    links: int = 0
    findings: int = 0
    done: bool = False


@dataclass
class LiveProgress:
    """Receives the crawler's progress calls and redraws at most a few times a second."""

    console: Console
    urls: tuple[str, ...]
    rows: dict[str, _Row] = field(default_factory=dict)
    live: Live | None = None
    _drawn_at: float = 0.0

    def __enter__(self) -> Self:
        self.rows = {u: _Row() for u in self.urls}
        self.live = Live(self._table(), console=self.console, refresh_per_second=4, transient=False)
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.update(self._table())
            self.live.__exit__(None, None, None)

    def __call__(self, site: str, pages: int, links: int, findings: int, done: bool) -> None:
        self.rows[site] = _Row(pages, links, findings, done)
        now = time.monotonic()
        if self.live is not None and (done or now - self._drawn_at > 0.25):
            self._drawn_at = now
            self.live.update(self._table())

    def _table(self) -> Table:
        table = Table(title="ceping scan", expand=False)
        for name in ("网站", "页面", "链接", "问题", ""):
            table.add_column(name, justify="right" if name in ("页面", "链接", "问题") else "left")
        for url, row in self.rows.items():
            table.add_row(
                url, str(row.pages), str(row.links), str(row.findings), "✓" if row.done else "…"
            )
        return table


def print_summary(
    console: Console, reports: list[SiteReport], seconds: float, json_path: str
) -> None:
    """One line per site with its findings by kind, then the totals."""
    table = Table(title="检查结果")
    for name in ("网站", "可访问", "页面", "搜索", "英文版", "问题"):
        table.add_column(name)
    total = 0
    for report in reports:
        kinds = Counter(
            label_of(kind) for kind in sorted((f.kind for f in report.findings), key=order_of)
        )
        total += sum(kinds.values())
        table.add_row(
            report.url,
            _reachable(report),
            str(report.pages),
            _has(report, "search"),
            _has(report, "english"),
            "，".join(f"{label} {n}" for label, n in kinds.items()) or "—",
        )
    console.print(table)
    for report in reports:
        reasons = partial_reasons(report.stats)
        if reasons:  # a site cut short is never passed off as complete
            console.print(f"{report.url} 检测不完整：{'；'.join(reasons)}", markup=False)
        if report.stats.get("failed"):
            console.print(f"{escape(report.url)}：{report.stats['failed']}", highlight=False)
    pages = sum(r.pages for r in reports)
    console.print(
        f"{len(reports)} 个网站, {pages} 个页面, {total} 个问题, "
        f"用时 {seconds:.1f} 秒 → {json_path}",
        highlight=False,
    )


def _has(report: SiteReport, name: str) -> str:
    """有 / 无, or 未检查 for a site whose home page a script challenge kept from the scan or
    whose crawler process died."""
    if report.features.get("unchecked") is True or report.stats.get("failed"):
        return "未检查"
    return "有" if report.features.get(name) else "无"


def _reachable(report: SiteReport) -> str:
    # A site whose crawler process died was not judged: neither reachable nor unreachable.
    if report.stats.get("failed"):
        return "[yellow]未完成检测[/]"
    return "是" if report.reachable else "[red]否[/]"
