"""A NUL character in an address, a query or a form field is a 400 in Chinese: PostgreSQL refuses
NUL in text (a 500 before), SQLite stored it silently."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ceping.web.models import ApiToken, Campaign
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_dashboard_filter_is_refused(campaign: Campaign, organizer: Any) -> None:
    client = client_for(organizer)
    client.raise_request_exception = False
    for path, query in (
        (f"/dashboard/campaigns/{campaign.pk}/findings/", {"unit": "\x00"}),
        (f"/dashboard/campaigns/{campaign.pk}/findings.xlsx", {"kind": "a\x00b"}),
        (f"/dashboard/campaigns/{campaign.pk}/units/%00/", {}),
    ):
        response = client.get(path, query)
        assert response.status_code == 400, path
        assert "空字符" in response.content.decode()


def test_a_nul_in_an_api_filter_is_refused_as_json(campaign: Campaign, organizer: Any) -> None:
    _, raw = ApiToken.issue(organizer)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)
    response = client.get(f"/api/campaigns/{campaign.pk}/findings", {"unit": "\x00"})
    assert response.status_code == 400
    assert "空字符" in response.json()["detail"]


def test_a_nul_in_a_form_field_is_refused(unit_user: Any) -> None:
    response = client_for(unit_user).post(
        "/accounts/api-token/", {"name": "a\x00", "scopes": ["units"], "days": "90"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
