"""The hostile suite's fixtures: the web tests' campaign, users and findings. Its report, the table
of cases tried and how they ended, is made in tests/conftest.py: under pytest-xdist the main
process gathers it from the workers' test reports and loads no conftest below tests/."""

from __future__ import annotations

from typing import Any

import pytest

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


@pytest.fixture
def counted(record_property: Any) -> None:
    """A test that counts its own cases: its failure is already in the table."""
    record_property("counted", True)
