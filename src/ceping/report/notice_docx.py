"""The notice as a .docx laid out per GB/T 9704-2012."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ceping.errors import CANNOT_WRITE, ReportError
from ceping.report.layout import (
    SIZE_2,
    Fonts,
    add_run,
    format_paragraph,
    page_break,
    set_default_style,
    set_page,
    set_page_numbers,
)
from ceping.report.notice import Block, Notice
from ceping.report.text import display_width


def new_document(fonts: Fonts) -> DocumentObject:
    document = Document()
    set_page(document)
    set_default_style(document, fonts)
    set_page_numbers(document, fonts)
    return document


def write_notice_docx(notice: Notice, path: Path, fonts: Fonts | None = None) -> Path:
    fonts = fonts or Fonts()
    document = new_document(fonts)
    _title(document, notice.title_lines, fonts)
    if notice.sample_note:
        _sample_note(document, notice.sample_note, fonts)
    _blank(document)
    if notice.addressee:
        add_run(
            _para(document, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT), notice.addressee, fonts.body
        )
    for block in notice.body:
        _block(document, block, fonts)
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
            _block(document, block, fonts)
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


def _block(document: DocumentObject, block: Block, fonts: Fonts) -> None:
    if block.kind == "h1":
        paragraph = document.add_paragraph(style="Heading 1")
        format_paragraph(paragraph, keep_with_next=True)
        add_run(paragraph, block.lead, fonts.heading1)
    elif block.kind == "h2" and not block.text:
        paragraph = document.add_paragraph(style="Heading 2")
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
        picture.add_run().add_picture(io.BytesIO(block.chart.png), width=Mm(block.chart.width_mm))
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
