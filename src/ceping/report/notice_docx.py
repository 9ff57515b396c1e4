"""The notice as a .docx laid out per GB/T 9704-2012."""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ceping.errors import CANNOT_WRITE, ReportError
from ceping.report.docx_table import add_cell_styles
from ceping.report.layout import (
    CHAR,
    HEADING_1,
    HEADING_2,
    RED,
    SIZE_2,
    SIZE_4,
    Fonts,
    add_run,
    format_paragraph,
    page_break,
    paragraph_border,
    set_default_style,
    set_page,
    set_page_numbers,
    styled_paragraph,
)
from ceping.report.notice import Block, Notice
from ceping.report.pagination import PrintLayout
from ceping.report.text import display_width


def new_document(fonts: Fonts) -> DocumentObject:
    """An empty document with the GB/T 9704 page, styles, page numbers and table styles."""
    return Document(io.BytesIO(_base_document(fonts)))


@functools.cache
def _base_document(fonts: Fonts) -> bytes:
    # Set up once and read back for every report: 86 unit reports a run.
    document = Document()
    set_page(document)
    set_default_style(document, fonts)
    set_page_numbers(document, fonts)
    add_cell_styles(document, fonts.table, fonts.heading1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_notice_docx(
    notice: Notice, path: Path, fonts: Fonts | None = None, layout: PrintLayout | None = None
) -> Path:
    """`layout`: how LibreOffice's pagination of the notice as written is corrected
    (ceping.report.pagination): the 版记 on a page of its own, the last paragraph split."""
    fonts = fonts or Fonts()
    layout = layout or PrintLayout()
    document = new_document(fonts)
    _masthead(document, notice, fonts)
    _title(document, notice.title_lines, fonts)
    if notice.sample_note:
        _sample_note(document, notice.sample_note, fonts)
    _blank(document)
    if notice.addressee:
        add_run(
            _para(document, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT), notice.addressee, fonts.body
        )
    body = list(notice.body)
    split = layout.split_last_at
    if split is not None and body and body[-1].kind == "para" and 0 < split < len(body[-1].text):
        # Its last lines go with the signature, the rest fills the page before (pagination.py).
        last = body.pop()
        for block in body:
            _block(document, block, fonts, dict(layout.chart_widths))
        head = _para(document, align=WD_ALIGN_PARAGRAPH.DISTRIBUTE)  # a full last line
        add_run(head, last.text[:split], fonts.body)
        add_run(_para(document, indent=0), last.text[split:], fonts.body)
    else:
        for block in body:
            _block(document, block, fonts, dict(layout.chart_widths))
    # The last paragraph, the attachment note, the issuer and the date form one unit: a page
    # must not begin with the signature alone (GB/T 9704 §7.3.5).
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    if notice.attachments:
        _blank(document, keep=True)
        _attachment_note(document, [a.title for a in notice.attachments], fonts)
    add_signature(document, notice.signature, notice.date, fonts)
    for index, attachment in enumerate(notice.attachments, start=1):
        label = "附件" if len(notice.attachments) == 1 else f"附件{index}"
        first = _para(document, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        page_break(first)
        add_run(first, label, fonts.heading1)
        _blank(document)
        _title(document, attachment.title_lines, fonts)
        _blank(document)
        for block in attachment.blocks:
            _block(document, block, fonts, dict(layout.chart_widths))
    if layout.imprint_on_even_page and notice.imprint_lines():
        # The 版记 on the foot of an even page of its own (LibreOffice and Word add a blank page
        # when the text ends on an even page).
        section = document.add_section(WD_SECTION_START.EVEN_PAGE)
        if layout.imprint_unnumbered:  # after a blank page: no page number on either (§7.5)
            for footer in (section.footer, section.even_page_footer):
                footer.is_linked_to_previous = False  # an empty footer of its own
    _imprint(document, notice, fonts)
    save(document, path)
    return path


def save(document: DocumentObject, path: Path) -> None:
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        path.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise ReportError(f"{path}：{CANNOT_WRITE}") from exc


def _para(
    document: DocumentObject,
    indent: float = 2.0,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    left_chars: float = 0.0,
    right_chars: float = 0.0,
) -> Paragraph:
    paragraph = document.add_paragraph()
    format_paragraph(
        paragraph, indent_chars=indent, align=align, left_chars=left_chars, right_chars=right_chars
    )
    return paragraph


def _blank(document: DocumentObject, *, keep: bool = False) -> None:
    _para(document, indent=0).paragraph_format.keep_with_next = keep


def _title(document: DocumentObject, lines: tuple[str, ...], fonts: Fonts) -> None:
    paragraph = document.add_paragraph()
    format_paragraph(
        paragraph, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True
    )
    # A 2号 title on the 3号 grid: 35 pt lines keep long titles from touching.
    paragraph.paragraph_format.line_spacing = Pt(35)
    for index, line in enumerate(lines):
        run = add_run(paragraph, line, fonts.title, SIZE_2)
        if index < len(lines) - 1:
            run.add_break()


def _sample_note(document: DocumentObject, text: str, fonts: Fonts) -> None:
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    run = add_run(paragraph, text, fonts.heading2, Pt(14))
    run.font.color.rgb = RGBColor(0xB2, 0x22, 0x22)


def _block(
    document: DocumentObject,
    block: Block,
    fonts: Fonts,
    chart_widths: Mapping[str, float] | None = None,
) -> None:
    """`chart_widths`: a narrower width (mm) by caption, for a chart the print layout fits onto
    the page before (ceping.report.pagination)."""
    if block.kind == "h1":
        paragraph = styled_paragraph(document, HEADING_1)
        format_paragraph(paragraph, keep_with_next=True)
        add_run(paragraph, block.lead, fonts.heading1)
    elif block.kind == "h2" and not block.text:
        paragraph = styled_paragraph(document, HEADING_2)
        format_paragraph(paragraph, keep_with_next=True)
        add_run(paragraph, block.lead, fonts.heading2)
    elif block.kind == "h2":
        paragraph = document.add_paragraph()
        format_paragraph(paragraph)
        add_run(paragraph, block.lead, fonts.heading2)
        add_run(paragraph, block.text, fonts.body)
    elif block.kind == "chart" and block.chart is not None:
        picture = document.add_paragraph()
        format_paragraph(
            picture, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True
        )
        picture.paragraph_format.line_spacing = 1.0  # an exact line height would crop the image
        width = (chart_widths or {}).get(block.text, block.chart.width_mm)
        picture.add_run().add_picture(io.BytesIO(block.chart.png), width=Mm(width))
        caption = document.add_paragraph()
        format_paragraph(caption, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(caption, block.text, fonts.heading2, Pt(14))
    else:
        paragraph = _para(document)
        paragraph.paragraph_format.keep_with_next = block.keep_with_next
        add_run(paragraph, block.text, fonts.body)


def _attachment_note(document: DocumentObject, titles: list[str], fonts: Fonts) -> None:
    """附件：1．… with later items aligned under the first title (GB/T 9704 §7.3.4)."""
    if len(titles) == 1:
        paragraph = _para(document, indent=-3, left_chars=5)
        paragraph.paragraph_format.keep_with_next = True
        add_run(paragraph, f"附件：{titles[0]}", fonts.body)
        return
    for index, title in enumerate(titles, start=1):
        prefix = "附件：" if index == 1 else ""
        paragraph = _para(document, indent=-3 if index == 1 else 0, left_chars=5)
        paragraph.paragraph_format.keep_with_next = True
        add_run(paragraph, f"{prefix}{index}．{title}", fonts.body)


def add_signature(document: DocumentObject, signature: str, date: str, fonts: Fonts) -> None:
    """Issuer right, two characters in; the date below it, its first character two to the right."""
    if not signature and not date:
        return
    _blank(document, keep=True)
    width_sig, width_date = display_width(signature), display_width(date)
    right_sig = 2.0
    right_date = right_sig + width_sig - 2 - width_date
    if right_date < 2:  # a date longer than the issuer: the date sets the position
        right_date = 2.0
        right_sig = right_date + width_date + 2 - width_sig
    for text, right in ((signature, right_sig), (date, right_date)):
        if text:
            paragraph = _para(document, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=right)
            paragraph.paragraph_format.keep_with_next = text is signature
            add_run(paragraph, text, fonts.body)


IMPRINT_LINE_TWIPS = 440  # 22 pt lines of 4号 in the 版记
TEXT_WIDTH = 430.0  # pt a masthead may take: the 156 mm text block less a little air
MASTHEAD_MAX = 42.0  # pt; GB/T 9704 caps the mark at 22 mm high, an office's mark is smaller


def _masthead(document: DocumentObject, notice: Notice, fonts: Fonts) -> None:
    """版头 (GB/T 9704 §7.2): the issuing office's red mark, the document number two lines
    below it, with the signer on its right for a report to a higher office, then the red rule."""
    if not notice.masthead and not notice.number:
        return
    if notice.masthead:
        # Every character of a mark is set full width (× and digits too, in the title font).
        size = min(MASTHEAD_MAX, TEXT_WIDTH / max(len(notice.masthead), 1))
        mark = document.add_paragraph()
        format_paragraph(mark, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
        mark.paragraph_format.line_spacing = Pt(size * 1.25)
        add_run(mark, notice.masthead, fonts.title, Pt(size)).font.color.rgb = RGBColor(0xFF, 0, 0)
        _blank(document)
        _blank(document)
    if notice.number:
        if notice.signer:
            line = _para(document, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT, left_chars=1)
            line.paragraph_format.tab_stops.add_tab_stop(
                Pt(TEXT_WIDTH - CHAR), WD_TAB_ALIGNMENT.RIGHT
            )
            add_run(line, f"{notice.number}\t签发人：", fonts.body)
            add_run(line, notice.signer, fonts.heading2)
        else:
            add_run(_para(document, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER), notice.number,
                    fonts.body)  # fmt: skip
    # The red rule 4 mm below the number, as wide as the text block.
    rule = document.add_paragraph()
    format_paragraph(rule, indent_chars=0)
    rule.paragraph_format.line_spacing = Pt(11)
    paragraph_border(rule, "bottom", 2.0, RED)
    _blank(document)


def _imprint(document: DocumentObject, notice: Notice, fonts: Fonts) -> None:
    """版记 (GB/T 9704 §7.4) at the foot of the last page: 抄送, then the printing office and
    date, between a heavy rule at top and bottom and a light one in between.

    The lines are framed paragraphs placed at the foot of the text block: Word and LibreOffice
    both honour a paragraph frame's position (LibreOffice leaves a full-width floating table
    where it stands)."""
    lines = notice.imprint_lines()
    if not lines:
        return
    top = Mm(225).twips - len(lines) * IMPRINT_LINE_TWIPS - 60  # rules take a little height
    for index, (left, right) in enumerate(lines):
        paragraph = document.add_paragraph()
        format_paragraph(paragraph, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(14)  # 一字 of 4号
        fmt.line_spacing = Pt(IMPRINT_LINE_TWIPS / 20)
        if right:
            fmt.tab_stops.add_tab_stop(Pt(TEXT_WIDTH - 28), WD_TAB_ALIGNMENT.RIGHT)
        add_run(paragraph, f"{left}\t{right}" if right else left, fonts.body, SIZE_4)
        _frame_at(paragraph, top + index * IMPRINT_LINE_TWIPS)
        if index == 0:
            paragraph_border(paragraph, "top", 1.0)  # 0.35 mm
        paragraph_border(paragraph, "bottom", 1.0 if index == len(lines) - 1 else 0.75)
        # One frame per line, kept apart by an empty paragraph: LibreOffice reads two framed
        # paragraphs in a row as one frame and drops its position.
        spacer = document.add_paragraph()
        format_paragraph(spacer, indent_chars=0)
        spacer.paragraph_format.line_spacing = Pt(1)


def _frame_at(paragraph: Paragraph, y_twips: int) -> None:
    """Put a paragraph in a frame as wide as the text block, `y` below the block's top."""
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w", str(Mm(156).twips)),
        ("hAnchor", "margin"),
        ("vAnchor", "margin"),
        ("xAlign", "center"),
        ("y", str(y_twips)),
        ("wrap", "notBeside"),
        ("hRule", "auto"),
    ):
        frame.set(qn(f"w:{key}"), value)  # fmt: skip
    ppr = paragraph._p.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    keep = ppr.find(qn("w:keepNext"))
    anchor = keep if keep is not None else style
    if anchor is None:
        ppr.insert(0, frame)
    else:
        anchor.addnext(frame)
