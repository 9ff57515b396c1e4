"""Settings of the embedded default."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from tests.commands import run_ceping


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


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_what_ceping_creates_is_its_users_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_ceping(home, "migrate")
    assert done.returncode == 0, done.stderr
    assert _mode(home) == 0o700
    assert _mode(home / "secret_key") == 0o600
    assert _mode(home / "ceping.log") == 0o600
    database = [home / "ceping.sqlite3", home / "ceping.sqlite3-wal", home / "ceping.sqlite3-shm"]
    assert [_mode(path) for path in database if path.exists()] == [0o600] * sum(
        path.exists() for path in database
    )
    assert (home / "ceping.sqlite3").stat().st_size > 0


def test_an_older_home_is_made_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    for name in ("secret_key", "ceping.sqlite3"):
        (home / name).write_text("x" * 60 if name == "secret_key" else "")
        (home / name).chmod(0o644)
    done = run_ceping(home, "migrate")
    assert done.returncode == 0, done.stderr
    assert [_mode(home), _mode(home / "secret_key"), _mode(home / "ceping.sqlite3")] == [
        0o700,
        0o600,
        0o600,
    ]


def test_uploaded_attachments_are_private(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("self-checks/2013/说明.txt", ContentFile(b"x"))
    assert _mode(tmp_path / "media" / name) == 0o600
    assert _mode(tmp_path / "media" / "self-checks" / "2013") == 0o700
    assert _mode(tmp_path / "media" / "self-checks") == 0o700


def test_the_installation_passes_djangos_own_checks() -> None:
    # `ceping migrate` and `ceping serve` run them: an error there stops both.
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
