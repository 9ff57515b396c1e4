"""Scoring a stored campaign: rebuilt inputs in the database give the same results as in memory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from ceping.campaign.campaigns import create_campaign
from ceping.campaign.inputs import store_inputs
from ceping.campaign.scoring import score_and_store, stored_results
from ceping.campaign.units import import_units
from ceping.demo import units_path
from ceping.demo.rebuild import rebuilt_results
from ceping.demo.rebuild.files import read_units, read_year
from ceping.framework import load_framework, shipped_framework_path
from ceping.web.models import Campaign, CampaignStatus, IndicatorResult, StatisticRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def expected() -> Any:
    return rebuilt_results(2012)


def stored_campaigns() -> Campaign:
    framework = shipped_framework_path("shanghai-2012")
    import_units(units_path(), load_framework(framework))
    units, _ = read_units()
    before, _, _ = create_campaign("2011年度（重建）", 2011, framework, is_sample_data=True)
    store_inputs(before, read_year(2011, units))
    score_and_store(before)
    campaign, _, _ = create_campaign(
        "2012年度（重建）", 2012, framework, previous=before, is_sample_data=True
    )
    store_inputs(campaign, read_year(2012, units))
    return campaign


def test_stored_inputs_score_like_the_files(expected: Any) -> None:
    campaign = stored_campaigns()
    results, timings = score_and_store(campaign)
    assert timings.read_s >= 0 and timings.score_s >= 0
    assert {u.code: (u.total, u.grade, u.rank) for u in results.units} == {
        u.code: (u.total, u.grade, u.rank) for u in expected.units
    }
    assert {
        (s.key, s.category, s.area): (round(s.value, 9), s.previous and round(s.previous, 9))
        for s in results.statistics
    } == {
        (s.key, s.category, s.area): (round(s.value, 9), s.previous and round(s.previous, 9))
        for s in expected.statistics
    }
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCORED
    assert IndicatorResult.objects.filter(unit_result__campaign=campaign).count() == 86 * 40
    reread = stored_results(campaign)
    assert reread.is_sample_data
    assert [u.short_name for u in reread.graded("优秀", "区县")] == [
        u.short_name for u in expected.graded("优秀", "区县")
    ]
    assert round(reread.statistic("good_rate", "区县网站", "A1").value, 1) == 91.9
    a28 = next(u for u in reread.units if u.code == "QX01").score("A2.8")
    assert a28.inputs["machine"]["home_ms"] > 0
    assert _leaf_scores(reread) == _leaf_scores(results)
    # Scoring again replaces, it does not add.
    score_and_store(campaign)
    assert StatisticRecord.objects.filter(campaign=campaign).count() == len(expected.statistics)


def _leaf_scores(results: Any) -> dict[tuple[str, str], Any]:
    """Every leaf score with its inputs and deductions, as JSON data (stored rows read back as
    lists)."""
    return {
        (s.unit, s.code): (
            s.points,
            s.max,
            s.rule,
            _plain(s.inputs),
            s.missing,
            [(d.points, d.reason, _plain(d.finding)) for d in s.deductions],
        )
        for u in results.units
        for s in u.scores
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
