"""summary.json and notice.html: every statistic by name; the same notice, escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from ceping.scoring.results import CampaignResults


def test_outputs_listed(report: tuple[Path, list[Path]]) -> None:
    out, written = report
    names = {p.relative_to(out).as_posix() for p in written}
    assert {
        "notice.docx",
        "notice.html",
        "scores.xlsx",
        "summary.json",
        "units/QX01.docx",
        "charts/rates.png",
        "charts/totals-区县.png",
    } <= names
    assert "notice.pdf" not in names  # pdf=False
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_summary_has_every_statistic_by_name(
    report: tuple[Path, list[Path]], rebuilt: CampaignResults
) -> None:
    summary = json.loads((report[0] / "summary.json").read_text(encoding="utf-8"))
    stats = summary["statistics"]
    # 142, plus the public's own rates on C and D and every rate over all scaled leaves,
    # and the four site features the scan counts (with:english …), for 7 scopes
    assert len(stats) == len(rebuilt.statistics) == 142 + 7 * 3 + 7 * 5 + 7 * 4
    assert stats["with:english.区县"]["value"] == 15
    assert stats["public_convenient_rate.C.区县网站"]["label"] == "公众认为方便的比例"
    assert stats["convenient_rate.C.区县网站"]["label"] == "专家和公众认为方便的比例"
    assert round(stats["good_rate.A1.区县网站"]["value"], 1) == 91.9
    assert stats["full_marks.A1.部门网站"]["value"] == 19
    assert round(stats["convenient_rate.C.区县网站"]["change"]) == 8
    assert stats["grade_count:优秀.市政府部门"]["value"] == 22
    assert round(stats["basic_satisfaction_rate.D"]["previous"], 1) == 88.6
    assert stats["info_submitted"]["value"] == 127046
    assert summary["graded"]["优秀"]["区县"] == [
        "黄浦区",
        "长宁区",
        "静安区",
        "奉贤区",
        "浦东新区",
        "徐汇区",
    ]
    assert len(summary["graded"]["良好"]["市政府部门"]) == 18
    figures = summary["notice_figures"]
    assert figures["adoption_rate|change(上年, 增加)"] == "比上年增加4个百分点"
    assert figures["good_rate B 区县网站|round(0)"] == "73%"
    assert figures["public_count|wan"] == "1万"
    assert summary["is_sample_data"] is True


class _Blocks(HTMLParser):
    """The text of each paragraph and heading of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "h1", "h2", "h3"):
            self.blocks.append("")
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h1", "h2", "h3"):
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks[-1] += data


def html_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def test_html_notice(
    report: tuple[Path, list[Path]], seed_lines: list[str], notice_body: list[str]
) -> None:
    html = (report[0] / "notice.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    blocks = html_blocks(html)
    first = blocks.index(notice_body[0])
    assert blocks[first : first + len(notice_body)] == notice_body
    listed = seed_lines[seed_lines.index("一、优秀单位") :]
    first = blocks.index("一、优秀单位")
    assert blocks[first : first + len(listed)] == listed
    assert html.count("data:image/png;base64,") == 3
    assert "<h2>一、优秀单位</h2>" in html
