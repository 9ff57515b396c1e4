"""A unit report under national-2019: a department without external services shows its points
before the ×4/3 and the scaled total; a unit awaiting the organizer's verdict says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ceping.framework import load_framework, shipped_framework_path
from ceping.report.charts import total_bands
from ceping.report.unit_report import write_unit_report
from ceping.scoring import (
    CampaignInputs,
    CampaignResults,
    ExpertRating,
    OrganizerVerdict,
    UnitInput,
    score_campaign,
)
from ceping.scoring.informative import informative_findings

FRAMEWORK = load_framework(shipped_framework_path("national-2019"))
SCAN = {"url": "https://a.example/", "reachable": True, "pages": 9, "findings": []}
POINTS = {
    "N1": {"A1": 20.0, "C1": 15.0, "D1": 25.0},  # 60 of 75, × 4/3 = 80
    "B1": {"A1": 20.0, "B1": 25.0, "C1": 15.0, "D1": 25.0},  # 85 of 100
    "G1": {"A1": 24.0, "B1": 23.0, "C1": 22.0, "D1": 22.0, "E1": 12.0},  # 91 + 12
}
CATEGORIES = {"N1": "无对外服务部门", "B1": "部门网站", "G1": "门户网站"}


def _results(
    verdicts: list[OrganizerVerdict], findings: list[dict[str, Any]] | None = None
) -> CampaignResults:
    """Every unit's site clean, but B1's carries `findings`."""
    inputs = CampaignInputs(
        "检查",
        2025,
        scans={**dict.fromkeys(POINTS, SCAN), "B1": {**SCAN, "findings": findings or []}},
        expert=[
            ExpertRating(code, leaf, "E1", points=value)
            for code, points in POINTS.items()
            for leaf, value in points.items()
        ],
        verdicts=verdicts,
    )
    units = [UnitInput(code, f"测试{code}", code, CATEGORIES[code]) for code in POINTS]
    return score_campaign(FRAMEWORK, units, inputs)


def _report(
    results: CampaignResults,
    code: str,
    path: Path,
    evidence: dict[str, str] | None = None,
    findings: dict[str, list[dict[str, Any]]] | None = None,
) -> tuple[str, list[list[str]]]:
    unit = next(u for u in results.units if u.code == code)
    write_unit_report(results, unit, None, path, veto_evidence=evidence, veto_findings=findings)
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "代码")
    return body, [[c.text for c in row.cells] for row in table.rows]


CLEARED = [
    OrganizerVerdict("N1", "V8", hit=False),
    *(OrganizerVerdict(code, veto, hit=False) for code in ("B1", "G1") for veto in ("V8", "V9")),
]


def test_a_unit_without_services_shows_the_points_before_and_after_scaling(
    tmp_path: Path,
) -> None:
    body, rows = _report(_results(CLEARED), "N1", tmp_path / "n1.docx")
    assert (
        "本单位为部门网站（无对外服务职能），不检查办事服务，其余各项指标得分合计60分"
        "（满分75分），乘以4/3折算为80分（满分100分）。"
    ) in body
    assert "各项指标共失15分，涉及2项指标" in body  # 5 on A1 and 10 on C1, out of 75
    assert rows[-2:] == [
        ["", "折算前合计", "60.00", "75", ""],
        ["", "总分", "80.00", "100", ""],
    ]


def test_a_unit_scored_on_every_area_has_no_scaling(tmp_path: Path) -> None:
    body, rows = _report(_results(CLEARED), "B1", tmp_path / "b1.docx")
    assert "折算" not in body and "乘以" not in body
    assert "各项指标共失15分，涉及2项指标" in body
    assert rows[-1] == ["", "总分", "85.00", "100", ""]
    assert all(row[1] != "折算前合计" for row in rows)


def test_a_unit_awaiting_the_organizer_s_verdict_says_so(tmp_path: Path) -> None:
    results = _results([OrganizerVerdict("B1", "V8", hit=False)])
    body, _ = _report(results, "B1", tmp_path / "b1.docx")
    assert "以下单项否决指标尚待组织方核实，核实前不评定等级：V9“服务不实用" in body
    assert "缺少测评数据" not in body  # a pending veto is not missing data
    body, _ = _report(results, "N1", tmp_path / "n1.docx")
    assert "尚待组织方核实，核实前不评定等级：V8“安全、泄密事故等严重问题" in body
    assert "V9" not in body  # not checked on 办事服务, so not on its guides either


def test_a_portal_s_bonus_is_no_negative_loss(tmp_path: Path) -> None:
    body, rows = _report(_results(CLEARED), "G1", tmp_path / "g1.docx")
    assert "得103分（满分100分）" in body
    # Lost: 1 + 2 + 3 + 3 on the deduction part, 18 of the bonus's 30.
    assert "各项指标共失27分（其中加分指标满分30分，未得18分），涉及5项指标" in body
    assert rows[-1] == ["", "总分", "103.00", "100", ""]


def test_a_veto_the_organizer_verified_shows_its_evidence(tmp_path: Path) -> None:
    leak = "2025-03-02 首页附件含涉密文件，已截图存档"
    verdicts = [
        OrganizerVerdict("B1", "V8", hit=True, evidence=leak),
        OrganizerVerdict("B1", "V9", hit=False),
    ]
    body, _ = _report(_results(verdicts), "B1", tmp_path / "b1.docx", {"V8": leak})
    assert "本单位触发单项否决项“安全、泄密事故等严重问题" in body
    assert f"V8经组织方核实，依据：{leak}" in body
    clean, _ = _report(_results(CLEARED), "B1", tmp_path / "clean.docx")
    assert "经组织方核实" not in clean


def test_a_machine_veto_names_the_findings_that_made_it_hit(tmp_path: Path) -> None:
    blank = [{"kind": "blank_column", "page": f"http://a.gov.cn/col/{i}/"} for i in range(12)]
    results = _results(CLEARED, blank)
    body, _ = _report(results, "B1", tmp_path / "b1.docx", findings={"V4": blank})
    assert "V4由以下问题触发（共12处，列出前10处）：" in body
    assert "（1）空白栏目：栏目地址：http://a.gov.cn/col/0/" in body
    assert "（10）空白栏目：栏目地址：http://a.gov.cn/col/9/" in body
    assert "（11）" not in body
    clean, _ = _report(_results(CLEARED), "N1", tmp_path / "n1.docx")
    assert "由以下问题触发" not in clean


def test_informative_findings_are_shown_without_points(tmp_path: Path) -> None:
    found = [
        {"kind": "missing_identifier", "page": "http://a.gov.cn/", "identifier": "icp"},
        *({"kind": "weak_tls", "page": "https://a.gov.cn/", "reason": "expired"} for _ in range(7)),
    ]
    results = _results(CLEARED, found)
    unit = next(u for u in results.units if u.code == "B1")
    shown = informative_findings(FRAMEWORK, found)
    path = tmp_path / "b1.docx"
    write_unit_report(results, unit, None, path, informative=shown)
    body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "、不计分的检查结果" in body
    assert "（1）网站标识（网站标识码、ICP备案编号、公安机关备案号、党政机关网站标识、" in body
    assert "发现1处，供指标D1 功能设计（按检查指标逐项扣分）评分或核实时参考。" in body
    assert "1. 缺少网站必备标识：" in body and "ICP" in body
    assert "（2）安全防护（HTTPS、HTTP跳转、HSTS、TLS配置、混合内容、IPv6）：发现7处。" in body
    assert "（其余2处从略）" in body  # five shown of seven
    assert "未发现问题的参考项：移动终端适配（页面未声明 viewport）、" in body
    # The points are the experts' alone: the findings cost nothing.
    assert "得85分（满分100分）" in body
    plain, _ = _report(results, "B1", tmp_path / "plain.docx")
    assert "不计分的检查结果" not in plain
    # A finding's line with its URL is set flush left: justified, LibreOffice spread the words
    # before the unbreakable URL a character apart ("缺　少　网　站　必　备　标　识").
    listed = [p for p in docx.Document(str(path)).paragraphs if p.text.startswith("1. ")]
    assert listed and {p.alignment for p in listed} == {WD_ALIGN_PARAGRAPH.LEFT}


def test_every_unit_is_in_its_category_s_distribution_chart(rebuilt: CampaignResults) -> None:
    """A portal's bonus lifts its total above 100: the chart's bands reach past it (the notice's
    图1 said 共2个 and drew one)."""
    results = _results(CLEARED)
    edges, counts = total_bands(results, "门户网站")
    assert edges[-2:] == [100.0, 105.0] and counts[-1] == 1  # G1's 103
    for campaign in (results, rebuilt):
        for category in campaign.framework.category_names:
            _, counts = total_bands(campaign, category)
            assert sum(counts) == len(campaign.in_category(category)), category
    assert total_bands(rebuilt, "区县")[0] == [60.0 + 5 * i for i in range(9)]  # as before
