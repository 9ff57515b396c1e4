"""Indicator framework: the tree of indicators, its YAML form and its validation."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ceping.framework.loader import MEASURES, load_framework, parse_framework
from ceping.framework.model import (
    FINDING_KINDS,
    SCALE_CHOICES,
    Band,
    Category,
    CategoryGrading,
    Framework,
    Grading,
    Indicator,
    NoticeGroup,
    Rule,
    RuleKind,
    Scale,
    Source,
    Veto,
    VetoEffect,
)

__all__ = [
    "FINDING_KINDS",
    "MEASURES",
    "SCALE_CHOICES",
    "Band",
    "Category",
    "CategoryGrading",
    "Framework",
    "Grading",
    "Indicator",
    "NoticeGroup",
    "Rule",
    "RuleKind",
    "Scale",
    "Source",
    "Veto",
    "VetoEffect",
    "load_framework",
    "parse_framework",
    "shipped_framework_path",
    "shipped_frameworks",
]


def shipped_frameworks() -> list[str]:
    """Names of the frameworks that ship with ceping (e.g. "shanghai-2012")."""
    folder = resources.files("ceping.framework") / "frameworks"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def shipped_framework_path(name: str) -> Path:
    """The file of a shipped framework, by name."""
    path = Path(str(resources.files("ceping.framework") / "frameworks" / f"{name}.yaml"))
    if not path.is_file():
        raise FileNotFoundError(f"no shipped framework {name!r} (have: {', '.join(shipped_frameworks())})")
    return path
