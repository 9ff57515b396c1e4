"""The import graph of `ceping`: arrows point down the layers only, and nothing imports in a circle.

    core      framework, scan, typo, scoring, report, vocabulary, errors, gc_pause, sitefarm,
              monitor
    store     web.models (the schema every use case reads and writes)
    campaign  the use cases
    shell     web (views, API, settings …), tasks, demo — none imports another
    cli       the command, which may start the demo and the workers

Every import counts, at the top of a module or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ceping

ROOT = Path(ceping.__file__).parent
CORE = (
    "framework",
    "scan",
    "typo",
    "scoring",
    "report",
    "vocabulary",
    "errors",
    "gc_pause",
    "sitefarm",
    "monitor",
    "fix_hints",
)
SHELL = ("web", "tasks", "demo")
LEVELS = {"core": 0, "store": 1, "campaign": 2, "web": 3, "tasks": 3, "demo": 3, "cli": 4}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in ROOT.rglob("*.py") if "migrations" not in p.parts}


def layer(module: str) -> str:
    """The layer a module of ceping lives in."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top in CORE or not top:
        return "core"
    if parts[1:3] == ["web", "models"]:
        return "store"
    return top


def all_imports(path: Path) -> set[str]:
    """Every module `path` imports (a name imported from a package, if a module of ceping, counts as
    it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


IMPORTS = {name: all_imports(path) for name, path in MODULES.items()}
GRAPH = {name: {n for n in names if n in MODULES} for name, names in IMPORTS.items()}


def test_the_graph_sees_every_layer() -> None:
    seen = {layer(m) for m in MODULES}
    assert seen == set(LEVELS)
    assert (
        "ceping.campaign.campaigns" in GRAPH["ceping.cli.campaign"]
    )  # a function-local import counts


def test_the_core_never_imports_django_or_celery() -> None:
    offenders = [
        f"{module} imports {name}"
        for module, names in sorted(IMPORTS.items())
        if layer(module) == "core"
        for name in sorted(names)
        if name.split(".")[0] in ("django", "celery", "kombu", "ninja")
    ]
    assert offenders == []


def test_arrows_point_down_only() -> None:
    upward = []
    for module, targets in sorted(GRAPH.items()):
        here = layer(module)
        for target in sorted(targets):
            there = layer(target)
            sideways = here in SHELL and there in SHELL and here != there
            if LEVELS[there] > LEVELS[here] or sideways:
                upward.append(f"{module} ({here}) imports {target} ({there})")
    assert upward == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_nothing_imports_in_a_circle() -> None:
    assert cycles(GRAPH) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_cycles_are_found(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_an_upward_import_would_be_caught() -> None:
    assert layer("ceping.campaign.scans") == "campaign" and layer("ceping.web.views.units") == "web"
    assert LEVELS[layer("ceping.web.views.units")] > LEVELS[layer("ceping.campaign.scans")]
    assert layer("ceping.web.models.units") == "store" and layer("ceping.scan.crawler") == "core"


def test_every_folder_of_code_is_a_package() -> None:
    # setuptools' find_packages() leaves out a folder without __init__.py: an installed ceping
    # would lack it although an editable one works.
    folders = {p.parent for p in ROOT.rglob("*.py")}
    missing = [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()]
    assert sorted(missing) == []
