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
from ceping.web.models import Campaign, Finding, IndicatorResult, Unit, UnitResultRecord
from tests.scanfarm import AS_OF, served_farm

FRAMEWORK = "national-2019"
TITLE = "政府网站检查（国办秘函〔2019〕19号）"
NAME = "2025年度政府网站检查"
CATEGORIES = {"QG01": "门户网站", "QG02": "门户网站", "QN01": "无对外服务部门", "QB01": "部门网站"}
# Each expert's points per leaf: A1..D1 the deduction part (25 each), E1 the portals' bonus.
EXPERT_POINTS = {
    "QG01": {"A1": 24, "B1": 23, "C1": 22, "D1": 20, "E1": 10},  # 89 > 80: + 10
    "QG02": {"A1": 20, "B1": 15, "C1": 20, "D1": 15, "E1": 10},  # 70: no bonus
    "QB01": {"A1": 20, "B1": 15, "C1": 15, "D1": 15, "E1": 30},  # no bonus for departments
    "QN01": {"A1": 20, "B1": 25, "C1": 20, "D1": 20, "E1": 30},  # (20+20+20) × 4/3 = 80
}
EXPECTED_TOTALS = {"QG01": 99.0, "QG02": 70.0, "QB01": 65.0, "QN01": 80.0}
# The organizer's verdicts on the vetoes no finding decides: QG02 published a secret.
LEAK = "2025-03-02 首页《通知》附件含涉密文件，已截图存档"
ORGANIZER_HITS = {"QG02": ["V8"]}


def units_table(path: Path, urls: list[str]) -> Path:
    lines = ["代码,名称,简称,类别,网站"]
    for (code, category), url in zip(CATEGORIES.items(), urls, strict=True):
        lines.append(f"{code},测试{category}{code},{code}网站,{category},{url}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ceping(*args: str) -> None:
    assert main(list(args)) == 0, args


def score_as_expert(campaign: Campaign) -> None:
    expert = create_user("e1", "correct horse battery", "expert")
    items = experts.expert_items(framework_of(campaign))
    assert [i.code for i in items] == ["A1", "B1", "C1", "D1", "E1"]
    for unit in campaign.units.all():
        assignment = experts.assign(campaign, expert, unit)
        given = {
            code: experts.ScoreInput(points=f"{points:g}")
            for code, points in EXPERT_POINTS[unit.code].items()
        }
        assert experts.save_scores(assignment, given, expert, submit=True) == {}


def enter_verdicts(campaign: Campaign) -> None:
    """The organizer's verdict on each organizer veto that applies to each unit."""
    for unit in campaign.units.all():
        for veto in ("V8", "V9"):
            if veto == "V9" and unit.category == "无对外服务部门":
                continue
            if veto in ORGANIZER_HITS.get(unit.code, []):
                ceping("campaign", "verdict", NAME, unit.code, veto, "--hit", "--evidence", LEAK)
            else:
                ceping("campaign", "verdict", NAME, unit.code, veto, "--clear")


def vetoes_expected(campaign: Campaign, unit: Unit) -> list[str]:
    """The table's single vetoes, counted from the findings the scan stored for the unit."""
    found = Finding.objects.filter(scan_run__campaign=campaign, scan_run__site__unit=unit)

    def count(kind: str, feature: str | None = None) -> int:
        rows = [f for f in found if f.kind == kind]
        if feature is not None:
            rows = [f for f in rows if (f.data or {}).get("feature") == feature]
        return len(rows)

    hits = {
        "V1": count("unreachable") >= 1,
        "V2": count("stale_home") >= 1,
        "V3": count("stale_column") >= 10,
        "V4": count("blank_column") >= 5,
        "V5": count("missing_feature", "政民互动") >= 1,
        "V6": count("missing_feature", "网上办事") >= 1 and unit.category != "无对外服务部门",
        "V7": count("unanswered_message") >= 1,
        "V8": "V8" in ORGANIZER_HITS.get(unit.code, []),
    }
    return [code for code, hit in hits.items() if hit]


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
        # The terminal wraps long lines: compare without white space.
        assert f"已建立测评活动：{NAME}（{TITLE}，4个单位）" in "".join(created.out.split())
        ceping("campaign", "scan", NAME, "--allow-private", "--as-of", AS_OF, "--per-host", "2")
    campaign = Campaign.objects.get(name=NAME)
    assert dict(campaign.units.values_list("code", "category")) == CATEGORIES

    score_as_expert(campaign)
    # Before the organizer's verdicts every unit is pending on them: scored, not graded.
    ceping("campaign", "score", NAME)
    pending = dict(
        UnitResultRecord.objects.filter(campaign=campaign).values_list("unit__code", "missing")
    )
    assert pending == {
        "QG01": ["V8", "V9"],
        "QG02": ["V8", "V9"],
        "QB01": ["V8", "V9"],
        "QN01": ["V8"],
    }
    assert not UnitResultRecord.objects.filter(campaign=campaign).exclude(grade="").exists()
    enter_verdicts(campaign)
    ceping("campaign", "score", NAME)
    results = {
        r.unit.code: r
        for r in UnitResultRecord.objects.filter(campaign=campaign).select_related("unit")
    }
    assert set(results) == set(CATEGORIES)
    vetoed = 0
    for code, result in results.items():
        assert result.missing == [], code
        vetoes = vetoes_expected(campaign, result.unit)
        assert result.vetoes == vetoes, code
        vetoed += bool(vetoes)
        total = 0.0 if vetoes else EXPECTED_TOTALS[code]
        assert (result.total, result.max) == (total, 100.0), code
        assert result.grade == ("合格" if total >= 60 and not vetoes else ""), code
        scores = {s.code: s.points for s in IndicatorResult.objects.filter(unit_result=result)}
        if result.unit.category == "无对外服务部门":
            # 办事服务 is not checked; the sum of the rest (out of 75) is scaled by 4/3.
            assert sorted(scores) == ["A1", "C1", "D1"], code
            assert scores["A1"] == EXPERT_POINTS[code]["A1"], code
        elif result.unit.category == "部门网站":
            assert sorted(scores) == ["A1", "B1", "C1", "D1"], code  # the bonus is for portals
        else:
            assert sorted(scores) == ["A1", "B1", "C1", "D1", "E1"], code
    assert vetoed < len(results)  # the farm leaves some sites to be scored on points
    # Ranks are per category of the national framework.
    for category in set(CATEGORIES.values()):
        ranks = sorted(r.rank for r in results.values() if r.unit.category == category)
        assert ranks == list(range(1, len(ranks) + 1))

    out = tmp_path / "out"
    ceping("campaign", "report", NAME, "--out", str(out))
    for name in ("notice.docx", "notice.html", "scores.xlsx", "summary.json"):
        assert (out / name).is_file(), name
    assert sorted(p.stem for p in (out / "units").glob("*.docx")) == sorted(CATEGORIES)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary and "门户网站" in json.dumps(summary, ensure_ascii=False)
    notice = "\n".join(p.text for p in Document(str(out / "notice.docx")).paragraphs)
    # The generic notice (the framework names no template of its own) says what the data says.
    assert f"依据《{TITLE}》，组织开展了{NAME}，共对4个网站进行了测评" in notice
    assert (
        "2025年各项比率" in notice and "对比" not in notice
    )  # no previous campaign to compare with
