"""Unit reports read back: total, grade, rank, points per indicator, every deduction with its
evidence."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ceping.report.text import points
from ceping.scoring.results import CampaignResults

from .seed_results import HOSTILE_URL


def _open(folder: Path, code: str) -> docx.document.Document:
    return docx.Document(str(folder / f"{code}.docx"))


def _cells(document: docx.document.Document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


def test_one_report_per_unit(report: tuple[Path, list[Path]], rebuilt: CampaignResults) -> None:
    files = sorted(p.name for p in (report[0] / "units").iterdir())
    assert files == sorted(f"{u.code}.docx" for u in rebuilt.units)
    assert len(files) == 86


def test_rebuilt_unit_report(report: tuple[Path, list[Path]], rebuilt: CampaignResults) -> None:
    unit = next(u for u in rebuilt.units if u.code == "QX09")
    document = _open(report[0] / "units", "QX09")
    texts = [p.text for p in document.paragraphs]
    category = rebuilt.framework.category("区县").label
    assert f"在17个{category}中排名第{unit.rank}位。" in next(t for t in texts if "（QX09）" in t)
    deducted = [s for s in unit.scores if s.deductions]
    assert deducted and all(
        any(t.startswith("（") and s.code in t for t in texts) for s in deducted
    )
    evidence = [c.text for t in document.tables[1:] for row in t.rows for c in row.cells]
    assert any("上下文：按装调试" in text.split("\n") for text in evidence)


def test_total_grade_and_rank(unit_reports: Path, results: CampaignResults) -> None:
    document = _open(unit_reports, "QX01")
    total = next(u.total for u in results.units if u.code == "QX01")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "上海市黄浦区人民政府网站\n2012年度测评报告"
    summary = next(t for t in texts if t.startswith("上海市黄浦区人民政府（QX01）"))
    assert f"得{total:g}分（满分100分），等级为优秀，在17个区县网站中排名第1位。" in summary
    ungraded = next(
        t for t in (p.text for p in _open(unit_reports, "KF06").paragraphs) if "（KF06）" in t
    )
    assert "开发区（园区）网站不评定等级" in ungraded
    assert len(document.inline_shapes) == 1  # the unit's chart


def test_points_per_indicator_against_the_maximum(
    unit_reports: Path, results: CampaignResults
) -> None:
    unit = next(u for u in results.units if u.code == "QX05")
    table = _cells(_open(unit_reports, "QX05"))[0]
    assert table[0] == ["代码", "指标", "得分", "满分", "失分"]
    rows = {row[0]: row for row in table[1:] if row[0]}
    assert set(rows) == {n.code for n in results.framework.walk()}
    for score in unit.scores:
        assert rows[score.code][2] == f"{score.points:.2f}"
        assert float(rows[score.code][3]) == score.max
        # Every point lost shows, an expert's as a machine's (the column once showed only
        # machine deductions: a leaf losing points to experts looked whole).
        lost = round(score.max - score.points, 2)
        assert rows[score.code][4] == (f"−{points(lost)}" if lost else "")
    assert rows["A2.5"][4] == "−2"  # a stale and a blank column
    assert rows["A"][2] == f"{unit.area_points['A']:.2f}"
    assert table[-1][1:4] == ["总分", f"{unit.total:.2f}", "100"]
    header = document_header_rows(_open(unit_reports, "QX05"))
    assert header[0]  # the header row repeats on every page


def document_header_rows(document: docx.document.Document) -> list[bool]:
    return [table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for table in document.tables]


@pytest.mark.parametrize(
    ("code", "evidence"),
    [
        (
            "QX01",
            [
                ["所在页面", "https://www.shhuangpu.gov.cn/xxgk/"],
                ["链接地址", HOSTILE_URL],
                ["状态码", "404"],
            ],
        ),
        (
            "QX01",
            [
                ["所在页面", "https://www.shhuangpu.gov.cn/"],
                ["链接地址", "https://old.shhuangpu.gov.cn/bs/"],
                ["错误信息", "连接被拒绝"],
            ],
        ),
        (
            "QX01",
            [
                ["所在页面", "https://www.shhuangpu.gov.cn/hd/"],
                ["错误文字", "帐号"],
                ["建议改为", "账号"],
                ["上下文", "请输入您的帐号<b>和密码</b>[31m"],
            ],
        ),
        (
            "QX05",
            [
                ["栏目地址", "https://www.shpt.gov.cn/tzgg/"],
                ["最近更新", "2011-09-30"],
                ["未更新天数", "458"],
            ],
        ),
        ("QX05", [["栏目地址", "https://www.shpt.gov.cn/zxft/"]]),
        ("QX05", [["缺少的功能", "站内搜索"]]),
        ("KF06", [["所在页面", "https://www.bsip.sh.cn/"], ["打开用时（毫秒）", "5400"]]),
        ("KF06", [["缺少的功能", "英文版"]]),
    ],
)
def test_every_deduction_with_its_evidence(
    unit_reports: Path, code: str, evidence: list[list[str]]
) -> None:
    rows = [
        [c.text for c in row.cells] for t in _open(unit_reports, code).tables[1:] for row in t.rows
    ]
    lines = [f"{label}：{value}" for label, value in evidence]
    # A long value goes on its own line under its label.
    assert any(row[2].replace("：\n", "：").split("\n")[1:] == lines for row in rows)


def test_deduction_headings_name_the_indicator(
    unit_reports: Path, results: CampaignResults
) -> None:
    texts = [p.text for p in _open(unit_reports, "QX01").paragraphs]
    assert "（一）A2.6 链接有效性（错链断链），扣0.5分" in texts
    assert "（二）A2.7 错别字，扣0.5分" in texts
    tables = _open(unit_reports, "QX01").tables
    assert [c.text for c in tables[2].rows[0].cells] == ["序号", "扣分", "问题与证据"]
    first = [c.text for c in tables[2].rows[1].cells]
    assert first[:2] == ["1", "0.25"] and first[2].startswith(
        "错链断链 1 处，扣 0.25 分\n所在页面："
    )
    unit = next(u for u in results.units if u.code == "QX02")
    clean = [p.text for p in _open(unit_reports, "QX02").paragraphs]
    if all(s.is_full for s in unit.scores):
        assert "本单位各项指标均得满分。" in clean
    else:
        assert "本单位各项指标均得满分。" not in clean
