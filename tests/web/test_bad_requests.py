"""Requests no form of ours sends: each is refused with a 4xx page in Chinese, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ceping.web.models import ApiToken, Campaign
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def _chinese_4xx(response: Any) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    if response["Content-Type"].startswith("text/html"):
        assert "页面不存在" in response.content.decode() or "请求有误" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [f"/survey/{HUGE}/", f"/survey/{HUGE}/thanks/", f"/files/self-check/{HUGE}/"],
)
def test_a_huge_id_in_a_public_address_is_not_found(path: str) -> None:
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_huge_id_in_an_organizer_address_is_not_found(organizer: Any) -> None:
    client = client_for(organizer)
    client.raise_request_exception = False
    for path in (f"/organizer/campaigns/{HUGE}/assignments/", f"/dashboard/campaigns/{HUGE}/"):
        assert client.get(path).status_code == 404, path


def test_a_missing_page_shows_a_signed_in_user_the_way_back(organizer: Any) -> None:
    client = client_for(organizer)
    client.raise_request_exception = False
    page = client.get("/dashboard/campaigns/12345/")
    assert page.status_code == 404
    assert '<a href="/">返回我的工作台</a>' in page.content.decode()
    # The public (a survey link mistyped) is not sent to a login page it has no use for.
    anonymous = Client(raise_request_exception=False).get("/survey/12345/")
    assert anonymous.status_code == 404 and "返回我的工作台" not in anonymous.content.decode()


def _api(user: Any) -> Client:
    _, raw = ApiToken.issue(user, "测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)


@pytest.mark.parametrize(
    "query",
    ["offset=-1", "limit=-5", "limit=0", f"offset={HUGE}", f"limit={HUGE}", "offset=abc"],
)
def test_api_paging_out_of_range_is_a_client_error(
    campaign: Campaign, organizer: Any, query: str
) -> None:
    response = _api(organizer).get(f"/api/campaigns/{campaign.pk}/findings?{query}")
    assert response.status_code == 422, response.content


def test_api_huge_campaign_id_is_not_found(campaign: Campaign, organizer: Any) -> None:
    for path in (f"/api/campaigns/{HUGE}/findings", f"/api/campaigns/{HUGE}/results"):
        assert _api(organizer).get(path).status_code in (404, 422), path


@pytest.mark.parametrize("token", ["abc", HUGE, "-1", ""])
def test_revoking_a_token_that_is_no_number_changes_nothing(unit_user: Any, token: str) -> None:
    ApiToken.issue(unit_user, "留着")
    client = client_for(unit_user)
    client.raise_request_exception = False
    response = client.post("/accounts/api-token/", {"action": "revoke", "token": token})
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()
    assert ApiToken.objects.filter(user=unit_user).count() == 1


@pytest.mark.parametrize(
    "form",
    [
        {"action": "add", "expert": "abc", "unit": "1"},
        {"action": "add", "expert": "1", "unit": "x"},
        {"action": "add", "expert": HUGE, "unit": HUGE},
        {"action": "remove", "assignment": "abc"},
        {"action": "reopen", "assignment": HUGE},
        {"action": "remove"},
    ],
)
def test_assignment_posts_with_ids_that_are_no_numbers(
    campaign: Campaign, organizer: Any, form: dict[str, str]
) -> None:
    client = client_for(organizer)
    client.raise_request_exception = False
    response = client.post(f"/organizer/campaigns/{campaign.pk}/assignments/", form)
    _chinese_4xx(response)


@pytest.mark.parametrize("assessment", ["abc", HUGE, "", "1.5"])
def test_self_check_review_with_an_id_that_is_no_number(
    campaign: Campaign, organizer: Any, assessment: str
) -> None:
    client = client_for(organizer)
    client.raise_request_exception = False
    response = client.post(
        f"/organizer/campaigns/{campaign.pk}/self-check/",
        {"assessment": assessment, "points": "1"},
    )
    _chinese_4xx(response)


def test_a_recheck_request_with_a_huge_finding_id_asks_nothing(
    campaign: Campaign, unit_user: Any
) -> None:
    client = client_for(unit_user)
    client.raise_request_exception = False
    response = client.post("/unit/", {"finding": [HUGE, "99999999999999999999999999"]})
    # No id read: refused as nothing ticked, on the page itself (it keeps what was written).
    assert response.status_code == 400 and "请先勾选已整改的问题" in response.content.decode()
