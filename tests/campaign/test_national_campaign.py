"""A whole campaign under the national framework, through the `ceping` command: its own categories,
sites scanned on loopback, an expert's scores, scoring, grading and every report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ceping.campaign import experts
from ceping.campaign.campaigns import framework_of
from ceping.campaign.roles import create_user
from ceping.cli import main
from ceping.demo import units_path
from ceping.web.models import Campaign, Finding, IndicatorResult, UnitResultRecord
from tests.scanfarm import AS_OF, served_farm

FRAMEWORK = "national-spot-check"
NAME = "2025年度政府网站抽查"
CATEGORIES = {"QG01": "门户网站", "QG02": "门户网站", "QB01": "部门网站", "QB02": "部门网站"}


def units_table(path: Path, urls: list[str]) -> Path:
    lines = ["代码,名称,简称,类别,网站"]
    for (code, category), url in zip(CATEGORIES.items(), urls, strict=True):
        lines.append(f"{code},测试{category}{code},{code}网站,{category},{url}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ceping(*args: str) -> None:
    assert main(list(args)) == 0, args


def score_as_expert(campaign: Campaign, points: dict[str, str]) -> None:
    expert = create_user("e1", "correct horse battery", "expert")
    items = experts.expert_items(framework_of(campaign))
    assert [i.code for i in items] == ["C3"]
    for unit in campaign.units.all():
        assignment = experts.assign(campaign, expert, unit)
        given = {"C3": experts.ScoreInput(points=points[unit.code])}
        assert experts.save_scores(assignment, given, expert, submit=True) == {}


@pytest.mark.django_db(transaction=True)
def test_a_national_campaign_runs_end_to_end(tmp_path: Path, capsys: Any) -> None:
    # Units of the seed's Shanghai framework are stored too: the national campaign leaves them out.
    ceping("units", "import", str(units_path()))
    with served_farm(sites=4, pages_per_site=60) as urls:
        table = units_table(tmp_path / "units.csv", urls)
        ceping(
            "campaign",
            "create",
            NAME,
            "--year",
            "2025",
            "--framework",
            FRAMEWORK,
            "--units",
            str(table),
        )
        created = capsys.readouterr()
        assert f"已建立测评活动：{NAME}（政府网站抽查评分（持续监测），4 个单位）" in created.out
        ceping("campaign", "scan", NAME, "--allow-private", "--as-of", AS_OF, "--per-host", "2")
    campaign = Campaign.objects.get(name=NAME)
    assert dict(campaign.units.values_list("code", "category")) == CATEGORIES

    expert_points = {"QG01": 5.0, "QG02": 4.0, "QB01": 3.5, "QB02": 0.0}
    score_as_expert(campaign, {code: f"{points:g}" for code, points in expert_points.items()})
    ceping("campaign", "score", NAME)
    results = {
        r.unit.code: r
        for r in UnitResultRecord.objects.filter(campaign=campaign).select_related("unit")
    }
    assert set(results) == set(CATEGORIES)
    for code, result in results.items():
        assert result.missing == [], code
        assert result.grade == ("合格" if result.total >= 60 else ""), code
        scores = {s.code: s.points for s in IndicatorResult.objects.filter(unit_result=result)}
        assert scores["C3"] == expert_points[code]
        # Each broken link the scan stored costs a point of A1 (15 points).
        broken = Finding.objects.filter(
            scan_run__campaign=campaign, scan_run__site__unit=result.unit, kind="broken_link"
        ).count()
        assert broken > 0, code  # the farm plants broken links on every site
        assert scores["A1"] == max(0, 15 - broken), code
    # Ranks are per category of the national framework.
    for category in set(CATEGORIES.values()):
        ranks = sorted(r.rank for r in results.values() if r.unit.category == category)
        assert ranks == [1, 2]

    out = tmp_path / "out"
    ceping("campaign", "report", NAME, "--out", str(out))
    for name in ("notice.docx", "notice.html", "scores.xlsx", "summary.json"):
        assert (out / name).is_file(), name
    assert sorted(p.stem for p in (out / "units").glob("*.docx")) == sorted(CATEGORIES)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary and "门户网站" in json.dumps(summary, ensure_ascii=False)
    notice = "\n".join(p.text for p in Document(str(out / "notice.docx")).paragraphs)
    # The generic notice (the framework names no template of its own) says what the data says.
    assert (
        f"依据《政府网站抽查评分（持续监测）》，组织开展了{NAME}，共对4个网站进行了测评" in notice
    )
    assert (
        "2025年各项比率" in notice and "对比" not in notice
    )  # no previous campaign to compare with
