"""The notice .docx read back: GB/T 9704 page, fonts, headings, every figure and every listed
unit."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from ceping.report import Fonts
from ceping.report.charts import area_rates, unit_areas, value_labels
from ceping.report.text import rate
from ceping.scoring.results import CampaignResults

FONTS = Fonts()


@pytest.fixture(scope="module")
def notice(report: tuple[Path, list[Path]]) -> docx.document.Document:
    return docx.Document(str(report[0] / "notice.docx"))


def _texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _east_asia(run: docx.text.run.Run) -> str | None:
    rpr = run._r.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _find(document: docx.document.Document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text == text)


def test_page_is_a4_with_the_gbt9704_text_block(notice: docx.document.Document) -> None:
    def mm(length: int) -> float:
        return round(Mm(1).mm * length / Mm(1), 1)  # Word stores twips: compare to 0.1 mm

    for section in notice.sections:
        assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
        assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)
        assert mm(section.page_width - section.left_margin - section.right_margin) == 156
        assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225


def test_twenty_two_lines_of_twenty_eight_characters(notice: docx.document.Document) -> None:
    body = _find(notice, next(t for t in _texts(notice) if t.startswith("本次测评")))
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(body.paragraph_format.line_spacing.pt * 22 - Mm(225).pt) < 2  # 22 lines fill 225 mm
    normal = notice.styles["Normal"]
    assert normal.element.rPr.find(qn("w:spacing")) is None  # condensing loses punctuation in LO
    scale = int(normal.element.rPr.find(qn("w:w")).get(qn("w:val"))) / 100
    width = 28 * normal.font.size.pt * scale
    assert Mm(156).pt - 16 * scale < width <= Mm(156).pt  # 28 characters fit, 29 do not
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters


def test_title_body_and_heading_fonts(notice: docx.document.Document, results: object) -> None:
    title = notice.paragraphs[0]
    assert title.text == "上海市人民政府办公厅关于2012年\n政府网站测评情况的通报"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {(_east_asia(r), r.font.size) for r in title.runs} == {(FONTS.title, Pt(22))}
    body = _find(notice, next(t for t in _texts(notice) if t.startswith("本次测评")))
    assert {(_east_asia(r), r.font.size) for r in body.runs} == {(FONTS.body, Pt(16))}
    h1 = [p for p in notice.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in h1] == [
        "一、2012年政府网站测评内容和结果",
        "二、2012年政府网站工作成效",
        "一、优秀单位",
        "二、良好单位",
    ]
    assert all(
        _east_asia(r) == FONTS.heading1 and r.font.size == Pt(16) for p in h1 for r in p.runs
    )
    h2 = [p for p in notice.paragraphs if p.style.name == "Heading 2"]
    assert [p.text for p in h2] == [
        "（一）继续深化政府网站核心内容建设",
        "（二）围绕政府重点工作开展专栏建设",
        "（三）提升服务展示形象打造外文服务平台",
        "（四）以“十八大”召开为契机加强网站安全管理",
    ]
    assert all(_east_asia(r) == FONTS.heading2 for p in h2 for r in p.runs)
    assert all(
        p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
        for p in h1 + h2
    )
    run_in = _find(
        notice, next(t for t in _texts(notice) if t.startswith("（一）政府网站重点工作。"))
    )
    lead, rest = run_in.runs
    assert (lead.text, _east_asia(lead)) == ("（一）政府网站重点工作。", FONTS.heading2)
    assert _east_asia(rest) == FONTS.body and rest.text.startswith("主要考查")


def test_styles_name_east_asian_fonts_without_theme_overrides(
    notice: docx.document.Document,
) -> None:
    for name, family in (
        ("Normal", FONTS.body),
        ("Heading 1", FONTS.heading1),
        ("Heading 2", FONTS.heading2),
    ):
        fonts = notice.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == family
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None


def test_page_numbers_dash_number_dash_odd_right_even_left(notice: docx.document.Document) -> None:
    assert notice.settings.odd_and_even_pages_header_footer
    section = notice.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"
        assert "PAGE" in paragraph._p.xml
        assert {r.font.size for r in paragraph.runs} == {Pt(14)}
        assert {_east_asia(r) for r in paragraph.runs} == {FONTS.page_number}
    assert section.footer_distance < section.bottom_margin  # under the text block, on the page


def test_body_is_the_seed_notice_word_for_word(
    notice: docx.document.Document, notice_body: list[str]
) -> None:
    texts = _texts(notice)
    got_start = texts.index(notice_body[0])
    assert texts[got_start : got_start + len(notice_body)] == notice_body


def test_the_english_versions_are_counted_from_the_scan(rebuilt: object) -> None:
    stat = rebuilt.statistic  # type: ignore[attr-defined]
    assert (stat("with:english", "区县").value, stat("with:english", "市政府部门").value) == (
        15,
        22,
    )


@pytest.mark.parametrize(
    "figure",
    [
        "全市17个区县、48个市政府部门网站、7个管委会网站和14个开发区（园区）网站以及96位专家和近1万人次公众参加了测评",
        "6个区县网站和22个市政府部门网站获得优秀，8个区县网站和18个市政府部门网站获得良好",
        "优良率：区县网站为91.9%、部门网站为90.2%，其中7个区县网站和19个部门网站获满分",
        "优良率：区县网站为90.5%，部门网站为79.8%",
        "报送信息12.7万条，采用率85.4%，比上年增加4个百分点",
        "优良率：区县网站为73%，部门网站为51%",
        "共有91位专家、5056人次公众参加体验。综合4项指标测评结果",
        "区县网站为66.7%，比去年上升8个百分点；部门网站为74.7%，比去年上升11个百分点",
        "91位专家和9989人次公众参加网上测评。综合10项指标测评结果，基本满意率达95.6%，比去年上升7个百分点",
    ],
)
def test_every_figure_of_the_seed(notice: docx.document.Document, figure: str) -> None:
    assert any(figure in text for text in _texts(notice))


def test_attachment_note_signature_and_date(notice: docx.document.Document) -> None:
    texts = _texts(notice)
    assert "附件：1．2012年度上海市政府网站优秀、良好单位名单" in texts
    assert "2．2012年度上海市政府网站测评结果统计图" in texts
    signature, date = _find(notice, "上海市人民政府办公厅"), _find(notice, "2013年4月2日")
    assert signature.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signature.paragraph_format.keep_with_next  # never a page with the date alone
    # The date's first character stands two characters right of the issuer's (GB/T 9704 §7.3.5.2).
    sig_start = 28 - signature.paragraph_format.right_indent.pt / 16 - 10
    date_start = (
        28 - date.paragraph_format.right_indent.pt / 16 - 6
    )  # "2013年4月2日" is 6 characters wide
    assert date_start - sig_start == pytest.approx(2)
    assert texts.index("上海市人民政府办公厅") < texts.index("附件1")


def test_every_excellent_and_good_unit_in_the_seed_order(
    notice: docx.document.Document, seed_lines: list[str]
) -> None:
    texts = _texts(notice)
    expected = seed_lines[seed_lines.index("一、优秀单位") :]
    start = texts.index("一、优秀单位")
    assert texts[start : start + len(expected)] == expected
    assert texts[start - 1] == "2012年度上海市政府网站\n优秀、良好单位名单"
    assert texts[start - 2] == "附件1"
    assert _find(notice, "附件1").paragraph_format.page_break_before
    for label in ("区县政府：", "市政府部门："):  # never the last line of a page
        assert all(p.paragraph_format.keep_with_next for p in notice.paragraphs if p.text == label)


def test_charts_are_embedded_with_numbered_captions(notice: docx.document.Document) -> None:
    assert len(notice.inline_shapes) == 3
    texts = _texts(notice)
    assert "图1　区县网站总分分布（共17个）" in texts
    assert "图2　市政府部门网站总分分布（共48个）" in texts
    assert "图3　各项比率与2011年对比" in texts


def test_sample_data_is_said_under_the_title(notice: docx.document.Document) -> None:
    assert "样例数据" in notice.paragraphs[1].text


def test_chart_labels_print_rates_with_one_decimal(rebuilt: CampaignResults) -> None:
    """The rates chart and a unit's chart label every bar as the notice prints a rate: "51.0%"
    beside "91.9%" (they once mixed "51%" with "91.9%")."""
    assert value_labels([51.0, 91.94, 100.0]) == ["51.0%", "91.9%", "100.0%"]
    rates = area_rates(rebuilt)
    unit = unit_areas(rebuilt, rebuilt.units[0])
    for chart in (rates, unit):
        assert chart.labels and all(re.fullmatch(r"\d{1,3}\.\d%", t) for t in chart.labels)
    values = [s.value for s in rebuilt.statistics if s.unit == "%"]
    assert list(rates.labels) == [rate(v) for v in values]
