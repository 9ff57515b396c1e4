"""write_campaign_report: every output of a scored campaign, written into one folder."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ceping.errors import ReportError, quoted
from ceping.report import charts
from ceping.report.layout import Fonts
from ceping.report.notice import Notice, build_notice
from ceping.report.notice_docx import write_notice_docx
from ceping.report.notice_html import write_notice_html
from ceping.report.notice_pdf import NoticePdf
from ceping.report.pdf import libreoffice
from ceping.report.summary import write_summary
from ceping.report.tables import write_score_tables
from ceping.report.template import Template, load_template
from ceping.report.unit_batch import UnitJob, write_unit_reports
from ceping.report.unit_report import DEFAULT_DEADLINE, Issuing
from ceping.scoring.informative import InformativeFindings
from ceping.scoring.results import CampaignResults, Json

# Unit codes become file names: nothing that could climb out of units/.
_SAFE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def notice_with_charts(
    results: CampaignResults, template: Template, texts: Mapping[str, str] | None = None
) -> tuple[Notice, list[charts.Chart]]:
    """The notice and its charts: totals per graded category, the rates it prints."""
    # First pass: which figures the notice prints, so that its rate chart shows exactly those.
    printed = build_notice(results, template, [], texts).statistics
    framework = results.framework
    graded = [c for c in framework.category_names if c in framework.grading.categories]
    notice_charts = [
        charts.totals_distribution(results, c) for c in graded or framework.category_names
    ]
    notice_charts.append(charts.area_rates(results, printed))
    return build_notice(results, template, notice_charts, texts), notice_charts


def write_campaign_report(
    results: CampaignResults,
    out_dir: Path,
    template: Path | None = None,
    texts: Mapping[str, str] | None = None,
    *,
    fonts: Fonts | None = None,
    pdf: bool | None = None,
    veto_evidence: Mapping[str, Mapping[str, str]] | None = None,
    veto_findings: Mapping[str, Mapping[str, Sequence[Json]]] | None = None,
    previous: CampaignResults | None = None,
    progress: Callable[[int, int], None] | None = None,
    informative: Mapping[str, Sequence[InformativeFindings]] | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write notice.docx/.html/(.pdf), scores.xlsx, units/<code>.docx, charts/*.png and
    summary.json.

    `template` is a notice template (docs/report.md; when None, the one the framework names);
    `texts` override its ::set values (issuer, date, …). `pdf`: None converts when LibreOffice
    is installed, True requires it, False skips it. `veto_evidence`: by unit code, the
    organizer's evidence for each organizer veto that hit it; `veto_findings`: the findings
    that made each machine veto hit; `previous`: last year's results, each unit report
    compared with its own; `informative`: by unit code, the findings of the framework's
    informative items (shown without points). `progress(done, total)` is told after each
    file (a page shows it). `workers`: processes writing the unit reports (None: one per core;
    1: this process only).
    Returns the paths written, in order.
    """
    bad = [u.code for u in results.units if not _SAFE_CODE.match(u.code)]
    if bad:
        raise ReportError(f"这些单位代码不能用作文件名：{'、'.join(map(quoted, bad[:5]))}")
    # Fail on a bad template before writing anything.
    notice_template = load_template(template, results.framework.notice)
    fonts = fonts or Fonts()
    try:
        (out_dir / "units").mkdir(parents=True, exist_ok=True)
        (out_dir / "charts").mkdir(exist_ok=True)
    except OSError as exc:
        raise ReportError(f"{out_dir}：无法建立报告目录（请检查路径和写入权限）") from exc

    notice, notice_charts = notice_with_charts(results, notice_template, texts)
    # Unit reports are signed and dated as the notice; the deadline is the organizer's
    # (`::set deadline = …` in the template or texts={"deadline": …}).
    settings = {**notice_template.settings, **(texts or {})}
    issuing = Issuing(notice.signature, notice.date, settings.get("deadline") or DEFAULT_DEADLINE)

    make_pdf = bool(pdf or (pdf is None and libreoffice() is not None))
    total = 4 + len(notice_charts) + len(results.units) + int(make_pdf)
    written: list[Path] = []

    def wrote(path: Path) -> None:
        written.append(path)
        if progress is not None:
            progress(len(written), total)

    wrote(write_notice_docx(notice, out_dir / "notice.docx", fonts))
    # LibreOffice renders the notice on its own core while the unit reports are written.
    notice_pdf = NoticePdf(notice, out_dir / "notice.docx", out_dir, fonts) if make_pdf else None
    try:
        wrote(write_notice_html(notice, out_dir / "notice.html"))
        for chart in notice_charts:
            path = out_dir / "charts" / f"{chart.name}.png"
            path.write_bytes(chart.png)
            wrote(path)
        wrote(write_score_tables(results, out_dir / "scores.xlsx", previous))
        job = UnitJob(
            results,
            out_dir / "units",
            fonts,
            issuing,
            veto_evidence or {},
            veto_findings or {},
            previous,
            informative or {},
        )
        start = len(written)
        for batch in write_unit_reports(job, workers, notice_pdf.step if notice_pdf else None):
            for path in batch:
                wrote(path)
        # The list says what was written in the order of the units' codes, whoever finished first.
        written[start:] = sorted(written[start:], key=lambda p: p.name)
        wrote(write_summary(results, notice.figures, out_dir / "summary.json"))
    except BaseException:
        if notice_pdf is not None:
            notice_pdf.abandon()  # no LibreOffice left running after a failure
        raise
    if notice_pdf is not None:
        wrote(notice_pdf.finish())
    return written
