"""Tables inside .docx reports: fixed widths, repeated header rows, rows that never split."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from ceping.report.layout import SIZE_SMALL_4, set_rfonts
from ceping.report.text import clean

CELL_LINE = Pt(18)  # exact, so cell text does not snap to the 29 pt body grid
CELL_STYLE = "表格文字"
STRONG_CELL_STYLE = "表格标题"
GRID_STYLE_ID = "TableGrid"  # "Table Grid" of python-docx's default template
# Grid style, centred, fixed column widths (as python-docx writes them for autofit=False).
TABLE_PROPERTIES = (
    f'<w:tblPr><w:tblStyle w:val="{GRID_STYLE_ID}"/><w:tblW w:type="auto" w:w="0"/>'
    '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
)


def add_cell_styles(document: DocumentObject, family: str, strong_family: str) -> None:
    """The paragraph styles of table cells, plain and strong (headers, sums): formatting once in
    a style, not on 20,000 paragraphs. Every document that gets tables needs them first."""
    _cell_style(document, CELL_STYLE, family)
    _cell_style(document, STRONG_CELL_STYLE, strong_family)


def _cell_style(document: DocumentObject, name: str, family: str) -> ParagraphStyle:
    styles = document.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = styles["Normal"]
    style.font.size = SIZE_SMALL_4
    set_rfonts(style.element.get_or_add_rPr(), family)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = CELL_LINE
    fmt.first_line_indent = Pt(0)
    fmt.space_before = fmt.space_after = Pt(1)
    return style


def _cell(style_id: str, jc: str, keep: bool, width_twips: int, text: str) -> str:
    """One <w:tc>: its width, a paragraph in a cell style, "\n" as line breaks."""
    lines = clean(text, one_line=False).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    keep_next = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width_twips}"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep_next}<w:jc w:val="{jc}"/></w:pPr>'
        f"<w:r>{runs}</w:r></w:p></w:tc>"
    )


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    centred: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    keep_together: bool = False,
) -> Table:
    """A grid table; the header row repeats on every page and no row breaks across pages.

    `keep_together` keeps every row on one page (for a table short enough to move whole).
    The XML is written as one string and parsed once: python-docx's cell setters, which search
    the schema order of every element they add, made tables the slowest part of the reports."""
    plain, strong = _style_id(CELL_STYLE), _style_id(STRONG_CELL_STYLE)
    widths = [Mm(w).twips for w in widths_mm]
    xml = [f"<w:tbl {nsdecls('w')}>{TABLE_PROPERTIES}<w:tblGrid>"]
    xml += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    xml.append("</w:tblGrid>")
    bold = set(bold_rows)
    for r, values in enumerate([list(header), *[list(v) for v in rows]]):
        header_row = '<w:tblHeader w:val="true"/>' if r == 0 else ""
        xml.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/>{header_row}</w:trPr>')
        # CJK faces have no bold cut: the 黑体 face for headers and sums instead of fake bold.
        style = strong if r == 0 or (r - 1) in bold else plain
        # Not the header alone: LibreOffice then keeps the whole table with what precedes it.
        keep = keep_together and r < len(rows)
        for c, value in enumerate(values):
            centre = r == 0 or c in centred
            xml.append(_cell(style, "center" if centre else "left", keep, widths[c], value))
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl = parse_xml("".join(xml))
    body = document.element.body
    body._insert_tbl(tbl)
    return Table(tbl, document._body)


def _style_id(name: str) -> str:
    """python-docx's id of a style it added: the name without spaces (no lookup per table)."""
    return name.replace(" ", "")
