"""Fixtures of the report tests: the rebuilt 2012 campaign, and its report written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceping.report import write_campaign_report
from ceping.scoring.results import CampaignResults

from .seed_results import seed_results

# A copy of shared/seed/shanghai-2012-notice.txt, so the tests need nothing outside the repository.
SEED = Path(__file__).with_name("data") / "shanghai-2012-notice.txt"


@pytest.fixture(scope="session")
def results() -> CampaignResults:
    return seed_results()


@pytest.fixture(scope="session")
def report(
    results: CampaignResults, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("report")
    return out, write_campaign_report(results, out, pdf=False)


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seed notice, one paragraph a line."""
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
