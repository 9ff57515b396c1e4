"""Shared by the tests that run scans in other processes: a loopback farm, units, the child's
database."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from ceping.campaign.campaigns import create_campaign
from ceping.framework import shipped_framework_path
from ceping.sitefarm.farm import build_farm
from ceping.sitefarm.server import FarmServer, free_port
from ceping.web.models import Campaign, Finding, Site, Unit

AS_OF = "2013-01-15"


@contextmanager
def served_farm(sites: int = 3, pages_per_site: int = 120) -> Iterator[list[str]]:
    """Start URLs of a static farm with planted defects, served on loopback while inside."""
    farm = build_farm(
        seed=7, sites=sites, pages_per_site=pages_per_site, port=free_port(), dynamic=False
    )
    server = FarmServer(farm).start()
    try:
        yield list(farm.start_urls)
    finally:
        server.stop()


def campaigns_over(urls: list[str], *names: str) -> list[Campaign]:
    """Campaigns of the same units, one unit per URL."""
    units = []
    for i, url in enumerate(urls):
        unit = Unit.objects.create(
            code=f"T{i}", name=f"测试单位{i}", short_name=f"单位{i}", category="区县"
        )
        Site.objects.create(unit=unit, url=url)
        units.append(unit)
    framework = shipped_framework_path("shanghai-2012")
    return [create_campaign(name, 2012, framework, units=units)[0] for name in names]


def ceping(*args: str) -> list[str]:
    return [sys.executable, "-m", "ceping.cli", *args]


def scan_command(name: str, *extra: str) -> list[str]:
    return ceping(
        "campaign",
        "scan",
        name,
        "--allow-private",
        "--as-of",
        AS_OF,
        "--per-host",
        "2",
        "--concurrency",
        "4",
        *extra,
    )


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process that works on this test's database."""
    db = connection.settings_dict
    values = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if connection.vendor == "sqlite":
        values["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        values["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    values.update(extra)
    return values


def stored_findings(name: str) -> list[tuple[str, str]]:
    """A campaign's findings as (site, finding JSON), sorted, duplicates kept."""
    rows = Finding.objects.filter(scan_run__campaign__name=name).select_related("scan_run__site")
    return sorted(
        (f.scan_run.site.url, json.dumps(f.data, sort_keys=True, ensure_ascii=False)) for f in rows
    )
