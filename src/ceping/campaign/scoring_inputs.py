"""Read a stored campaign's raw inputs as ceping.scoring takes them.

A national campaign has ~10⁶ survey answers and expert ratings: the big tables
are read with raw cursors (no per-row converters) and without joins, their
foreign keys mapped to codes through small dictionaries.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings

from ceping.campaign.bulk import raw_rows
from ceping.campaign.campaigns import framework_of
from ceping.campaign.monitor_figures import merge_monitoring
from ceping.campaign.verdicts import organizer_vetoes, stored_verdicts
from ceping.scoring import (
    CampaignInputs,
    ExpertRating,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
)
from ceping.web.models import (
    Campaign,
    ExpertAssignment,
    ExpertScore,
    Finding,
    FindingStatus,
    PortalStat,
    ScanRun,
    SelfAssessment,
    SurveyResponse,
    Unit,
)

# Findings that no longer count: dismissed as false, or closed by a passed re-check.
NOT_COUNTED = (FindingStatus.DISMISSED, FindingStatus.CLOSED)


def campaign_inputs(campaign: Campaign) -> tuple[list[UnitInput], CampaignInputs]:
    """Every raw input of the campaign, as ceping.scoring reads them."""
    units = [
        UnitInput(code, name, short, category)
        for code, name, short, category in campaign.units.order_by("code").values_list(
            "code", "name", "short_name", "category"
        )
    ]
    codes = unit_codes()
    framework = framework_of(campaign)
    # Verdicts on organizer vetoes share the self-inspection table (campaign/verdicts.py).
    veto_codes = [v.code for v in organizer_vetoes(framework)]
    return units, CampaignInputs(
        campaign=campaign.name,
        year=campaign.year,
        scans=unit_scans(campaign),
        expert=_expert_ratings(campaign),
        public=public_answers(campaign, codes),
        portal=[
            PortalRow(codes[unit], submitted, adopted, received, handled, cases)
            for unit, submitted, adopted, received, handled, cases in PortalStat.objects.filter(
                campaign=campaign
            ).values_list(
                "unit_id",
                "submitted",
                "adopted",
                "corrections_received",
                "corrections_handled",
                "mailbox_cases",
            )
        ],
        self_points=[
            SelfPoints(codes[unit], indicator, points, material)
            for unit, indicator, points, material in SelfAssessment.objects.filter(
                campaign=campaign, verified_points__isnull=False
            )
            .exclude(indicator__in=veto_codes)
            .values_list("unit_id", "indicator", "verified_points", "material")
        ],
        verdicts=stored_verdicts(campaign, framework),
        is_sample_data=campaign.is_sample_data,
        public_per_network=settings.SURVEY_STATS_PER_NETWORK,
    )


def unit_codes() -> dict[int, str]:
    """Every unit's code by id, not only the campaign's: an input about another unit must reach the
    core's checks."""
    return dict(Unit.objects.values_list("id", "code"))


def unit_scans(campaign: Campaign) -> dict[str, dict[str, Any]]:
    """Each unit's primary site: the stored summary plus the findings that still count."""
    runs = ScanRun.objects.filter(campaign=campaign, site__is_primary=True, finished__isnull=False)
    by_run: dict[int, tuple[str, dict[str, Any]]] = {}
    for run_id, code, summary in raw_rows(runs.values_list("id", "site__unit__code", "summary")):
        by_run[run_id] = (code, {**orjson.loads(summary), "findings": []})
    findings = Finding.objects.filter(scan_run__campaign=campaign).exclude(status__in=NOT_COUNTED)
    for run_id, data in raw_rows(findings.order_by("id").values_list("scan_run_id", "data")):
        if run_id in by_run:
            by_run[run_id][1]["findings"].append(orjson.loads(data))
    scans = dict(by_run.values())
    merge_monitoring(campaign, scans)  # availability over the window, and its veto
    return scans


def _expert_ratings(campaign: Campaign) -> list[ExpertRating]:
    """Submitted assignments only: a draft is the expert's, not yet the campaign's."""
    assignments = ExpertAssignment.objects.filter(campaign=campaign, submitted__isnull=False)
    unit_of, expert_of = {}, {}
    for pk, code, expert in assignments.values_list("id", "unit__code", "expert__username"):
        unit_of[pk], expert_of[pk] = code, expert
    scores = ExpertScore.objects.filter(assignment__in=assignments).order_by("id")
    return [
        ExpertRating(unit_of[a], indicator, expert_of[a], points, choice or None, comment)
        for a, indicator, points, choice, comment in raw_rows(
            scores.values_list("assignment_id", "indicator", "points", "choice", "comment")
        )
    ]


def public_answers(campaign: Campaign, codes: dict[int, str]) -> list[PublicAnswer]:
    """Every stored answer, responses in the order they were submitted (the per-network cap keeps
    the earliest)."""
    rows = SurveyResponse.objects.filter(campaign=campaign).order_by("created", "id")
    answers: list[PublicAnswer] = []
    for respondent, unit, network, text in raw_rows(
        rows.values_list("respondent", "unit_id", "network", "answers")
    ):
        code = codes[unit]
        answers.extend(
            PublicAnswer(respondent, code, item, choice, network)
            for item, choice in orjson.loads(text).items()
            if choice
        )
    return answers
