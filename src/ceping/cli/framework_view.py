"""Terminal rendering of framework trees and unit tables (rich), shared by CLI commands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.table import Table
from rich.tree import Tree

from ceping.framework import Framework, Indicator
from ceping.vocabulary import SOURCE_LABELS


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
    return text


def framework_tree(framework: Framework) -> Tree:
    tree = Tree(f"[bold]{framework.name}[/] 满分 {_points(framework.total)}")

    def add(parent: Tree, node: Indicator) -> None:
        branch = parent.add(_label(node))
        for child in node.children:
            add(branch, child)

    for area in framework.areas:
        add(tree, area)
    for veto in framework.vetoes:
        tree.add(f"[red]{veto.code} 单项否决[/] {veto.name}")
    return tree


def category_table(categories: Iterable[str], unit_categories: Iterable[str], title: str) -> Table:
    counts = Counter(unit_categories)
    table = Table(title=title)
    table.add_column("类别")
    table.add_column("单位数", justify="right")
    for category in categories:
        table.add_row(category, str(counts.get(category, 0)))
    table.add_row("[bold]合计[/]", f"[bold]{sum(counts.values())}[/]")
    return table
