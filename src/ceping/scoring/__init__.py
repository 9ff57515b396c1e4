"""Scoring: sources to indicator scores, totals, grades and statistics."""

from __future__ import annotations

from ceping.scoring.aggregate import robust_aggregate, trim_count
from ceping.scoring.campaign import score_campaign
from ceping.scoring.inputs import (
    CampaignInputs,
    ExpertRating,
    OrganizerVerdict,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
)
from ceping.scoring.network_cap import capped_responses
from ceping.scoring.rates import PUBLIC_RATES, RATES, RateDefinition, Tally, tally
from ceping.scoring.results import (
    CampaignResults,
    Deduction,
    IndicatorScore,
    Statistic,
    UnitResult,
)

__all__ = [
    "PUBLIC_RATES",
    "RATES",
    "CampaignInputs",
    "CampaignResults",
    "Deduction",
    "ExpertRating",
    "IndicatorScore",
    "OrganizerVerdict",
    "PortalRow",
    "PublicAnswer",
    "RateDefinition",
    "SelfPoints",
    "Statistic",
    "Tally",
    "UnitInput",
    "UnitResult",
    "capped_responses",
    "robust_aggregate",
    "score_campaign",
    "tally",
    "trim_count",
]
