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
from ceping.web.models import Campaign, PortalStat, Site, Unit
from tests.hostile import cases, tally

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counted")]
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


def outcome(call: Callable[[], object], source: str, area: str, case: str) -> str:
    """'taken' or 'refused', counted in the suite's table; fails the test on a crash, an unclear
    message, a slow answer or a memory blow-up."""
    tracemalloc.start()
    started = time.monotonic()
    message = ""
    try:
        call()
        result = "taken"
    except CepingError as exc:
        message = str(exc)
        result = "refused"
    except Exception:
        tally.record(area, tally.CRASH, case)
        raise
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    seconds = time.monotonic() - started
    if seconds >= SECONDS:
        tally.record(area, tally.HANG, f"{case} ({seconds:.1f} s)")
    elif peak >= PEAK_BYTES:
        tally.record(area, tally.CRASH, f"{case} ({peak >> 20} MB)")
    elif result == "refused" and not clear(message, source):
        tally.record(area, tally.UNCLEAR, f"{case}: {message}")
    else:
        tally.record(area, tally.CLEAR if result == "refused" else tally.HANDLED, case)
    assert seconds < SECONDS
    assert peak < PEAK_BYTES
    assert result == "taken" or clear(message, source), message
    return result


def stored() -> tuple[object, ...]:
    """Every row an import may write, field by field: a refused file must leave them as they
    were (no row added, none changed)."""
    return tuple(
        tuple(model.objects.order_by("pk").values_list()) for model in (Unit, Site, PortalStat)
    )


def nothing_stored(area: str, case: str, before: tuple[object, ...]) -> None:
    """A refused file leaves nothing behind; counted as data lost (corrupted) otherwise."""
    changed = stored() != before
    if changed:
        tally.record(area, tally.LOST, case)
    assert not changed


# The units fixture stores QX01 already (as 上海市黄浦区): a refused file must change it no more
# than it adds a unit.
@pytest.mark.parametrize("name", sorted(cases.units_xlsx_cases()))
def test_a_units_workbook(tmp_path: Path, name: str, units: list[Unit]) -> None:
    path = tmp_path / "单位.xlsx"
    path.write_bytes(cases.units_xlsx_cases()[name])
    before = stored()
    if outcome(lambda: import_units(path, FRAMEWORK), path.name, "import: units .xlsx", name) == (
        "refused"
    ):
        nothing_stored("import: units .xlsx", name, before)


@pytest.mark.parametrize("name", sorted(cases.units_csv_cases()))
def test_a_units_table(tmp_path: Path, name: str, units: list[Unit]) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(cases.units_csv_cases()[name])
    before = stored()
    if outcome(lambda: import_units(path, FRAMEWORK), path.name, "import: units .csv", name) == (
        "refused"
    ):
        nothing_stored("import: units .csv", name, before)


@pytest.mark.parametrize("name", sorted(cases.portal_csv_cases()))
def test_a_portal_table(tmp_path: Path, name: str, campaign: Campaign) -> None:
    path = tmp_path / "portal.csv"
    path.write_bytes(cases.portal_csv_cases()[name])
    # Last import's figures for QX01, which a refused table must leave as they are.
    PortalStat.objects.create(campaign=campaign, unit=campaign.units.get(code="QX01"),
                              submitted=7, adopted=1)  # fmt: skip
    before = stored()
    area = "import: portal table"
    if outcome(lambda: import_portal(campaign, path), path.name, area, name) == "refused":
        nothing_stored(area, name, before)
    else:  # full-width digits, as a Chinese keyboard types them, are the number they show
        assert PortalStat.objects.get().submitted == 12


@pytest.mark.parametrize("name", sorted(cases.yaml_cases()))
def test_a_framework_file(name: str) -> None:
    source = "指标体系.yaml"
    text = cases.yaml_cases()[name]
    area = "import: framework YAML"
    assert outcome(lambda: parse_framework(text, source), source, area, name) == "refused"
