"""Scoring: sources to indicator scores, totals, grades and statistics."""

from __future__ import annotations

from ceping.scoring.aggregate import Tally, robust_aggregate, tally, trim_count
from ceping.scoring.campaign import score_campaign
from ceping.scoring.inputs import (
    CampaignInputs,
    ExpertRating,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
)
from ceping.scoring.results import (
    CampaignResults,
    Deduction,
    IndicatorScore,
    Statistic,
    UnitResult,
)

__all__ = [
    "CampaignInputs",
    "CampaignResults",
    "Deduction",
    "ExpertRating",
    "IndicatorScore",
    "PortalRow",
    "PublicAnswer",
    "SelfPoints",
    "Statistic",
    "Tally",
    "UnitInput",
    "UnitResult",
    "robust_aggregate",
    "score_campaign",
    "tally",
    "trim_count",
]
