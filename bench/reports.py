"""How long the reports of the 86-unit demo campaign take, and which part costs.

    PYTHONPATH=src .venv/bin/python bench/reports.py     # with notice.pdf, 3 runs, then the parts
    PYTHONPATH=src .venv/bin/python bench/reports.py --no-pdf --workers 1 --repeat 1

Scores the rebuilt 2012 campaign (2011 as the year before) from its raw files, then writes
every report into a temporary folder with `write_campaign_report`, as `ceping demo` does.
Prints the wall time, the CPU time of this process and its children (LibreOffice, the
unit-report workers) and the load average: on a shared machine the wall time depends on what
else runs; CPU time does not. Then the parts, measured one by one in this process: notice
charts, unit charts, unit .docx files, scores.xlsx, one LibreOffice rendering of the notice.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from ceping.demo.rebuild import rebuilt_results
from ceping.demo.rebuild.files import DATA
from ceping.report import write_campaign_report
from ceping.report.campaign import notice_with_charts
from ceping.report.charts import UnitCharts
from ceping.report.notice_docx import write_notice_docx
from ceping.report.pdf import convert_to_pdf, libreoffice
from ceping.report.tables import write_score_tables
from ceping.report.template import load_template
from ceping.report.unit_report import Issuing, write_unit_report


def cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="unit-report processes")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-parts", action="store_true")
    args = parser.parse_args()

    results, previous = rebuilt_results(2012), rebuilt_results(2011)
    texts = json.loads((DATA / "notice-texts-2012.json").read_text(encoding="utf-8"))
    pdf = not args.no_pdf and libreoffice() is not None
    print(
        f"{len(results.units)} units, notice.pdf: {'yes' if pdf else 'no'}, cores: {os.cpu_count()}"
    )
    walls, cpus = [], []
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            load = os.getloadavg()[0]
            cpu, wall = cpu_s(), time.perf_counter()
            written = write_campaign_report(
                results, Path(folder), texts=texts, pdf=pdf, previous=previous,
                workers=args.workers,
            )  # fmt: skip
            walls.append(time.perf_counter() - wall)
            cpus.append(cpu_s() - cpu)
            print(
                f"run {run + 1}: {walls[-1]:.1f} s wall, {cpus[-1]:.1f} s CPU, "
                f"{len(written)} files, load average before {load:.1f}"
            )
    print(f"median: {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU")
    if not args.no_parts:
        parts(results, previous, texts, pdf)
    return 0


def parts(results, previous, texts, pdf: bool) -> None:  # type: ignore[no-untyped-def]
    def timed(label: str, work) -> object:  # type: ignore[no-untyped-def]
        cpu, wall = cpu_s(), time.perf_counter()
        value = work()
        print(f"  {label}: {time.perf_counter() - wall:.2f} s wall, {cpu_s() - cpu:.2f} s CPU")
        return value

    print("parts, one process:")
    template = load_template(None, results.framework.notice)
    notice, _ = timed("notice and its charts", lambda: notice_with_charts(results, template, texts))
    charts = UnitCharts(results)
    unit_charts = timed("86 unit charts", lambda: [charts.chart(u) for u in results.units])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timed(
            "86 unit .docx",
            lambda: [
                write_unit_report(
                    results, u, c, out / f"{u.code}.docx", None, Issuing("x", "y"),
                    previous=previous,
                )
                for u, c in zip(results.units, unit_charts, strict=True)
            ],
        )  # fmt: skip
        timed("scores.xlsx", lambda: write_score_tables(results, out / "s.xlsx", previous))
        docx = timed("notice.docx", lambda: write_notice_docx(notice, out / "notice.docx"))
        if pdf:
            timed("LibreOffice, notice once", lambda: convert_to_pdf(docx, out))


if __name__ == "__main__":
    raise SystemExit(main())
