"""summary.json: every statistic of the notice by name, the graded units, the figures as printed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ceping.errors import CANNOT_WRITE, ReportError
from ceping.scoring.results import CampaignResults, Statistic


def statistic_name(stat: Statistic) -> str:
    """good_rate.A1.区县, adoption_rate, unit_count.管委会: key, then area, then category."""
    return ".".join(part for part in (stat.key, stat.area, stat.category) if part)


def build_summary(results: CampaignResults, figures: Mapping[str, str]) -> dict[str, Any]:
    statistics = {
        statistic_name(s): {
            "key": s.key,
            "value": s.value,
            "unit": s.unit,
            "category": s.category,
            "area": s.area,
            "previous": s.previous,
            "change": None if s.change is None else round(s.change, 6),
            "label": s.label,
        }
        for s in results.statistics
    }
    graded = {
        grade: {
            c: [u.short_name for u in results.graded(grade, c)]
            for c in results.framework.category_names
        }
        for grade in results.framework.grading.grades
    }
    return {
        "campaign": results.campaign,
        "year": results.year,
        "is_sample_data": results.is_sample_data,
        "unit_count": len(results.units),
        "statistics": statistics,
        "graded": graded,
        "notice_figures": dict(
            figures
        ),  # each placeholder of the notice and the text printed for it
    }


def write_summary(results: CampaignResults, figures: Mapping[str, str], path: Path) -> Path:
    text = json.dumps(
        build_summary(results, figures), ensure_ascii=False, indent=2, sort_keys=False
    )
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{path}：{CANNOT_WRITE}") from exc
    return path
