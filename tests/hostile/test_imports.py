"""Hostile and careless files through every import: each ends in a clear Chinese error naming
the file (or is taken as the data it is), within seconds and bounded memory, and nothing of a
refused file is stored. The counts of the closing note come from these cases."""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from ceping.campaign.portal import import_portal
from ceping.campaign.units import import_units
from ceping.errors import CepingError
from ceping.framework import load_framework, shipped_framework_path
from ceping.framework.loader import parse_framework
from ceping.web.models import Campaign, PortalStat, Unit
from tests.hostile import cases

pytestmark = pytest.mark.django_db
FRAMEWORK = load_framework(shipped_framework_path("shanghai-2012"))
SECONDS = 10.0  # a few seconds for a small file; generous for a loaded CI machine
PEAK_BYTES = 300 * 2**20
_QUOTED = re.compile(r"“[^”]*”|'[^']*'")


# Names a Chinese office uses as they are.
_NAMES = {"Excel", "xlsx", "YAML", "UTF", "CSV", "WPS", "HTTPS"}


def clear(message: str, source: str) -> bool:
    """Each line names the file, then says in Chinese what is wrong: no English words of ours
    (what a person quoted or named — a value, a field of their YAML file — is theirs)."""
    for line in message.splitlines():
        where, _, said = line.partition("：")
        said = _QUOTED.sub("", said)
        english = set(re.findall(r"[A-Za-z]{4,}", said)) - _NAMES
        if not where.startswith(source) or not re.search(r"[\u4e00-\u9fff]", said) or english:
            return False
    return True


def outcome(call: Callable[[], object], source: str) -> str:
    """'taken' or 'refused'; fails the test on a crash, a slow answer or a memory blow-up."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        call()
        result = "taken"
    except CepingError as exc:
        assert clear(str(exc), source), str(exc)
        result = "refused"
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.monotonic() - started < SECONDS
    assert peak < PEAK_BYTES
    return result


@pytest.mark.parametrize("name", sorted(cases.units_xlsx_cases()))
def test_a_units_workbook(tmp_path: Path, name: str) -> None:
    path = tmp_path / "单位.xlsx"
    path.write_bytes(cases.units_xlsx_cases()[name])
    before = Unit.objects.count()
    if outcome(lambda: import_units(path, FRAMEWORK), path.name) == "refused":
        assert Unit.objects.count() == before  # all or nothing


@pytest.mark.parametrize("name", sorted(cases.units_csv_cases()))
def test_a_units_table(tmp_path: Path, name: str) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(cases.units_csv_cases()[name])
    before = Unit.objects.count()
    if outcome(lambda: import_units(path, FRAMEWORK), path.name) == "refused":
        assert Unit.objects.count() == before


@pytest.mark.parametrize("name", sorted(cases.portal_csv_cases()))
def test_a_portal_table(tmp_path: Path, name: str, campaign: Campaign) -> None:
    path = tmp_path / "portal.csv"
    path.write_bytes(cases.portal_csv_cases()[name])
    if outcome(lambda: import_portal(campaign, path), path.name) == "refused":
        assert not PortalStat.objects.exists()
    else:  # full-width digits, as a Chinese keyboard types them, are the number they show
        assert PortalStat.objects.get().submitted == 12


@pytest.mark.parametrize("name", sorted(cases.yaml_cases()))
def test_a_framework_file(name: str) -> None:
    source = "指标体系.yaml"
    text = cases.yaml_cases()[name]
    assert outcome(lambda: parse_framework(text, source), source) == "refused"
