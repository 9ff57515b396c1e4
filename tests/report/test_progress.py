"""Report generation tells its progress after each file, so a page can show how far it is."""

from __future__ import annotations

from pathlib import Path

from ceping.report import write_campaign_report
from ceping.scoring.results import CampaignResults


def test_progress_counts_every_file_up_to_the_total(
    results: CampaignResults, tmp_path: Path
) -> None:
    told: list[tuple[int, int]] = []
    written = write_campaign_report(
        results, tmp_path, pdf=False, progress=lambda done, total: told.append((done, total))
    )
    assert [done for done, _ in told] == list(range(1, len(written) + 1))
    assert {total for _, total in told} == {len(written)}
