"""Accounts seen from the header: changing one's password, the admin link, new accounts' role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ceping.campaign.accounts import ensure_organizer, first_login_file
from ceping.web.models import Role
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "staple battery horse 42"


def django_user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_password_change_is_reachable_from_the_header_and_works(organizer: Any) -> None:
    client = client_for(organizer)
    home = client.get(reverse("organizer-home")).content.decode()
    assert f'href="{reverse("password_change")}"' in home and "修改密码" in home
    page = client.get("/accounts/password_change/")
    assert page.status_code == 200 and "原密码" in page.content.decode()
    wrong = client.post(
        "/accounts/password_change/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "原密码" in wrong.content.decode()
    done = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "密码已修改" in done.content.decode()
    organizer.refresh_from_db()
    assert organizer.check_password(NEW_PASSWORD)
    # Still signed in after the change (Django keeps the session's hash up to date).
    assert client.get(reverse("organizer-home")).status_code == 200


def test_the_first_organizers_password_file_goes_once_changed(settings: Any, tmp_path: Any) -> None:
    settings.CEPING_HOME = str(tmp_path)
    username, password = ensure_organizer()
    assert password is not None and first_login_file().is_file()
    first = django_user(username)
    client = client_for(first)
    client.post(
        "/accounts/password_change/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not first_login_file().exists()
    assert ensure_organizer() == (username, None)


def test_password_change_needs_a_signed_in_user() -> None:
    answer = Client().get("/accounts/password_change/")
    assert answer.status_code == 302 and answer.url.startswith(reverse("login"))


def test_the_admin_link_is_shown_only_to_staff(organizer: Any, django_user_model: Any) -> None:
    admin = reverse("admin:index")
    assert f'href="{admin}"' not in client_for(organizer).get("/organizer/").content.decode()
    assert client_for(organizer).get(admin).status_code == 302  # Django's admin: not for them
    organizer.is_staff = True
    organizer.save()
    assert f'href="{admin}"' in client_for(organizer).get("/organizer/").content.decode()
    boss = django_user_model.objects.create_superuser("root", "r@example.org", PASSWORD)
    assert f'href="{admin}"' in client_for(boss).get("/organizer/").content.decode()


def test_a_new_account_defaults_to_the_expert_role(organizer: Any) -> None:
    page = client_for(organizer).get(reverse("organizer-accounts")).content.decode()
    assert f'<option value="{Role.EXPERT}" selected>' in page
    assert f'<option value="{Role.ORGANIZER}" selected>' not in page
    # The most powerful role comes last, where it is not picked by accident.
    assert page.index(f'value="{Role.EXPERT}"') < page.index(f'value="{Role.ORGANIZER}"')


def test_the_unit_choice_says_what_no_unit_means(organizer: Any) -> None:
    page = client_for(organizer).get(reverse("organizer-accounts")).content.decode()
    assert '<option value="" selected>（不属于任何被测单位）</option>' in page
    assert "---------" not in page
