"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os
import socket
from collections.abc import Generator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.hostile import tally

# Fixtures that open the test database (pytest-django's autouse helpers do not count).
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def _postgres_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), 2):
            return True
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on the marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so CI can rerun them on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    on_postgres = url.startswith(("postgres://", "postgresql://"))
    skip = None
    if on_postgres and not _postgres_reachable(url):
        if os.environ.get("CI") == "true":
            raise pytest.UsageError(f"CI=true but PostgreSQL at {url} is not reachable")
        skip = pytest.mark.skip(
            reason=f"PostgreSQL at {url} is not reachable (set CI=true to fail)"
        )
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DB_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
            if skip is not None:
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Hand the hostile cases a test recorded to its report (the way out of an xdist worker)."""
    report = yield
    cases = tally.drain()
    if cases:
        report.user_properties.append(("hostile cases", cases))
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    counted = False
    for name, value in report.user_properties:
        if name == "hostile cases":
            tally.merge(value)
        counted = counted or name == "counted"
    # A hostile case that failed before it could count itself (an exception out of our code) is
    # a crash.
    if report.when == "call" and report.failed and not counted and "/hostile/" in report.nodeid:
        tally.merge([("uncounted failures", tally.CRASH, report.nodeid)])


SUMMARY = Path(__file__).resolve().parents[1] / "test-artifacts" / "hostile-summary.txt"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The hostile-input table: printed after the run and written to test-artifacts/ (the
    figures a closing note quotes)."""
    lines = tally.table()
    if lines:
        terminalreporter.section("hostile inputs: cases and outcomes")
        for line in lines:
            terminalreporter.write_line(line)
        SUMMARY.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY.write_text("\n".join(lines) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"(written to {SUMMARY})")
