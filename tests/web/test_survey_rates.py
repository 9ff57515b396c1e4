"""One figure under one label: the survey page, the API and the scored statistics agree, capped
alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ceping.campaign import experts as expert_work
from ceping.campaign import survey
from ceping.campaign.campaigns import framework_of
from ceping.campaign.scoring_inputs import campaign_inputs
from ceping.scoring import PUBLIC_RATES, CampaignResults, score_campaign
from ceping.scoring.rates import CONVENIENT, PUBLIC_CONVENIENT, PUBLIC_CONVENIENT_OR_BASIC
from ceping.web.models import Campaign, ExpertScore, SurveyResponse, Unit
from tests.web.conftest import client_for
from tests.web.test_api import api

pytestmark = pytest.mark.django_db
CAP = 2


def respond(
    campaign: Campaign,
    unit: Unit,
    respondent: str,
    address: str,
    convenience: str,
    satisfaction: str,
    at_minute: int,
) -> None:
    """A stored response from the address's network, submitted at_minute after the campaign's
    start."""
    items = survey.survey_items(framework_of(campaign))
    answers = {i.code: convenience if i.scale == "convenience" else satisfaction for i in items}
    made = SurveyResponse.objects.create(
        campaign=campaign,
        unit=unit,
        respondent=respondent,
        answers=answers,
        network=survey.network(address) if address else "",
    )
    start = timezone.now().replace(microsecond=0) - timedelta(days=1)
    SurveyResponse.objects.filter(pk=made.pk).update(created=start + timedelta(minutes=at_minute))


@pytest.fixture
def responses(campaign: Campaign, units: list[Unit], settings: Any) -> None:
    settings.SURVEY_STATS_PER_NETWORK = CAP
    huangpu, xuhui, finance = units[0], units[1], units[2]
    respond(campaign, huangpu, "h1", "203.0.113.5", "方便", "不满意", 1)
    respond(campaign, xuhui, "x1", "192.0.2.10", "方便", "满意", 2)
    respond(campaign, xuhui, "x2", "100.64.0.1", "方便", "满意", 3)
    respond(
        campaign, xuhui, "x3", "", "基本方便", "基本满意", 4
    )  # no network (imported): never capped
    # A burst from one /24 about 徐汇区, stored in this order but submitted in the reverse one:
    # the two submitted first (基本方便) count, the three after them (不方便) are capped.
    for n, minute in enumerate((30, 29, 28, 11, 10)):
        choice = ("基本方便", "基本满意") if minute < 20 else ("不方便", "不满意")
        respond(campaign, xuhui, f"farm{n}", f"198.51.100.{n + 1}", *choice, minute)
    respond(campaign, finance, "f1", "203.0.113.9", "基本方便", "满意", 5)


def scored(campaign: Campaign) -> CampaignResults:
    units, inputs = campaign_inputs(campaign)
    return score_campaign(framework_of(campaign), units, inputs)


def test_page_api_and_statistics_give_the_same_public_rates(
    campaign: Campaign, organizer: Any, responses: None
) -> None:
    page_stats = survey.statistics(campaign)
    api_stats = api(organizer).get(f"/api/campaigns/{campaign.pk}/survey-stats").json()
    results = scored(campaign)
    pages = {g.label: g for g in (*page_stats.categories, page_stats.overall)}
    apis = {g["label"]: g for g in (*api_stats["categories"], api_stats["overall"])}
    scopes = {"区县": "区县", "市政府部门": "市政府部门", "全部网站": None}
    for label, scope in scopes.items():
        for definition in PUBLIC_RATES:
            figure = results.statistic(definition.key, scope, None)
            assert figure.label == definition.label == api_stats["labels"][definition.key]
            assert pages[label].rate(definition) == apis[label][definition.key] == figure.value, (
                label,
                definition,
            )
    # By hand, 区县 convenience answers counted per item: 黄浦区 方便; 徐汇区 方便 ×2, 基本方便 ×3
    # (x3 and the burst's first two); the burst's last three 不方便 are capped.
    assert pages["区县"].rate(PUBLIC_CONVENIENT) == pytest.approx(100 * 3 / 6)
    assert pages["区县"].rate(PUBLIC_CONVENIENT_OR_BASIC) == 100.0
    xuhui = {g.label: g for g in page_stats.sites}["徐汇区"]
    assert (xuhui.responses, xuhui.capped) == (8, 3)
    assert {g["label"]: g for g in api_stats["sites"]}["徐汇区"]["capped"] == 3


def test_capped_responses_count_in_no_score_or_figure(
    campaign: Campaign, units: list[Unit], responses: None
) -> None:
    results = scored(campaign)
    assert results.statistic("public_count").value == 10 - 3
    c1 = next(u for u in results.units if u.code == units[1].code).score("C1").inputs["public"]
    assert (c1["方便"], c1["基本方便"], c1["不方便"]) == (2, 3, 0)


def test_experts_and_public_pooled_is_another_figure_under_another_label(
    campaign: Campaign, units: list[Unit], experts: list[Any], organizer: Any, responses: None
) -> None:
    assignment = expert_work.assign(campaign, experts[1], units[1])
    ExpertScore.objects.create(assignment=assignment, indicator="C1", choice="不方便", points=0)
    assignment.submitted = timezone.now()
    assignment.save()
    results = scored(campaign)
    pooled = results.statistic(CONVENIENT.key, "区县", "C")
    public = results.statistic(PUBLIC_CONVENIENT.key, "区县", "C")
    assert pooled.value == pytest.approx(
        100 * 12 / 25
    )  # 4 items × 6 counted responses, and the expert's 不方便
    assert public.value == pytest.approx(100 * 3 / 6)
    assert (pooled.label, public.label) == ("专家和公众认为方便的比例", "公众认为方便的比例")
    page = (
        client_for(organizer).get(reverse("organizer-survey", args=[campaign.pk])).content.decode()
    )
    assert "公众认为方便的比例" in page and "50.0%" in page
