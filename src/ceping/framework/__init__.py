"""Indicator framework: the tree of indicators, its YAML form and its validation."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ceping.errors import CepingError
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
    Informative,
    NoticeGroup,
    Rule,
    RuleKind,
    Scale,
    Source,
    Veto,
    VetoEffect,
)

__all__ = [
    "DEFAULT_FRAMEWORK",
    "FINDING_KINDS",
    "MEASURES",
    "SCALE_CHOICES",
    "Band",
    "Category",
    "CategoryGrading",
    "Framework",
    "Grading",
    "Indicator",
    "Informative",
    "NoticeGroup",
    "Rule",
    "RuleKind",
    "Scale",
    "Source",
    "Veto",
    "VetoEffect",
    "framework_file",
    "load_framework",
    "parse_framework",
    "shipped_framework_path",
    "shipped_frameworks",
]

DEFAULT_FRAMEWORK = "shanghai-2012"  # what a campaign is scored with unless told otherwise


def shipped_frameworks() -> list[str]:
    """Names of the frameworks that ship with ceping (e.g. "shanghai-2012")."""
    folder = resources.files("ceping.framework") / "frameworks"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def shipped_framework_path(name: str) -> Path:
    """The file of a shipped framework, by name."""
    path = Path(str(resources.files("ceping.framework") / "frameworks" / f"{name}.yaml"))
    if not path.is_file():
        raise FileNotFoundError(
            f"没有内置的指标体系 {name}（内置的有：{'、'.join(shipped_frameworks())}）"
        )
    return path


def framework_file(spec: str) -> Path:
    """A framework YAML file, or the file of a shipped framework named `spec`."""
    path = Path(spec)
    if path.is_file():
        return path
    if spec in shipped_frameworks():
        return shipped_framework_path(spec)
    raise CepingError(f"没有指标体系文件 {spec}（内置的有：{'、'.join(shipped_frameworks())}）")
