"""The closing summary of `ceping demo`: grades per category, the notice's figures, files
written."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ceping.cli.campaign_view import results_tables
from ceping.report.pdf import pdf_skipped
from ceping.scoring import Statistic
from ceping.scoring.rates import BASIC_SATISFACTION, CONVENIENT

if TYPE_CHECKING:
    from ceping.demo.pipeline import DemoOutcome


def grade_table(outcome: DemoOutcome) -> Table:
    results = outcome.results
    grades = results.framework.grading.grades
    counts = Counter((u.category, u.grade) for u in results.units)
    table = Table(title="各类别单位与等级")
    table.add_column("类别")
    table.add_column("单位数", justify="right")
    for grade in (*grades, "未评等级"):
        table.add_column(grade, justify="right")
    for category in results.framework.category_names:
        total = sum(n for (c, _), n in counts.items() if c == category)
        if total:
            cells = [str(counts[(category, g)]) for g in grades]
            table.add_row(category, str(total), *cells, str(counts[(category, None)]))
    return table


# The notice's figures: (label, key, area), shown for the notice's groups and for all units.
HEADLINES = (
    ("重点工作（专题专栏）优良率", "good_rate", "A1"),
    ("重点工作（专题专栏）满分单位数", "full_marks", "A1"),
    ("子网站核心内容与管理优良率", "good_rate", "A2"),
    ("门户网站内容保障优良率", "good_rate", "B"),
    (CONVENIENT.label, CONVENIENT.key, "C"),
    (BASIC_SATISFACTION.label, BASIC_SATISFACTION.key, "D"),
    ("报送信息数", "info_submitted", None),
    ("信息采用率", "adoption_rate", None),
)


def headline_table(outcome: DemoOutcome) -> Table:
    results = outcome.results
    scopes = [g.name for g in results.framework.groups] + [None]
    table = Table(title="通报中的主要数据（重建样例数据，括号内为比上年变化）")
    table.add_column("指标")
    for scope in scopes:
        table.add_column(results.framework.scope_label(scope), justify="right")
    for label, key, area in HEADLINES:
        cells = []
        for scope in scopes:
            try:
                cells.append(_cell(results.statistic(key, category=scope, area=area)))
            except KeyError:
                cells.append("—")
        table.add_row(label, *cells)
    return table


def _cell(stat: Statistic) -> str:
    value = f"{stat.value:.1f}%" if stat.unit == "%" else f"{stat.value:,.0f}"
    if stat.change is None:
        return value
    change = f"{stat.change:+.1f}" if stat.unit == "%" else f"{stat.change:+,.0f}"
    return f"{value}（{change}）"


def print_outcome(console: Console, outcome: DemoOutcome) -> None:
    console.print(grade_table(outcome))
    console.print(headline_table(outcome))
    print_files(console, outcome)


def print_national_outcome(console: Console, outcome: DemoOutcome) -> None:
    """Grades, then every unit with its total and the vetoes that hit it, then the files."""
    console.print(grade_table(outcome))
    for table in results_tables(outcome.results):
        console.print(table)
    print_files(console, outcome)


def print_files(console: Console, outcome: DemoOutcome) -> None:
    out = outcome.written[0].parent if outcome.written else None
    units = sum(1 for p in outcome.written if p.parent.name == "units")
    console.print(f"已写入 {len(outcome.written)} 个文件，其中单位测评报告 {units} 份：")
    for path in outcome.written:
        if path.parent.name not in ("units", "charts"):
            console.print(f"  {path}")
    if out is not None:
        console.print(f"  {out / 'units'}/<单位代码>.docx")
    skipped = pdf_skipped(outcome.written)
    if skipped:
        console.print(f"[yellow]{escape(skipped)}[/]")
    console.print(
        f"[green]完成，用时 {outcome.seconds:.0f} 秒。[/] "
        "运行 [bold]ceping serve[/] 在浏览器中查看结果。"
    )
