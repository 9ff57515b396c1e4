"""`ceping campaign scan` stores findings as it goes and, killed with SIGKILL, resumes to the same end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from ceping.framework import shipped_framework_path
from ceping.scan.farm import build_farm
from ceping.scan.farm_server import FarmServer, free_port
from ceping.web.models import Category, Finding, ScanPage, Site, Unit
from ceping.web.services.campaigns import create_campaign

pytestmark = pytest.mark.django_db(transaction=True)
AS_OF = "2013-01-15"


@pytest.fixture(scope="module")
def farm_urls() -> Iterator[list[str]]:
    farm = build_farm(seed=7, sites=3, pages_per_site=120, port=free_port(), dynamic=False)
    server = FarmServer(farm).start()
    try:
        yield list(farm.start_urls)
    finally:
        server.stop()


def make_units(urls: list[str]) -> list[Unit]:
    units = []
    for i, url in enumerate(urls):
        unit = Unit.objects.create(code=f"T{i}", name=f"测试单位{i}", short_name=f"单位{i}", category=Category.DISTRICT)
        Site.objects.create(unit=unit, url=url)
        units.append(unit)
    return units


def command(name: str) -> list[str]:
    return [sys.executable, "-m", "ceping.cli", "campaign", "scan", name, "--allow-private", "--as-of", AS_OF,
            "--per-host", "2", "--concurrency", "4"]


def child_env() -> dict[str, str]:
    """The child process works on the very test database this test runs on."""
    db = connection.settings_dict
    values = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if connection.vendor == "sqlite":
        values["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        values["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return values


def stored(name: str) -> list[tuple[str, str]]:
    """The campaign's findings as (site, finding JSON), sorted, duplicates kept."""
    rows = Finding.objects.filter(scan_run__campaign__name=name).select_related("scan_run__site")
    return sorted((f.scan_run.site.url, json.dumps(f.data, sort_keys=True, ensure_ascii=False)) for f in rows)


def test_killed_scan_resumes_to_exactly_the_findings_of_an_uninterrupted_one(farm_urls: list[str]) -> None:
    units = make_units(farm_urls)
    create_campaign("一次完成", 2012, shipped_framework_path("shanghai-2012"), units=units)
    create_campaign("中途被杀", 2012, shipped_framework_path("shanghai-2012"), units=units)

    whole = subprocess.run(command("一次完成"), env=child_env(), capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr

    victim = subprocess.Popen(command("中途被杀"), env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while ScanPage.objects.filter(scan_run__campaign__name="中途被杀").count() < 60:
        assert victim.poll() is None, "the scan ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(30)
    partial = ScanPage.objects.filter(scan_run__campaign__name="中途被杀").count()
    total = ScanPage.objects.filter(scan_run__campaign__name="一次完成").count()
    assert 60 <= partial < total

    resumed = subprocess.run(command("中途被杀"), env=child_env(), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert ScanPage.objects.filter(scan_run__campaign__name="中途被杀").count() == total
    expected = stored("一次完成")
    assert expected, "the farm plants defects: an uninterrupted scan must find some"
    assert stored("中途被杀") == expected
