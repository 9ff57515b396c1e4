"""GB/T 9704-2012 page and type rules for python-docx documents (DESIGN.md §7)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ceping.report.text import clean

# Font sizes of Chinese typesetting (号) in points.
SIZE_2 = Pt(22)  # 二号: title
SIZE_3 = Pt(16)  # 三号: body, headings
SIZE_4 = Pt(14)  # 四号: page numbers
SIZE_SMALL_4 = Pt(12)  # 小四: table cells
CHAR = 16.0  # width of one body character (pt): indents are counted in characters
# 225 mm of text block / 22 lines = 28.95 pt per line.
LINE_PITCH_TWIPS = 579
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
# 156 mm = 442.2 pt holds 27 characters of 16 pt; set 98 % wide they are 28 (439 pt), and a
# 29th does not fit. Scaled glyphs, not condensed spacing: LibreOffice drops a line-end
# punctuation mark it lets hang (，、。 past the 28th character) when the runs are condensed and
# the paragraph justified, so its PDF lost text the .docx has.
CHAR_SCALE_PERCENT = 98


# The order of w:rPr children in the OOXML schema (CT_RPr), as far as we may add them.
RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


@dataclass(frozen=True)
class Fonts:
    """Font family names as Word and WPS on a government PC know them."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"
    table: str = "仿宋_GB2312"


def set_run_font(run: Run, family: str, size: Pt | None = None, *, bold: bool = False) -> None:
    """Name the font for every script slot: Word and WPS pick CJK glyphs from w:eastAsia."""
    rpr = run._r.get_or_add_rPr()
    set_rfonts(rpr, family)
    run.font.bold = bold
    if size is not None:
        run.font.size = size


def rpr_child(rpr: CT_RPr, tag: str) -> BaseOxmlElement:
    """The child `tag` of a w:rPr, created in schema order (Word rejects misordered run
    properties)."""
    found: BaseOxmlElement | None = rpr.find(qn(tag))
    if found is not None:
        return found
    element: BaseOxmlElement = OxmlElement(tag)
    rpr.insert_element_before(element, *RPR_ORDER[RPR_ORDER.index(tag) + 1 :])
    return element


def set_rfonts(rpr: CT_RPr, family: str) -> None:
    rfonts = rpr_child(rpr, "w:rFonts")
    # Theme attributes win over explicit names in Word; drop them so the names count.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)
    rfonts.set(qn("w:hint"), "eastAsia")


def add_run(
    paragraph: Paragraph, text: str, family: str, size: Pt = SIZE_3, *, bold: bool = False
) -> Run:
    """A run of cleaned text (no control characters can reach the XML)."""
    run = paragraph.add_run(clean(text, one_line=False))
    set_run_font(run, family, size, bold=bold)
    return run


def set_page(document: DocumentObject) -> None:
    """A4, text block 156 × 225 mm (top 37, left 28), a 22-line × 28-character grid."""
    for section in document.sections:
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance = Mm(15)
        section.footer_distance = Mm(21)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # No snapping grid: LibreOffice puts a 16 pt glyph into two cells of a 15.8 pt character
        # grid and adds leading to a line grid. Exact 28.95 pt line spacing gives the 22 lines,
        # 98 % wide glyphs (CHAR_SCALE_PERCENT) the 28 characters, in Word, WPS and LibreOffice.
        grid.attrib.pop(qn("w:type"), None)
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        grid.attrib.pop(qn("w:charSpace"), None)


def format_paragraph(
    paragraph: Paragraph,
    *,
    indent_chars: float = 2.0,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    keep_with_next: bool = False,
    left_chars: float = 0.0,
    right_chars: float = 0.0,
) -> None:
    """Exact 28.95 pt lines, indents in characters (also as *Chars for Word's grid)."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = align
    fmt.widow_control = True
    fmt.keep_with_next = keep_with_next
    fmt.first_line_indent = Pt(indent_chars * CHAR)
    fmt.left_indent = Pt(left_chars * CHAR)
    fmt.right_indent = Pt(right_chars * CHAR)
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if indent_chars >= 0:
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
    else:
        ind.set(qn("w:hangingChars"), str(int(-indent_chars * 100)))
    if left_chars:
        ind.set(qn("w:leftChars"), str(int(left_chars * 100)))
    if right_chars:
        ind.set(qn("w:rightChars"), str(int(right_chars * 100)))


def set_default_style(document: DocumentObject, fonts: Fonts) -> None:
    """Normal style: 3号 仿宋 black, Chinese language, on the line grid."""
    style = document.styles["Normal"]
    style.font.size = SIZE_3
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    set_rfonts(rpr, fonts.body)
    lang = rpr_child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr_child(rpr, "w:w").set(qn("w:val"), str(CHAR_SCALE_PERCENT))
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    for name, family in (("Heading 1", fonts.heading1), ("Heading 2", fonts.heading2)):
        heading = document.styles[name]
        heading.font.size = SIZE_3
        heading.font.bold = False
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        set_rfonts(heading.element.get_or_add_rPr(), family)
        hfmt = heading.paragraph_format
        hfmt.space_before = hfmt.space_after = Pt(0)
        hfmt.keep_with_next = True
        hfmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        hfmt.line_spacing = LINE_PITCH


def _field(paragraph: Paragraph, instruction: str, shown: str, family: str, size: Pt) -> None:
    """A Word field (PAGE) so every page shows its own number."""
    for kind in ("begin", None, "separate", "text", "end"):
        run = paragraph.add_run()
        set_run_font(run, family, size)
        if kind == "text":
            run.text = shown
        elif kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def set_page_numbers(document: DocumentObject, fonts: Fonts) -> None:
    """4号 "— 1 —" below the text block: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        for footer, align, side in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.alignment = align
            fmt.first_line_indent = Pt(0)
            fmt.space_before = fmt.space_after = Pt(0)
            indent = Pt(14)  # 一字 of 4号
            if side == "right":
                fmt.right_indent = indent
            else:
                fmt.left_indent = indent
            add_run(paragraph, "— ", fonts.page_number, SIZE_4)
            _field(paragraph, "PAGE", "1", fonts.page_number, SIZE_4)
            add_run(paragraph, " —", fonts.page_number, SIZE_4)


# Style ids of python-docx's template (readers' outline and navigation pane use them).
HEADING_1, HEADING_2 = "Heading1", "Heading2"


def styled_paragraph(document: DocumentObject, style_id: str | None = None) -> Paragraph:
    """A new paragraph in a style given by id: python-docx's lookup by name searches every
    style of the template each time, a second of the 86 unit reports."""
    paragraph = document.add_paragraph()
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def page_break(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True


RED = "FF0000"  # the red of the masthead and its rule (GB/T 9704 §7.2.3, §7.2.4)


def paragraph_border(paragraph: Paragraph, side: str, width_pt: float, color: str = "000000",
                     space_pt: int = 0) -> None:  # fmt: skip
    """A rule along one side of a paragraph: the masthead's red line, the 版记's lines."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr comes before spacing, ind, jc … in CT_PPr: insert it ahead of them.
        ahead = next((c for c in ppr if c.tag in _AFTER_PBDR), None)
        if ahead is None:
            ppr.append(borders)
        else:
            ahead.addprevious(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(round(width_pt * 8)))  # eighths of a point
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color)
    borders.append(line)


_AFTER_PBDR = frozenset(
    qn(f"w:{tag}")
    for tag in ("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
                "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
)  # fmt: skip
