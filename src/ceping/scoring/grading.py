"""Ranks within a category and grades by the framework's thresholds and quotas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ceping.framework import CategoryGrading, Framework


@dataclass(frozen=True)
class Standing:
    """What ranking needs of a unit."""

    code: str
    total: float
    area_points: tuple[float, ...]  # the top areas' points in framework order, for ties
    is_complete: bool  # no leaf without input
    is_vetoed: bool


def rank_key(unit: Standing) -> tuple[object, ...]:
    """Complete units first; then total, then area A, B, … points (higher first); then code."""
    return (not unit.is_complete, -unit.total, tuple(-p for p in unit.area_points), unit.code)


def rank_and_grade(
    framework: Framework, category: str, units: Sequence[Standing]
) -> dict[str, tuple[int, str | None]]:
    """Rank (1-based) and grade of each unit of one category, by unit code.

    Grades are tried best first: a unit gets the first grade whose threshold its
    total reaches and whose quota better-ranked units have not used up. Units
    with missing inputs or hit by a single-veto item are ranked but not graded.
    """
    ordered = sorted(units, key=rank_key)
    grading = framework.grading.categories.get(category)
    used: dict[str, int] = {}
    result: dict[str, tuple[int, str | None]] = {}
    for rank, unit in enumerate(ordered, start=1):
        grade = None
        if grading is not None and unit.is_complete and not unit.is_vetoed:
            grade = _first_grade(framework.grading.grades, grading, unit.total, used)
        if grade is not None:
            used[grade] = used.get(grade, 0) + 1
        result[unit.code] = (rank, grade)
    return result


def _first_grade(
    grades: Sequence[str], grading: CategoryGrading, total: float, used: dict[str, int]
) -> str | None:
    for grade in grades:
        threshold = grading.thresholds.get(grade)
        if threshold is not None and total < threshold - 1e-9:
            continue
        quota = grading.quotas.get(grade)
        if quota is not None and used.get(grade, 0) >= quota:
            continue
        return grade
    return None
