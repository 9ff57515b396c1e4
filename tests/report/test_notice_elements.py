"""The notice's GB/T 9704 版头 and 版记, and the paragraphs the organizer writes (::text)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from ceping.errors import ReportError
from ceping.report import build_notice, parse_template
from ceping.report.notice_docx import write_notice_docx
from ceping.report.notice_html import render_notice_html
from ceping.report.template import load_template
from ceping.scoring.results import CampaignResults

TEMPLATE = """::masthead {{masthead}}
::number {{number}}
::signer {{signer}}
::copy-to {{copy_to}}
::printed-by {{printed_by}}
::printed-on {{printed_on}}
::title 关于测评情况的通报
::addressee 各有关单位：
一、测评结果
共{{units}}个单位参加测评。
::text portal_work 门户网站全年发布信息的数量
二、工作要求
::signature {{issuer}}
::date {{date}}
"""
TEXTS = {
    "masthead": "××市人民政府办公厅文件",
    "number": "×府办〔2013〕12号",
    "copy_to": "市委办公厅，市人大常委会办公厅",
    "printed_by": "××市人民政府办公厅",
    "printed_on": "2013年4月2日",
    "issuer": "××市人民政府办公厅",
    "date": "2013年4月2日",
    "portal_work": "门户网站全年发布各类文件2134件。\n<b>要闻</b>动态98979条。",
}


def _write(results: CampaignResults, texts: dict[str, str], path: Path) -> docx.document.Document:
    notice = build_notice(results, parse_template(TEMPLATE, "t.txt"), [], texts)
    write_notice_docx(notice, path)
    return docx.Document(str(path))


def test_masthead_number_and_red_rule_open_the_notice(
    results: CampaignResults, tmp_path: Path
) -> None:
    document = _write(results, TEXTS, tmp_path / "n.docx")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "××市人民政府办公厅文件" and texts[3] == "×府办〔2013〕12号"
    assert texts[1:3] == ["", ""]  # the number stands two lines below the mark
    mark = document.paragraphs[0]
    assert {str(r.font.color.rgb) for r in mark.runs} == {"FF0000"}
    assert mark.alignment == 1  # centred
    rule = document.paragraphs[4]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    title = next(i for i, t in enumerate(texts) if t == "关于测评情况的通报")
    assert title > 4


def test_a_signer_stands_right_of_the_number(results: CampaignResults, tmp_path: Path) -> None:
    document = _write(results, {**TEXTS, "signer": "张三"}, tmp_path / "n.docx")
    number = next(p for p in document.paragraphs if p.text.startswith("×府办"))
    assert number.text == "×府办〔2013〕12号\t签发人：张三"


def test_imprint_sits_at_the_foot_of_the_last_page(
    results: CampaignResults, tmp_path: Path
) -> None:
    document = _write(results, TEXTS, tmp_path / "n.docx")
    framed = [p for p in document.paragraphs if p._p.pPr.find(qn("w:framePr")) is not None]
    assert [p.text for p in framed] == [
        "抄送：市委办公厅，市人大常委会办公厅。",
        "××市人民政府办公厅\t2013年4月2日印发",
    ]
    frames = [p._p.pPr.find(qn("w:framePr")) for p in framed]
    assert {f.get(qn("w:vAnchor")) for f in frames} == {"margin"}
    # The last line's foot on the text block's: 225 mm down, less its 22 pt and the rules.
    assert [int(f.get(qn("w:y"))) for f in frames] == [
        Mm(225).twips - 2 * 440 - 60,
        Mm(225).twips - 440 - 60,
    ]

    def rule(paragraph: object, side: str) -> str | None:
        borders = paragraph._p.pPr.find(qn("w:pBdr"))  # type: ignore[attr-defined]
        line = borders.find(qn(f"w:{side}"))
        return None if line is None else line.get(qn("w:sz"))

    # Heavy rules (0.35 mm) first and last, a light one (0.25 mm) between.
    assert [rule(framed[0], "top"), rule(framed[0], "bottom"), rule(framed[1], "bottom")] == [
        "8",
        "6",
        "8",
    ]


def test_nothing_unwritten_is_printed(results: CampaignResults, tmp_path: Path) -> None:
    bare = {k: v for k, v in TEXTS.items() if k in ("issuer", "date")}
    notice = build_notice(results, parse_template(TEMPLATE, "t.txt"), [], bare)
    assert (notice.masthead, notice.number, notice.copy_to) == ("", "", "")
    assert notice.missing_texts == (("portal_work", "门户网站全年发布信息的数量"),)
    write_notice_docx(notice, tmp_path / "n.docx")
    document = docx.Document(str(tmp_path / "n.docx"))
    assert document.paragraphs[0].text == "关于测评情况的通报"
    assert not any(p._p.pPr.find(qn("w:framePr")) is not None for p in document.paragraphs)
    assert not any("2134" in p.text for p in document.paragraphs)


def test_the_organizers_paragraphs_are_printed_as_written(results: CampaignResults) -> None:
    notice = build_notice(results, parse_template(TEMPLATE, "t.txt"), [], TEXTS)
    texts = [b.text for b in notice.body]
    at = texts.index("门户网站全年发布各类文件2134件。")
    assert texts[at + 1] == "<b>要闻</b>动态98979条。"  # words, never markup or placeholders
    html = render_notice_html(notice)
    assert "&lt;b&gt;要闻&lt;/b&gt;" in html and "××市人民政府办公厅文件" in html
    assert notice.missing_texts == ()


def test_a_text_needs_a_plain_name() -> None:
    with pytest.raises(ReportError, match="应写成 ::text 名称 说明"):
        parse_template("::title x\n::text 门户 说明\n", "t")
    fields = load_template(None, "notice-shanghai-2012.txt").free_texts()
    assert fields[0] == ("portal_rankings", "门户网站和各子网站在各类测评中的名次")


def test_the_organizer_sets_the_addressee(rebuilt: CampaignResults) -> None:
    """主送机关 is the campaign's, like the other GB/T 9704 elements; its colon is added once."""
    template = load_template(None, "notice-shanghai-2012.txt")
    shipped = build_notice(rebuilt, template, [], {})
    assert shipped.addressee == "各区、县人民政府，市政府各委、办、局："
    for typed in ("各区人民政府，市政府各部门", "各区人民政府，市政府各部门："):
        notice = build_notice(rebuilt, template, [], {"addressee": typed})
        assert notice.addressee == "各区人民政府，市政府各部门："
    generic = build_notice(rebuilt, load_template(None, "notice-generic.txt"), [], {})
    assert generic.addressee == "各有关单位："
