"""What a signed-in person sees is not cached; scanned URLs become links only when http(s)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ceping.web.models import ApiToken, Campaign, Finding
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/unit/", "/accounts/api-token/"])
def test_a_signed_in_page_is_not_stored(unit_user: Any, campaign: Campaign, path: str) -> None:
    response = client_for(unit_user).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_api_answer_is_not_stored(organizer: Any) -> None:
    _, raw = ApiToken.issue(organizer, "测试")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/units")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_public_page_is_left_alone(campaign: Campaign) -> None:
    response = Client().get(f"/survey/{campaign.pk}/thanks/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_scanned_javascript_url_is_no_link_on_the_unit_page(
    unit_user: Any, findings: dict[str, list[Finding]]
) -> None:
    finding = findings["QX01"][0]
    finding.page = "javascript:alert(1)"
    finding.save()
    page = client_for(unit_user).get("/unit/").content.decode()
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="javascript:' not in page
