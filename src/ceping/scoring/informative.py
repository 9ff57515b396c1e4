"""The findings a framework lists as informative (不计分，供参考): matched like a rule's, worth
no points, shown in the unit's report beside what it lost points for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ceping.framework import Framework, Informative
from ceping.scoring.results import Json
from ceping.scoring.rules import matches


@dataclass(frozen=True)
class InformativeFindings:
    item: Informative
    findings: tuple[Json, ...]


def informative_findings(
    framework: Framework, findings: Sequence[Json]
) -> tuple[InformativeFindings, ...]:
    """Each informative item of the framework with the unit's findings it matches."""
    found = []
    for item in framework.informative:
        hits = tuple(f for f in findings if matches(f, item.findings, item.where))
        found.append(InformativeFindings(item, hits))
    return tuple(found)


def informs_text(framework: Framework, item: Informative) -> str:
    """What the item informs, as a reader names it: "D1 功能设计（…）", "" for nothing."""
    if not item.informs:
        return ""
    for veto in framework.vetoes:
        if veto.code == item.informs:
            return f"单项否决项{veto.code}（{veto.name}）"
    return f"指标{item.informs} {framework.indicator(item.informs).name}"
