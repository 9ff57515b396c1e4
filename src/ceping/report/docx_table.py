"""Tables inside .docx reports: fixed widths, repeated header rows, rows that never split."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from ceping.report.layout import SIZE_SMALL_4, set_run_font
from ceping.report.text import clean

CELL_LINE = Pt(18)  # exact, so cell text does not snap to the 29 pt body grid


def _on(parent: OxmlElement, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    parent.append(element)


def write_cell(cell: _Cell, text: str, family: str, *,
               align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = CELL_LINE
    fmt.first_line_indent = Pt(0)
    fmt.space_before = fmt.space_after = Pt(1)
    fmt.alignment = align
    run = paragraph.add_run(clean(text))
    set_run_font(run, family, SIZE_SMALL_4)


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
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, values in enumerate([list(header), *[list(v) for v in rows]]):
        row = table.rows[r]
        tr_pr = row._tr.get_or_add_trPr()
        _on(tr_pr, "w:cantSplit")
        if r == 0:
            _on(tr_pr, "w:tblHeader")
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Mm(widths_mm[c])
            align = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c in centred else WD_ALIGN_PARAGRAPH.LEFT
            # CJK faces have no bold cut; headers take the 黑体 face instead of fake bold.
            strong = r == 0 or (r - 1) in bold_rows
            write_cell(cell, value, strong_family if strong else family, align=align)
            # Word and LibreOffice keep a table on one page when every row but the last keeps with the next.
            cell.paragraphs[0].paragraph_format.keep_with_next = keep_together and r < len(rows)
    for c, width in enumerate(widths_mm):
        table.columns[c].width = Mm(width)
    return table
