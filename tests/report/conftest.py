"""Fixtures of the report tests: the rebuilt 2012 campaign scored by ceping.scoring, and a
hand-built campaign whose deductions carry hostile evidence; each report written once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceping.demo.rebuild import rebuilt_results
from ceping.demo.sample import sample_notice_texts
from ceping.report import write_campaign_report
from ceping.report.charts import unit_areas
from ceping.report.unit_report import write_unit_report
from ceping.scoring.results import CampaignResults

from .seed_results import FINDINGS, seed_results

# A copy of shared/seed/shanghai-2012-notice.txt, so the tests need nothing outside the repository.
SEED = Path(__file__).with_name("data") / "shanghai-2012-notice.txt"


@pytest.fixture(scope="session")
def rebuilt() -> CampaignResults:
    """The rebuilt 2012 campaign, scored from its raw input files with 2011 as the year before."""
    return rebuilt_results(2012)


@pytest.fixture(scope="session")
def rebuilt_2011() -> CampaignResults:
    """The year before, as the rebuilt 2012 campaign compares itself with it."""
    return rebuilt_results(2011)


@pytest.fixture(scope="session")
def report(
    rebuilt: CampaignResults,
    rebuilt_2011: CampaignResults,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[Path]]:
    """Every output of the rebuilt campaign with the organizer's texts of the demo (no PDF:
    tests/report/test_pdf.py converts one)."""
    out = tmp_path_factory.mktemp("report")
    texts = sample_notice_texts(2012)
    return out, write_campaign_report(rebuilt, out, texts=texts, pdf=False, previous=rebuilt_2011)


@pytest.fixture(scope="session")
def results() -> CampaignResults:
    """The hand-built campaign (tests/report/seed_results.py)."""
    return seed_results()


@pytest.fixture(scope="session")
def unit_reports(results: CampaignResults, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unit reports of the hand-built units with evidence, and of one without deductions."""
    out = tmp_path_factory.mktemp("units")
    for unit in results.units:
        if unit.code in FINDINGS or unit.code == "QX02":
            write_unit_report(results, unit, unit_areas(results, unit), out / f"{unit.code}.docx")
    return out


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seed notice, one paragraph a line."""
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_body(seed_lines: list[str]) -> list[str]:
    """The seed notice's body: from the salutation to the line before its attachment list."""
    start = seed_lines.index("各区、县人民政府，市政府各委、办、局：")
    end = next(i for i, line in enumerate(seed_lines) if line.startswith("附件："))
    return seed_lines[start:end]


# The one sentence of the seed whose figures the campaign's data does not hold: it counts
# English columns too, the scan finds English versions (15 district and 22 department sites).
SEED_ENGLISH = "全市16个区县、28个政府部门网站设有英文版或英文专栏，"
OURS_ENGLISH = "全市15个区县、22个市政府部门网站设有英文版。"


@pytest.fixture(scope="session")
def notice_body(seed_body: list[str]) -> list[str]:
    """The body the rebuilt campaign's notice prints: the seed's, word for word, but for the
    English versions, counted from the scan and followed by the organizer's own words."""
    at = next(i for i, line in enumerate(seed_body) if line.startswith(SEED_ENGLISH))
    rest = seed_body[at].removeprefix(SEED_ENGLISH)
    return [*seed_body[:at], OURS_ENGLISH, rest, *seed_body[at + 1 :]]
