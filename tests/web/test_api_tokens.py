"""API tokens carry scopes and an expiry: a token reads only the areas it was given, stops at its
date, and says why in Chinese when refused."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ceping.web.api import TokenAuth, api
from ceping.web.models import ApiToken, Campaign, TokenScope
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
