"""The rebuilt campaigns' raw input files: written by the generator, read back into
CampaignInputs."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Sequence
from pathlib import Path

from ceping.demo.rebuild.build import Built
from ceping.errors import InputError, Problem
from ceping.framework import Framework
from ceping.scoring import (
    CampaignInputs,
    ExpertRating,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
)

DATA = Path(__file__).resolve().parent.parent / "data"
UNITS_CSV = DATA / "shanghai-2012-units.csv"
REBUILT = DATA / "rebuilt"
SAMPLE_NOTE = "重建样例数据（rebuilt sample data），非真实测评数据"


def read_units(path: Path = UNITS_CSV) -> tuple[list[UnitInput], dict[str, bool]]:
    """The units table (代码,名称,简称,类别,网站,外文版,…) and whether each site has an English
    version."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    units = [UnitInput(r["代码"], r["名称"], r["简称"], r["类别"], r["网站"]) for r in rows]
    english = {r["代码"]: "en" in r["外文版"].split(";") for r in rows}
    return units, english


def _tsv(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def write_year(built: Built, framework: Framework, year: int, folder: Path = REBUILT) -> list[Path]:
    """Write scans, expert ratings, public survey forms, portal and self-inspection files of a
    year."""
    folder.mkdir(parents=True, exist_ok=True)
    items = [leaf.code for leaf in framework.leaves() if leaf.scale is not None]
    sites = {"note": SAMPLE_NOTE, "sites": [built.sites[u.code] for u in built.units]}
    experts = [("expert", "unit", "indicator", "points", "choice")] + [
        (
            r.expert,
            r.unit,
            r.indicator,
            "" if r.points is None else _points(r.points),
            r.choice or "",
        )
        for r in built.experts
    ]
    forms = [("respondent", "unit", *items)] + [
        (respondent, unit, *(answers.get(item, "") for item in items))
        for respondent, unit, answers in built.forms
    ]
    portal = [
        ("unit", "submitted", "adopted", "corrections", "corrections_handled", "mailbox_cases")
    ] + [
        (r.unit, r.submitted, r.adopted, r.corrections, r.corrections_handled, r.mailbox_cases)
        for r in built.portal
    ]
    own = [("unit", "indicator", "points")] + [
        (s.unit, s.indicator, _points(s.points)) for s in built.self_points
    ]
    paths = {
        f"scans-{year}.json": json.dumps(sites, ensure_ascii=False, indent=1, sort_keys=True)
        + "\n",
        f"experts-{year}.tsv": _tsv(experts),
        f"portal-{year}.tsv": _tsv(portal),
        f"self-{year}.tsv": _tsv(own),
    }
    written = []
    for name, text in paths.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    survey = folder / f"survey-{year}.tsv.gz"
    # mtime 0 and no file name inside: the same data give the same bytes
    with (
        survey.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
    ):
        packed.write(_tsv(forms).encode("utf-8"))
    return [*written, survey]


def _rows(path: Path, text: str | None = None) -> list[dict[str, str]]:
    if text is None:
        text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def read_year(year: int, units: Sequence[UnitInput], folder: Path = REBUILT) -> CampaignInputs:
    """The raw inputs of a rebuilt year as CampaignInputs (marked as sample data)."""
    by_url = {u.url: u.code for u in units}
    scans = json.loads((folder / f"scans-{year}.json").read_text(encoding="utf-8"))
    sites = {}
    for i, item in enumerate(scans["sites"], start=1):
        if item["url"] not in by_url:
            raise InputError(
                [
                    Problem(
                        f"scans-{year}.json",
                        f"第 {i} 个网站",
                        "网址",
                        f"没有单位使用这个网址：{item['url']}",
                    )
                ]
            )
        sites[by_url[item["url"]]] = item
    experts = [
        ExpertRating(
            r["unit"],
            r["indicator"],
            r["expert"],
            points=float(r["points"]) if r["points"] else None,
            choice=r["choice"] or None,
        )
        for r in _rows(folder / f"experts-{year}.tsv")
    ]
    survey = gzip.decompress((folder / f"survey-{year}.tsv.gz").read_bytes()).decode("utf-8")
    public = [
        PublicAnswer(r["respondent"], r["unit"], item, choice)
        for r in _rows(folder, survey)
        for item, choice in r.items()
        if item not in ("respondent", "unit") and choice
    ]
    portal = [
        PortalRow(
            r["unit"],
            int(r["submitted"]),
            int(r["adopted"]),
            int(r["corrections"]),
            int(r["corrections_handled"]),
            int(r["mailbox_cases"]),
        )
        for r in _rows(folder / f"portal-{year}.tsv")
    ]
    own = [
        SelfPoints(r["unit"], r["indicator"], float(r["points"]))
        for r in _rows(folder / f"self-{year}.tsv")
    ]
    return CampaignInputs(
        campaign=f"{year}年度上海市政府网站测评（重建样例数据）",
        year=year,
        scans=sites,
        expert=experts,
        public=public,
        portal=portal,
        self_points=own,
        is_sample_data=True,
    )
