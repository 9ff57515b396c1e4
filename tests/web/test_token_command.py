"""`ceping token issue`: a token for a script, with the scopes and lifetime asked for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ceping.cli import main
from ceping.web.models import ApiToken, Campaign

pytestmark = pytest.mark.django_db


def test_the_command_issues_a_scoped_token_that_the_api_takes(
    campaign: Campaign, organizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["token", "issue", "org", "--scope", "findings", "--days", "30", "--name", "脚本"])
    assert code == 0
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get(user=organizer)
    assert token.scopes == ["findings"] and token.name == "脚本"
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(f"/api/campaigns/{campaign.pk}/findings").status_code == 200
    assert client.get("/api/units").status_code == 403


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "issue", "nobody", "--scope", "units"],
        ["token", "issue", "org", "--scope", "everything"],
        ["token", "issue", "org", "--scope", "units", "--days", "1000"],
        ["token", "issue", "org"],
    ],
)
def test_the_command_refuses_in_chinese(
    organizer: Any, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses a bad option before the command runs
        code = int(exc.code or 0)
    assert code == 2
    assert "错误" in capsys.readouterr().err
    assert not ApiToken.objects.exists()


def test_the_command_offers_the_api_s_scopes() -> None:
    from ceping.cli import tokens
    from ceping.web.models import TokenScope

    assert set(tokens.SCOPES) == set(TokenScope.values)
