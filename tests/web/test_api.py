"""The JSON API: token authentication, role-scoped reads, and its OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ceping.campaign import experts as svc
from ceping.campaign import publication
from ceping.campaign.experts import ScoreInput
from ceping.campaign.roles import create_user
from ceping.web.models import ApiToken, Campaign, Role, SurveyResponse, Unit, UnitResultRecord

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    _, raw = ApiToken.issue(user, "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_without_a_valid_token_nothing_is_served(campaign: Campaign, organizer: Any) -> None:
    assert Client().get("/api/units").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer wrong").get("/api/units").status_code == 401
    token, raw = ApiToken.issue(organizer)
    assert raw not in token.digest  # only the hash is stored
    organizer.is_active = False
    organizer.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/units").status_code == 401


def test_units_per_role(
    campaign: Campaign, organizer: Any, unit_user: Any, experts: list[Any], units: list[Unit]
) -> None:
    svc.assign(campaign, experts[1], units[2])
    assert [u["code"] for u in api(organizer).get("/api/units").json()] == [
        "BM01",
        "BM02",
        "QX01",
        "QX02",
    ]
    assert api(unit_user).get("/api/units").json() == [
        {
            "code": "QX01",
            "name": "上海市黄浦区",
            "short_name": "黄浦区",
            "category": "区县",
            "sites": ["https://qx01.example.gov.cn/"],
        }
    ]
    assert [u["code"] for u in api(experts[1]).get("/api/units").json()] == ["BM01"]


def test_findings_per_role(
    campaign: Campaign,
    organizer: Any,
    unit_user: Any,
    other_unit_user: Any,
    findings: dict[str, Any],
) -> None:
    url = f"/api/campaigns/{campaign.pk}/findings"
    assert len(api(organizer).get(url).json()) == 3
    mine = api(unit_user).get(url).json()
    assert {f["unit"] for f in mine} == {"QX01"} and len(mine) == 2
    # A unit asking for another unit's findings gets none of them.
    assert api(unit_user).get(url, {"unit": "QX02"}).json() == []
    assert [(f["kind"], f["label"]) for f in api(organizer).get(url, {"kind": "typo"}).json()] == [
        ("typo", "错别字")
    ]


def test_campaigns_outside_ones_reach_are_not_found(campaign: Campaign, experts: list[Any]) -> None:
    assert api(experts[1]).get("/api/campaigns").json() == []
    assert api(experts[1]).get(f"/api/campaigns/{campaign.pk}/findings").status_code == 404


def test_results_per_role(
    campaign: Campaign, organizer: Any, unit_user: Any, experts: list[Any], units: list[Unit]
) -> None:
    for unit, total in ((units[0], 91.5), (units[1], 80.0)):
        UnitResultRecord.objects.create(
            campaign=campaign, unit=unit, total=total, max=100, grade="优秀", rank=1
        )
    assert len(api(organizer).get(f"/api/campaigns/{campaign.pk}/results").json()) == 2
    # The unit's page waits for the publication; the API gave the score before it.
    assert api(unit_user).get(f"/api/campaigns/{campaign.pk}/results").json() == []
    publication.publish(campaign)
    assert [
        r["unit"] for r in api(unit_user).get(f"/api/campaigns/{campaign.pk}/results").json()
    ] == ["QX01"]
    svc.assign(campaign, experts[1], units[2])
    assert api(experts[1]).get(f"/api/campaigns/{campaign.pk}/results").status_code == 403


def test_expert_scores_are_the_experts_own(
    campaign: Campaign, organizer: Any, experts: list[Any], units: list[Unit]
) -> None:
    a = svc.assign(campaign, experts[1], units[2])
    b = svc.assign(campaign, experts[2], units[3])
    svc.save_scores(a, {"A1.1": ScoreInput(points="4")}, experts[1])
    svc.save_scores(b, {"A1.1": ScoreInput(points="2")}, experts[2])
    own = api(experts[1]).get(f"/api/campaigns/{campaign.pk}/expert-scores").json()
    assert [(s["unit"], s["points"]) for s in own] == [("BM01", 4.0)]
    assert len(api(organizer).get(f"/api/campaigns/{campaign.pk}/expert-scores").json()) == 2
    assert api(experts[1]).get(f"/api/campaigns/{campaign.pk}/expert-aggregates").status_code == 403
    assert (
        api(organizer).get(f"/api/campaigns/{campaign.pk}/expert-aggregates").json() == []
    )  # none submitted


def test_survey_statistics_for_the_organizer_only(
    campaign: Campaign, organizer: Any, unit_user: Any, units: list[Unit]
) -> None:
    SurveyResponse.objects.create(
        campaign=campaign, unit=units[0], respondent="r", answers={"C1": "方便", "D1": "不满意"}
    )
    stats = api(organizer).get(f"/api/campaigns/{campaign.pk}/survey-stats").json()
    assert stats["overall"] == {
        "label": "全部网站",
        "responses": 1,
        "capped": 0,
        "public_convenient_rate": 100.0,
        "public_convenient_or_basic_rate": 100.0,
        "public_basic_satisfaction_rate": 0.0,
    }
    assert stats["labels"] == {
        "public_convenient_rate": "公众认为方便的比例",
        "public_convenient_or_basic_rate": "公众认为方便或基本方便的比例",
        "public_basic_satisfaction_rate": "公众基本满意率",
    }
    assert stats["per_network"] == 20
    assert api(unit_user).get(f"/api/campaigns/{campaign.pk}/survey-stats").status_code == 403


def test_openapi_schema_lists_the_endpoints_and_bearer_auth(db: Any) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert {
        "/api/units",
        "/api/campaigns",
        "/api/campaigns/{pk}/findings",
        "/api/campaigns/{pk}/results",
        "/api/campaigns/{pk}/survey-stats",
    } <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_a_user_issues_and_revokes_a_token_on_the_web(campaign: Campaign, unit_user: Any) -> None:
    from django.urls import reverse

    from tests.web.conftest import client_for

    page = (
        client_for(unit_user)
        .post(
            reverse("api-token"),
            {"action": "issue", "name": "统计", "scopes": ["units"], "days": "90"},
        )
        .content.decode()
    )
    import re

    match = re.search(r"<code>([A-Za-z0-9_-]{40,})</code>", page)
    assert match is not None
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {match.group(1)}").get("/api/units").status_code == 200
    )
    token = ApiToken.objects.get(user=unit_user)
    client_for(unit_user).post(reverse("api-token"), {"action": "revoke", "token": token.pk})
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {match.group(1)}").get("/api/units").status_code == 401
    )


def test_a_new_password_ends_the_accounts_tokens(campaign: Campaign, unit_user: Any) -> None:
    keeper = create_user("token-keeper", "Another-password-1", Role.EXPERT)
    client, other = api(unit_user), api(keeper)
    assert client.get("/api/units").status_code == 200
    unit_user.first_name = "改了姓名"
    unit_user.save()  # saving anything else keeps the token
    assert client.get("/api/units").status_code == 200
    unit_user.set_password("a-new-Password-2026")
    unit_user.save()
    assert client.get("/api/units").status_code == 401
    assert not ApiToken.objects.filter(user=unit_user).exists()
    assert other.get("/api/units").status_code == 200  # someone else's token is untouched
