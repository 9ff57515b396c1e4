"""Unit reports written by forked workers are the reports written in turn, file for file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ceping.report.charts import UnitCharts, unit_areas
from ceping.report.layout import Fonts
from ceping.report.unit_batch import UnitJob, can_fork, write_unit_reports
from ceping.report.unit_report import Issuing
from ceping.scoring.results import CampaignResults


def _job(results: CampaignResults, previous: CampaignResults, out: Path) -> UnitJob:
    out.mkdir()
    issuing = Issuing("上海市人民政府办公厅", "2013年4月2日")
    return UnitJob(results, out, Fonts(), issuing, {}, {}, previous, {})


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.skipif(not can_fork(), reason="this process cannot fork workers safely")
def test_workers_write_the_same_reports(
    rebuilt: CampaignResults, rebuilt_2011: CampaignResults, tmp_path: Path
) -> None:
    alone = [p for batch in write_unit_reports(_job(rebuilt, rebuilt_2011, tmp_path / "a"), 1)
             for p in batch]  # fmt: skip
    told: list[int] = []
    pooled = [
        p
        for batch in write_unit_reports(
            _job(rebuilt, rebuilt_2011, tmp_path / "b"), 2, lambda: told.append(1)
        )
        for p in batch
    ]
    assert sorted(p.name for p in pooled) == [p.name for p in alone]
    assert len(alone) == len(rebuilt.units) == 86
    for path in alone:
        assert _parts(path) == _parts(tmp_path / "b" / path.name), path.name
    assert told  # the notice's PDF is looked after while the workers run


def test_a_chart_over_its_frame_is_the_chart_drawn_whole(rebuilt: CampaignResults) -> None:
    """Charts drawn over a shared background equal one drawn on its own, whoever came before."""
    shared = UnitCharts(rebuilt)
    units = rebuilt.in_category("区县")[:3]
    over = [shared.chart(u) for u in units]
    for unit, chart in zip(units, over, strict=True):
        alone = unit_areas(rebuilt, unit)
        assert chart.png == alone.png and chart.labels == alone.labels
    assert len({c.png for c in over}) == 3
