"""The hostile suite's fixtures (the web tests' campaign, users and findings) and its report: a
table of cases tried and how they ended, printed after the run and written to
test-artifacts/hostile-summary.txt (the figures a closing note quotes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.hostile import tally
from tests.web.conftest import (  # noqa: F401
    _clear_cache,
    _fast_passwords,
    campaign,
    experts,
    findings,
    organizer,
    unit_user,
    units,
)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # A case that failed before it could count itself (an exception out of our code) is a crash.
    counted = any(name == "counted" for name, _ in report.user_properties)
    if report.when == "call" and report.failed and not counted:
        tally.record("uncounted failures", tally.CRASH, report.nodeid)


SUMMARY = Path(__file__).resolve().parents[2] / "test-artifacts" / "hostile-summary.txt"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = tally.table()
    if lines:
        terminalreporter.section("hostile inputs: cases and outcomes")
        for line in lines:
            terminalreporter.write_line(line)
        SUMMARY.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY.write_text("\n".join(lines) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"(written to {SUMMARY})")


@pytest.fixture
def counted(record_property: Any) -> None:
    """A test that counts its own cases: its failure is already in the table."""
    record_property("counted", True)
