"""Tables inside .docx reports: fixed widths, repeated header rows, rows that never split."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from ceping.report.layout import SIZE_SMALL_4, set_rfonts
from ceping.report.text import clean

CELL_LINE = Pt(18)  # exact, so cell text does not snap to the 29 pt body grid
CELL_STYLE = "表格文字"
STRONG_CELL_STYLE = "表格标题"


def _on(parent: BaseOxmlElement, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    parent.append(element)


def cell_style(document: DocumentObject, name: str, family: str) -> ParagraphStyle:
    """A paragraph style for cells: formatting once in the style, not on 20,000 paragraphs."""
    styles = document.styles
    if name in [s.name for s in styles]:
        found = styles[name]
        assert isinstance(found, ParagraphStyle)
        return found
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


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    family: str,
    strong_family: str,
    *,
    centred: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    keep_together: bool = False,
) -> Table:
    """A grid table; the header row repeats on every page and no row breaks across pages."""
    plain = cell_style(document, CELL_STYLE, family).style_id
    strong = cell_style(document, STRONG_CELL_STYLE, strong_family).style_id
    table: Table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in widths_mm]
    all_rows = [list(header), *[list(v) for v in rows]]
    for r, (row, values) in enumerate(zip(table.rows, all_rows, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        _on(tr_pr, "w:cantSplit")
        if r == 0:
            _on(tr_pr, "w:tblHeader")
        cells = row.cells  # computed anew on each access in python-docx: once per row
        for c, value in enumerate(values):
            cell = cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            # CJK faces have no bold cut; headers take the 黑体 face instead of fake bold.
            # Set by id: python-docx's style setter scans every style of the document each time.
            paragraph._p.get_or_add_pPr().style = (
                strong if r == 0 or (r - 1) in bold_rows else plain
            )
            centre = r == 0 or c in centred
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
            if keep_together and r < len(rows):
                # Word and LibreOffice keep a table on one page when each row keeps with the next.
                paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run(clean(value, one_line=False))  # "\n" becomes a line break
    for c, width in enumerate(widths):
        table.columns[c].width = width
    return table
