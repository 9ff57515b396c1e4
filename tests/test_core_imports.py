"""The functional core never imports Django (nor the shell that does)."""

from __future__ import annotations

import ast
from pathlib import Path

import ceping

CORE = ("framework", "scan", "typo", "scoring", "report", "vocabulary")  # packages and modules
FORBIDDEN = ("django", "ceping.web", "ceping.tasks", "ceping.cli", "celery")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_packages_do_not_import_the_shell() -> None:
    root = Path(ceping.__file__).parent
    offenders = []
    for name in CORE:
        package = root / name
        files = sorted(package.rglob("*.py")) if package.is_dir() else [root / f"{name}.py"]
        assert files and all(p.is_file() for p in files), name
        for path in files:
            for imported in _imports(path):
                if any(imported == f or imported.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.relative_to(root)} imports {imported}")
    assert offenders == []
