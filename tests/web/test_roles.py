"""Roles and permissions: who sees what, denials, and the login throttle."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ceping.campaign import roles
from ceping.campaign.experts import assign
from ceping.web.models import Campaign, ExpertAssignment, Unit
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def test_roles_are_read_from_the_profile_and_superusers_organize(
    organizer: Any, experts: list[Any], unit_user: Any, django_user_model: Any
) -> None:
    boss = django_user_model.objects.create_superuser("root", "r@example.org", PASSWORD)
    nobody = django_user_model.objects.create_user("nobody", password=PASSWORD)
    assert [roles.role_of(u) for u in (organizer, experts[0], unit_user, boss, nobody)] == [
        "organizer",
        "expert",
        "unit",
        "organizer",
        None,
    ]


def test_a_unit_user_needs_a_unit(db: Any) -> None:
    with pytest.raises(ValueError, match="needs a unit"):
        roles.create_user("u", PASSWORD, "unit")


def test_home_sends_each_role_to_its_workspace(
    organizer: Any, experts: list[Any], unit_user: Any
) -> None:
    for user, target in (
        (organizer, "organizer-home"),
        (experts[0], "expert-home"),
        (unit_user, "unit-home"),
    ):
        assert client_for(user).get("/").url == reverse(target)
    assert Client().get("/").url == reverse("login")


def test_anonymous_is_sent_to_login_and_wrong_roles_are_denied(
    organizer: Any, experts: list[Any], unit_user: Any, campaign: Campaign
) -> None:
    page = reverse("organizer-assignments", args=[campaign.pk])
    assert Client().get(page).url.startswith(reverse("login"))
    assert client_for(experts[0]).get(page).status_code == 403
    assert client_for(unit_user).get(page).status_code == 403
    assert client_for(unit_user).get(reverse("expert-home")).status_code == 403
    assert client_for(experts[0]).get(reverse("unit-home")).status_code == 403
    assert client_for(organizer).get(page).status_code == 200


def test_an_expert_cannot_open_another_experts_site(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    mine = assign(campaign, experts[1], units[1])
    theirs = assign(campaign, experts[2], units[2])
    client = client_for(experts[1])
    assert client.get(reverse("expert-assignment", args=[mine.pk])).status_code == 200
    denied = client.get(reverse("expert-assignment", args=[theirs.pk]))
    assert denied.status_code == 403
    assert "这不是分配给您的网站" in denied.content.decode()
    # Nor post scores to it.
    assert (
        client.post(reverse("expert-assignment", args=[theirs.pk]), {"action": "save"}).status_code
        == 403
    )
    assert not theirs.scores.exists()


def test_querysets_follow_the_role(
    campaign: Campaign,
    experts: list[Any],
    units: list[Unit],
    unit_user: Any,
    organizer: Any,
    findings: dict[str, Any],
) -> None:
    assign(campaign, experts[1], units[1])
    assert list(roles.units_visible_to(unit_user)) == [units[0]]
    assert list(roles.units_visible_to(experts[1])) == [units[1]]
    assert roles.units_visible_to(organizer).count() == 4
    assert {f.scan_run.site.unit.code for f in roles.findings_visible_to(unit_user)} == {"QX01"}
    assert {f.scan_run.site.unit.code for f in roles.findings_visible_to(experts[1])} == {"QX02"}
    assert not roles.findings_visible_to(experts[2]).exists()
    assert roles.findings_visible_to(organizer).count() == 3
    assert list(roles.assignments_visible_to(experts[2])) == []
    assert roles.assignments_visible_to(organizer).count() == ExpertAssignment.objects.count() == 1


def test_login_works_then_is_throttled_after_failures(experts: list[Any]) -> None:
    client = Client()
    ok = client.post(reverse("login"), {"username": "e2", "password": PASSWORD})
    assert ok.status_code == 302
    client = Client()
    for _ in range(5):
        bad = client.post(reverse("login"), {"username": "e2", "password": "wrong"})
        assert "用户名或密码不正确" in bad.content.decode()
    locked = client.post(reverse("login"), {"username": "e2", "password": PASSWORD})
    assert locked.status_code == 200
    assert "登录失败次数过多，请 15 分钟后再试" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttle_counts_per_address_across_accounts(experts: list[Any]) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(5):
        client.post(reverse("login"), {"username": f"guess{i}", "password": "x"})
    # Another account, right password, same address: refused while the address is locked.
    locked = client.post(reverse("login"), {"username": "e3", "password": PASSWORD})
    assert "登录失败次数过多" in locked.content.decode()
    elsewhere = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("login"), {"username": "e3", "password": PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_the_admin_login_is_throttled_too(organizer: Any, django_user_model: Any) -> None:
    django_user_model.objects.create_superuser("root", "r@example.org", PASSWORD)
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "nope"})
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(experts: list[Any]) -> None:
    client = client_for(experts[0])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_the_organizer_creates_accounts_with_roles(
    organizer: Any, units: list[Unit], experts: list[Any]
) -> None:
    client = client_for(organizer)
    url = reverse("organizer-accounts")
    missing_unit = client.post(
        url, {"username": "u9", "password": "a long password 9", "role": "unit"}
    )
    assert (
        missing_unit.status_code == 400
        and "被测单位账号必须选择所属单位" in missing_unit.content.decode()
    )
    weak = client.post(url, {"username": "u9", "password": "1234567890", "role": "expert"})
    assert weak.status_code == 400
    done = client.post(
        url,
        {
            "username": "u9",
            "full_name": "王工",
            "password": "a long password 9",
            "role": "unit",
            "unit": units[1].pk,
        },
    )
    assert done.status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="u9")
    assert (roles.role_of(user), roles.unit_of(user), user.first_name) == ("unit", units[1], "王工")
    assert client_for(experts[0]).get(url).status_code == 403


def test_a_unit_cannot_open_an_experts_form_nor_the_results(
    campaign: Campaign, experts: list[Any], units: list[Unit], unit_user: Any
) -> None:
    a = assign(campaign, experts[1], units[0])  # the unit's own site, scored by an expert
    client = client_for(unit_user)
    assert client.get(reverse("expert-assignment", args=[a.pk])).status_code == 403
    assert client.get(reverse("organizer-expert-results", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("organizer-survey", args=[campaign.pk])).status_code == 403
