"""The organizer's report files of a campaign: written from stored results, kept under
CEPING_HOME."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from ceping.campaign.scoring import stored_results
from ceping.campaign.scoring_inputs import unit_scans
from ceping.campaign.verdicts import stored_verdicts
from ceping.report import write_campaign_report
from ceping.scoring import CampaignResults
from ceping.scoring.informative import InformativeFindings, informative_findings
from ceping.scoring.machine import machine_facts
from ceping.scoring.results import Json
from ceping.scoring.totals import triggering
from ceping.web.models import Campaign, Unit, UnitResultRecord

DOWNLOAD_NAMES = {
    "notice.docx": "通报（Word）", "notice.pdf": "通报（PDF）", "notice.html": "通报（网页）",
    "scores.xlsx": "得分表（Excel）", "summary.json": "统计数据（JSON）",
    "units.zip": "全部单位测评报告（ZIP）",
}  # fmt: skip
UNITS_ZIP = "units.zip"


def report_dir(campaign: Campaign) -> Path:
    return Path(settings.CEPING_HOME) / "reports" / str(campaign.pk)


def write_reports(
    campaign: Campaign,
    out_dir: Path | None = None,
    template: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write every report of the campaign into `out_dir` and keep a copy for the dashboard;
    `progress(done, total)` is told after each file."""
    keep = report_dir(campaign)
    # The dashboard's copy is written aside and swapped in whole: a unit that left the campaign
    # leaves no report behind, and downloads never see half a generation.
    target = out_dir or keep.with_name(f".{keep.name}.new")
    if out_dir is None and target.exists():
        shutil.rmtree(target)
    results = stored_results(campaign)
    evidence: dict[str, dict[str, str]] = {}
    for verdict in stored_verdicts(campaign, results.framework):
        if verdict.hit:
            evidence.setdefault(verdict.unit, {})[verdict.veto] = verdict.evidence
    written = write_campaign_report(
        results,
        target,
        template,
        texts=campaign.notice_texts or {},
        pdf=False if template else None,
        veto_evidence=evidence,
        veto_findings=_veto_findings(campaign, results),
        previous=_last_year(campaign),
        progress=progress,
        informative=_informative(campaign, results),
    )
    if keep.exists():
        shutil.rmtree(keep)
    if out_dir is None:
        target.rename(keep)
        return [keep / path.relative_to(target) for path in written]
    shutil.copytree(out_dir, keep)
    return written


def zip_unit_reports(campaign: Campaign) -> Path:
    """One ZIP of every unit report of the campaign, beside them; written under another name
    and renamed, so a download never gets half an archive."""
    folder = report_dir(campaign)
    target = folder / UNITS_ZIP
    partial = folder / f".{UNITS_ZIP}.partial"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((folder / "units").glob("*.docx")):
            archive.write(path, f"{campaign.year}-单位测评报告/{path.name}")
    os.replace(partial, target)
    return target


def _veto_findings(
    campaign: Campaign, results: CampaignResults
) -> dict[str, dict[str, list[Json]]]:
    """By unit and code of each machine veto that hit it, the findings that made it hit."""
    vetoes = {v.code: v for v in results.framework.vetoes if not v.by_organizer}
    hit = {u.code: [c for c in u.vetoes if c in vetoes] for u in results.units}
    if not any(hit.values()):
        return {}
    scans = unit_scans(campaign)
    found: dict[str, dict[str, list[Json]]] = {}
    for unit, codes in hit.items():
        if codes:
            facts = machine_facts(scans.get(unit, {}))
            found[unit] = {c: triggering(vetoes[c], facts.findings) for c in codes}
    return found


def _informative(
    campaign: Campaign, results: CampaignResults
) -> dict[str, tuple[InformativeFindings, ...]]:
    """By unit, the findings of the framework's informative items (none: an empty map)."""
    if not results.framework.informative:
        return {}
    scans = unit_scans(campaign)
    return {
        unit.code: informative_findings(
            results.framework, machine_facts(scans.get(unit.code, {})).findings
        )
        for unit in results.units
    }


def _last_year(campaign: Campaign) -> CampaignResults | None:
    """The previous campaign's stored results, when it has been scored."""
    before = campaign.previous
    if before is None or not UnitResultRecord.objects.filter(campaign=before).exists():
        return None
    return stored_results(before)


def downloads(campaign: Campaign) -> list[tuple[str, str]]:
    """(relative path, label) of every report file there is, the notice first, then unit reports."""
    folder = report_dir(campaign)
    if not folder.is_dir():
        return []
    found = [(name, label) for name, label in DOWNLOAD_NAMES.items() if (folder / name).is_file()]
    files = sorted((folder / "units").glob("*.docx"))
    # A code alone (BM01) does not tell the organizer whose report it is.
    names = dict(Unit.objects.filter(code__in=[p.stem for p in files]).values_list("code", "name"))
    found += [
        (f"units/{p.name}", f"单位测评报告：{names[p.stem]}（{p.stem}）")
        if p.stem in names
        else (f"units/{p.name}", f"单位测评报告 {p.stem}")
        for p in files
    ]
    return found


def download_path(campaign: Campaign, relative: str) -> Path | None:
    """The file for a download link, or None when it is not one of the campaign's reports."""
    if relative not in {name for name, _ in downloads(campaign)}:
        return None
    return report_dir(campaign) / relative
