"""Fixtures of the web tests: a small campaign on a fixed framework, and one user per role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from ceping.campaign.campaigns import create_campaign
from ceping.campaign.roles import create_user
from ceping.web.models import Campaign, Finding, ScanRun, Site, Unit
from tests.web.browser import chromium  # noqa: F401  (a fixture, for the browser tests)

PASSWORD = "correct horse battery"


TEST_FRAMEWORK = Path(__file__).with_name("framework.yaml")


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # Throttle counters must not leak from one test into the next. The cache is a table of the
    # test database: a test that may not open the database has nothing in it to clear.
    try:
        cache.clear()
    except RuntimeError:  # pytest-django: "Database access not allowed"
        pass


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    # PBKDF2 at production cost makes each user take a quarter second; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def units(db: Any) -> list[Unit]:
    rows = [
        ("QX01", "黄浦区", "区县"),
        ("QX02", "徐汇区", "区县"),
        ("BM01", "市财政局", "市政府部门"),
        ("BM02", "市公安局", "市政府部门"),
    ]
    made = []
    for code, short, category in rows:
        unit = Unit.objects.create(
            code=code, name=f"上海市{short}", short_name=short, category=category
        )
        Site.objects.create(unit=unit, url=f"https://{code.lower()}.example.gov.cn/")
        made.append(unit)
    return made


@pytest.fixture
def campaign(units: list[Unit]) -> Campaign:
    made, _, _ = create_campaign("2012年度测试", 2012, TEST_FRAMEWORK, units=units)
    return made


@pytest.fixture
def organizer(db: Any) -> Any:
    return create_user("org", PASSWORD, "organizer")


@pytest.fixture
def experts(units: list[Unit]) -> list[Any]:
    # expert e1 works at QX01 (黄浦区): never assigned to it.
    return [
        create_user(f"e{i}", PASSWORD, "expert", unit=units[0] if i == 1 else None)
        for i in range(1, 7)
    ]


@pytest.fixture
def unit_user(units: list[Unit]) -> Any:
    return create_user("u-qx01", PASSWORD, "unit", unit=units[0])


@pytest.fixture
def other_unit_user(units: list[Unit]) -> Any:
    return create_user("u-qx02", PASSWORD, "unit", unit=units[1])


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def findings(campaign: Campaign, units: list[Unit]) -> dict[str, list[Finding]]:
    """Two findings on QX01's site, one on QX02's."""
    out: dict[str, list[Finding]] = {}
    for unit in units[:2]:
        run = ScanRun.objects.create(campaign=campaign, site=unit.sites.get(), status="done")
        site = unit.sites.get().url
        made = [
            Finding.objects.create(
                scan_run=run,
                kind="broken_link",
                page=site,
                key=f"{unit.code}-1",
                # Text from a scanned site is hostile: it must reach every page escaped.
                data={"url": f"{site}missing.html?q=<script>alert(1)</script>", "status": 404},
            )
        ]
        if unit.code == "QX01":
            made.append(
                Finding.objects.create(
                    scan_run=run,
                    kind="typo",
                    page=f"{site}news.html",
                    key="QX01-2",
                    data={"text": "国务晥", "suggestion": "国务院", "context": "……"},
                )
            )
        out[unit.code] = made
    return out
