"""API tokens carry scopes and an expiry: a token reads only the areas it was given, stops at its
date, and says why in Chinese when refused."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ceping.campaign import experts as svc
from ceping.campaign import publication
from ceping.campaign.campaigns import framework_of
from ceping.campaign.scoring import score_and_store
from ceping.cli import main
from ceping.web.api import TokenAuth, api
from ceping.web.models import ApiToken, Campaign, Finding, TokenScope, Unit
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)


def _chinese(response: Any) -> str:
    detail = response.json()["detail"]
    assert isinstance(detail, str) and re.search(r"[\u4e00-\u9fff]", detail), detail
    return detail


def test_a_token_reads_only_its_scopes(campaign: Campaign, organizer: Any) -> None:
    _, raw = ApiToken.issue(organizer, "只读发现", scopes=[TokenScope.FINDINGS])
    client = _bearer(raw)
    assert client.get(f"/api/campaigns/{campaign.pk}/findings").status_code == 200
    for path in ("/api/units", f"/api/campaigns/{campaign.pk}/results"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "无权访问" in _chinese(response)


def test_an_expired_token_is_refused_with_its_date(campaign: Campaign, organizer: Any) -> None:
    token, raw = ApiToken.issue(organizer, "旧的")
    assert _bearer(raw).get("/api/units").status_code == 200
    token.expires = timezone.now() - timedelta(seconds=1)
    token.save()
    response = _bearer(raw).get("/api/units")
    assert response.status_code == 401
    assert "到期" in _chinese(response)


def test_a_new_token_lives_ninety_days_by_default(organizer: Any) -> None:
    token, _ = ApiToken.issue(organizer)
    left = token.expires - timezone.now()
    assert timedelta(days=89) < left <= timedelta(days=90)
    assert sorted(token.scopes) == sorted(TokenScope.values)


def test_a_missing_or_wrong_token_is_told_in_chinese(db: Any) -> None:
    for client in (Client(), _bearer("wrong")):
        response = client.get("/api/units")
        assert response.status_code == 401
        assert "令牌" in _chinese(response)


def test_every_endpoint_names_a_scope() -> None:
    """A new endpoint without a scope would be closed to every token: catch it here instead."""
    unscoped = []
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                auths = [a for a in operation.auth_callbacks if isinstance(a, TokenAuth)]
                if not auths or any(a.scope is None for a in auths):
                    unscoped.append(prefix + path)
    assert unscoped == []


def test_the_page_issues_a_token_with_the_chosen_scopes_and_days(unit_user: Any) -> None:
    page = client_for(unit_user).post(
        reverse("api-token"),
        {"action": "issue", "name": "统计", "scopes": ["units", "results"], "days": "30"},
    )
    assert "只显示这一次" in page.content.decode()
    token = ApiToken.objects.get(user=unit_user)
    assert sorted(token.scopes) == ["results", "units"]
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    assert "单位得分与等级" in client_for(unit_user).get(reverse("api-token")).content.decode()


@pytest.mark.parametrize(
    "form",
    [
        {"action": "issue", "name": "无范围", "days": "90"},
        {"action": "issue", "scopes": ["everything"], "days": "90"},
        {"action": "issue", "scopes": ["units"], "days": "100000"},
        {"action": "issue", "scopes": ["units"], "days": "abc"},
    ],
)
def test_the_page_refuses_a_token_without_scope_or_with_a_bad_lifetime(
    unit_user: Any, form: dict[str, Any]
) -> None:
    response = client_for(unit_user).post(reverse("api-token"), form)
    assert response.status_code == 200
    assert "只显示这一次" not in response.content.decode()
    assert re.search(r"请(至少选择|选择)", response.content.decode())
    assert not ApiToken.objects.filter(user=unit_user).exists()


def _scopes_that_answer(user: Any, campaign: Campaign) -> set[str]:
    """The scopes under which some endpoint gives `user` data (not a refusal, not an empty list)."""
    client = _bearer(ApiToken.issue(user, "全部")[1])
    answered = set()
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            url = "/api" + (prefix + path).replace("{pk}", str(campaign.pk))
            for operation in operations.operations:
                scope = next(a.scope for a in operation.auth_callbacks if isinstance(a, TokenAuth))
                response = client.get(url)
                if response.status_code == 200 and response.json() not in ([], {}):
                    answered.add(str(scope))
    return answered


def _offered(user: Any) -> set[str]:
    page = client_for(user).get(reverse("api-token")).content.decode()
    return set(re.findall(r'name="scopes" value="(\w+)"', page))


def test_each_role_is_offered_the_scopes_the_api_answers_it(
    campaign: Campaign,
    organizer: Any,
    unit_user: Any,
    experts: list[Any],
    units: list[Unit],
    findings: dict[str, list[Finding]],
) -> None:
    # Every scope offered to every role: an expert could choose 单位得分与等级 and 公众测评统计,
    # a unit 专家评分, and the API refused every one of them.
    expert = experts[1]
    assignment = svc.assign(campaign, expert, units[1])
    given = {
        i.code: svc.ScoreInput(points="1", choice=i.choices[0] if i.scale else "")
        for i in svc.expert_items(framework_of(campaign))
    }
    assert svc.save_scores(assignment, given, expert, submit=True) == {}
    score_and_store(campaign)
    publication.publish(campaign)
    for user in (organizer, unit_user, expert):
        assert _offered(user) == _scopes_that_answer(user, campaign), user.username
    assert _offered(expert) == {"units", "findings", "experts"}
    assert _offered(unit_user) == {"units", "findings", "results"}
    assert _offered(organizer) == set(TokenScope.values)


def test_an_account_without_a_role_has_no_token_page(campaign: Campaign, organizer: Any) -> None:
    nobody = get_user_model().objects.create_user("nobody", password="x")  # no role given yet
    assert client_for(nobody).get(reverse("api-token")).status_code == 403
    for user, shown in ((nobody, False), (organizer, True)):
        page = client_for(user).get(reverse("password_change")).content.decode()
        assert ('href="/accounts/api-token/"' in page) is shown, user.username


def test_a_scope_outside_the_role_is_refused_by_page_and_command(
    campaign: Campaign, unit_user: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client_for(unit_user).post(
        reverse("api-token"), {"action": "issue", "scopes": ["survey"], "days": "90"}
    )
    assert "只显示这一次" not in response.content.decode()
    assert "请选择列出的可访问范围" in response.content.decode()
    assert main(["token", "issue", "u-qx01", "--scope", "survey"]) == 2
    assert "不能读取：公众测评统计" in capsys.readouterr().err
    assert not ApiToken.objects.filter(user=unit_user).exists()
