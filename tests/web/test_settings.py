"""Settings of the embedded default."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("WAL is a SQLite setting; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; the setting is what files get.
    assert mode in ("wal", "memory")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_admin_speaks_chinese() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"


def test_secret_key_is_generated_and_kept() -> None:
    key_file = settings.CEPING_HOME / "secret_key"
    assert key_file.read_text().strip() == settings.SECRET_KEY
    assert len(settings.SECRET_KEY) >= 50


@pytest.mark.django_db
def test_pages_stay_chinese_whatever_the_browser_asks(client) -> None:
    # Django's own messages (form errors, the admin) follow LANGUAGE_CODE, not Accept-Language.
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "用户名" in page and "Username" not in page
