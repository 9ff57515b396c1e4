"""The unit reports of a campaign, written by a pool of forked processes when that is safe.

86 reports take seconds of CPU (charts, .docx); two cores halve that. The workers are forked:
they inherit the results (which do not pickle) and the loaded modules, and receive only unit
codes. They run only report code: no database, no console, and the locks of logging and imports
are renewed in a forked child, so another thread of the parent (the demo's spinner, a web
server's) does not matter. A daemonic process may not have children, and a few units are not
worth the start: then the reports are written in turn.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ceping.report.charts import UnitCharts
from ceping.report.layout import Fonts
from ceping.report.unit_report import Issuing, write_unit_report
from ceping.scoring.informative import InformativeFindings
from ceping.scoring.results import CampaignResults, Json

MAX_WORKERS = 4
MIN_UNITS_FOR_POOL = 12  # below this, starting processes costs more than it saves
CHUNK_UNITS = 6  # units a worker writes per task: charts of one category share their frame


@dataclass(frozen=True)
class UnitJob:
    """Everything a unit report needs besides its unit."""

    results: CampaignResults
    out_dir: Path  # units/ of the report folder
    fonts: Fonts
    issuing: Issuing
    veto_evidence: Mapping[str, Mapping[str, str]]
    veto_findings: Mapping[str, Mapping[str, Sequence[Json]]]
    previous: CampaignResults | None
    informative: Mapping[str, Sequence[InformativeFindings]]


_job: UnitJob | None = None  # set in the parent before forking; read by the workers


def _write(job: UnitJob, codes: Sequence[str], charts: UnitCharts) -> list[Path]:
    units = {u.code: u for u in job.results.units}
    return [
        write_unit_report(
            job.results,
            units[code],
            charts.chart(units[code]),
            job.out_dir / f"{code}.docx",
            job.fonts,
            job.issuing,
            job.veto_evidence.get(code),
            job.veto_findings.get(code),
            job.previous,
            job.informative.get(code, ()),
        )
        for code in codes
    ]


_worker_charts: UnitCharts | None = None


def _work(codes: Sequence[str]) -> list[Path]:
    global _worker_charts
    assert _job is not None
    if _worker_charts is None:
        _worker_charts = UnitCharts(_job.results)
    return _write(_job, codes, _worker_charts)


def can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def write_unit_reports(
    job: UnitJob,
    workers: int | None = None,
    between: Callable[[], None] | None = None,
) -> Iterator[list[Path]]:
    """Write every unit's report; yields the paths as each batch is done (for progress).

    `workers`: processes to use (None: one per core, at most MAX_WORKERS; 1: in this process).
    `between` is called in this process while the workers run (to start the notice's PDF)."""
    codes = sorted(u.code for u in job.results.units)
    count = workers or min(os.cpu_count() or 1, MAX_WORKERS)
    if count <= 1 or len(codes) < MIN_UNITS_FOR_POOL or not can_fork():
        charts = UnitCharts(job.results)
        for code in codes:
            yield _write(job, [code], charts)
            if between is not None:
                between()
        return
    global _job
    _job = job
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = {pool.submit(_work, chunk) for chunk in _chunks(job.results, codes)}
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if between is not None:
                    between()
                for future in done:
                    yield future.result()
    finally:
        _job = None


def _chunks(results: CampaignResults, codes: list[str]) -> list[list[str]]:
    """Units of one category together (their charts share a frame), a few per task."""
    category = {u.code: u.category for u in results.units}
    chunks: list[list[str]] = []
    for name in dict.fromkeys(category[c] for c in codes):
        mine = [c for c in codes if category[c] == name]
        chunks += [mine[i : i + CHUNK_UNITS] for i in range(0, len(mine), CHUNK_UNITS)]
    # The largest tasks first, so that no worker is left with a long one at the end.
    return sorted(chunks, key=len, reverse=True)
