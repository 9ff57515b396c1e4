"""`ceping demo --framework national-2019`: twelve loopback sites scanned for real, each veto fired
on its own site only, the organizer's verdict, 合格 and 不合格 on points, the ×4/3 scaling."""

from __future__ import annotations

from pathlib import Path

import docx

from ceping.demo.national import COMMENTS, UNITS
from ceping.report.pagination import has_tools, read_pages
from tests.commands import run_ceping
from tests.report.test_pagination import _half_empty_pages, _parts

# short name → (total, grade, what the 说明 column says)
EXPECTED = {
    "示范市政府": ("102.50", "合格", ""),  # 90.5 > 80: the bonus part counts
    "示范县政府": ("0.00", "", "否决 V4"),  # 5 blank columns
    "市教育局": ("72.50", "合格", ""),
    "市交通局": ("53.50", "", ""),  # below 60: 不合格, no veto
    # 10 stale columns (V3), 6 of them 动态要闻、通知公告、政策文件 past their windows (V10)
    "市民政局": ("0.00", "", "否决 V3、V10"),
    "市卫健委": ("0.00", "", "否决 V8"),  # the organizer's verdict, with its evidence
    "市统计局": ("0.00", "", "否决 V6"),  # a department that should offer services
    "市审计局": ("0.00", "", "否决 V1"),  # its site does not answer
    "市司法局": ("0.00", "", "否决 V2"),  # the home page's newest news is 30 days old
    "市人社局": ("0.00", "", "否决 V7"),  # messages unanswered for 120 days
    "市档案局": ("80.67", "合格", ""),  # no 网上办事, yet no veto: (19.5+20+21) × 4/3
    "市地方志办": ("0.00", "", "否决 V5"),  # no consultation channel
}


def _row(stdout: str, short_name: str) -> list[str]:
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 3 and cells[2] == short_name:
            return cells
    raise AssertionError(f"no row for {short_name}")


def test_the_national_demo_fires_each_veto_on_its_site_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_ceping(
        tmp_path, "demo", "--framework", "national-2019", "--out", str(out), columns=160
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(EXPECTED) == sorted(u.short_name for u in UNITS)
    for short_name, (total, grade, remark) in EXPECTED.items():
        cells = _row(result.stdout, short_name)
        assert cells[-4:-1] == [total, grade, remark], (short_name, cells)
    assert "V8 单项否决 安全、泄密事故等严重问题" in result.stdout
    reports = sorted(p.stem for p in (out / "units").glob("*.docx"))
    assert reports == sorted(u.code for u in UNITS)
    scaled = "\n".join(p.text for p in docx.Document(str(out / "units" / "NW01.docx")).paragraphs)
    assert "其余各项指标得分合计60.5分（满分75分），乘以4/3折算为80.67分" in scaled
    vetoed = "\n".join(p.text for p in docx.Document(str(out / "units" / "NB04.docx")).paragraphs)
    assert "触发单项否决项“安全、泄密事故等严重问题" in vetoed
    blank = "\n".join(p.text for p in docx.Document(str(out / "units" / "NG02.docx")).paragraphs)
    assert "V4由以下问题触发（共5处）：" in blank and "（5）空白栏目：栏目地址：" in blank
    leak = next(u.leak for u in UNITS if u.code == "NB04")
    assert f"V8经组织方核实，依据：{leak}" in vetoed
    # Signed and dated by the organizer's office, with its deadline, never "（发文机关）".
    assert "整改完成后，请将整改情况报送示范市人民政府办公室。" in vetoed
    assert "请于2026年2月28日前完成整改。" in vetoed and "（发文机关）" not in vetoed
    notice = "\n".join(p.text for p in docx.Document(str(out / "notice.docx")).paragraphs)
    assert "示范市人民政府办公室\t2026年1月15日印发" in notice and "（成文日期）" not in notice
    # No page of the notice as printed more than half empty but the last of a part: the tall
    # rate chart went whole to a page of its own after a short one, leaving it 34 % full.
    if has_tools() and (out / "notice.pdf").is_file():
        pages = read_pages(out / "notice.pdf")
        parts = _parts(pages, "2026年1月15日印发", "示范市人民政府办公室")
        assert _half_empty_pages(out / "notice.pdf", parts) == []
    # The expert's comments reach the report of the unit below 60, through the database.
    below = docx.Document(str(out / "units" / "NB02.docx"))
    reasons = "\n".join(c.text for t in below.tables for row in t.rows for c in row.cells)
    for said in COMMENTS.values():
        assert f"专家意见：“{said}”" in reasons
