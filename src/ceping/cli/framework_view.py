"""Terminal rendering of framework trees and unit tables (rich), shared by CLI commands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.table import Table
from rich.tree import Tree

from ceping.framework import Framework, Indicator, Informative, Veto
from ceping.report.text import factor_text
from ceping.vocabulary import SOURCE_LABELS, label_of, where_text


def _points(value: float) -> str:
    return f"{value:g}分"


def _label(node: Indicator) -> str:
    text = f"[bold]{node.code}[/] {node.name} [cyan]{_points(node.max)}[/]"
    if node.is_leaf:
        sources = "、".join(
            SOURCE_LABELS[s.value] + ("" if share == 1 else f"{share:.0%}")
            for s, share in node.sources.items()
        )
        text += f" [dim]({sources})[/]"
    if node.bonus_above is not None:
        text += f" [green]加分项：其余指标得分高于{_points(node.bonus_above)}时计入[/]"
    return text


def _veto_label(veto: Veto) -> str:
    """A single veto with what triggers it, so the tree can be checked against the table."""
    scope = f"；仅适用于{'、'.join(veto.categories)}" if veto.categories else ""
    if veto.by_organizer:
        return (
            f"[red]{veto.code} 单项否决[/] {veto.name} "
            f"[dim]（组织方依据证据核实；未核实的单位为待核实，不定等级{scope}）[/]"
        )
    kinds = "、".join(label_of(k) for k in veto.findings)
    where = "".join(f"（{where_text(k, vs)}）" for k, vs in veto.where.items())
    count = f"达到{veto.at_least}个" if veto.at_least > 1 else "出现即"
    return f"[red]{veto.code} 单项否决[/] {veto.name} [dim]（{kinds}{where}{count}否决{scope}）[/]"


def framework_tree(framework: Framework) -> Tree:
    tree = Tree(f"[bold]{framework.name}[/] 满分 {_points(framework.total)}")

    def add(parent: Tree, node: Indicator) -> None:
        branch = parent.add(_label(node))
        for child in node.children:
            add(branch, child)

    for area in framework.areas:
        add(tree, area)
    for veto in framework.vetoes:
        tree.add(_veto_label(veto))
    for category in framework.categories:
        if category.factor != 1:
            tree.add(
                f"[yellow]{category.name}[/] 得分（加分指标除外）乘以{factor_text(category.factor)}"
            )
    for item in framework.informative:
        tree.add(_informative_label(item))
    return tree


def _informative_label(item: Informative) -> str:
    kinds = "、".join(label_of(k) for k in item.findings)
    where = "".join(f"（{where_text(k, vs)}）" for k, vs in item.where.items())
    informs = f"，供 {item.informs} 参考" if item.informs else ""
    return f"[cyan]不计分[/] {item.name} [dim]（{kinds}{where}{informs}）[/]"


def category_table(categories: Iterable[str], unit_categories: Iterable[str], title: str) -> Table:
    counts = Counter(unit_categories)
    table = Table(title=title)
    table.add_column("类别")
    table.add_column("单位数", justify="right")
    for category in categories:
        table.add_row(category, str(counts.get(category, 0)))
    table.add_row("[bold]合计[/]", f"[bold]{sum(counts.values())}[/]")
    return table
