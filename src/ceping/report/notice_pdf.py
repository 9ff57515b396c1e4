"""notice.pdf: LibreOffice's rendering of notice.docx, its pagination corrected in a print copy
(ceping.report.pagination), made while the unit reports are written."""

from __future__ import annotations

import dataclasses
import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from ceping.report.layout import Fonts
from ceping.report.notice import Notice
from ceping.report.notice_docx import write_notice_docx
from ceping.report.pagination import ChartBox, PrintLayout, has_tools, plan_print_layout
from ceping.report.pdf import Conversion

log = logging.getLogger(__name__)


def chart_boxes(notice: Notice) -> list[ChartBox]:
    """Every chart of the notice with its caption and its size as written."""
    blocks = [*notice.body, *(b for a in notice.attachments for b in a.blocks)]
    boxes = []
    for block in blocks:
        if block.kind == "chart" and block.chart is not None:
            with Image.open(io.BytesIO(block.chart.png)) as image:
                width, height = image.size
            mm = block.chart.width_mm
            boxes.append(ChartBox(block.text, mm, mm * height / width))
    return boxes


class NoticePdf:
    """Started when notice.docx is written; `finish()` returns notice.pdf.

    LibreOffice renders the notice as written; its pages are read back; when the last paragraph
    left a page half empty or the 版记 is not on an even page of its own, notice.docx gets the
    版记's page and a print copy (the last paragraph split where LibreOffice broke its lines) is
    rendered once more."""

    def __init__(self, notice: Notice, docx: Path, out_dir: Path, fonts: Fonts) -> None:
        self.notice, self.docx, self.out_dir, self.fonts = notice, docx, out_dir, fonts
        self._work = tempfile.TemporaryDirectory(prefix="ceping-notice-")
        self.work = Path(self._work.name)
        first = self.work / "written" / "notice.docx"
        first.parent.mkdir()
        shutil.copyfile(docx, first)
        self._first: Conversion | None = Conversion([first], first.parent)
        self._second: Conversion | None = None
        self._layout = PrintLayout()

    def step(self) -> None:
        """Start the print copy as soon as the first rendering is read (called between units)."""
        if self._first is not None and not self._first.is_running():
            self._start_print_copy()

    def finish(self) -> Path:
        try:
            if self._first is not None:
                self._start_print_copy()
            final = self._second.wait()[0] if self._second is not None else self._rendered
            target = self.out_dir / "notice.pdf"
            shutil.copyfile(final, target)
            return target
        finally:
            self._work.cleanup()

    def abandon(self) -> None:
        for conversion in (self._first, self._second):
            if conversion is not None:
                conversion.abandon()
        self._first = self._second = None
        self._work.cleanup()

    def _start_print_copy(self) -> None:
        first, self._first = self._first, None
        assert first is not None
        self._rendered = first.wait()[0]
        if not has_tools():
            log.warning("poppler-utils (pdftotext, pdftoppm) missing: notice.pdf not paginated")
            return
        imprint = [left or right for left, right in self.notice.imprint_lines()]
        last = self.notice.body[-1].text if self.notice.body else ""
        charts = chart_boxes(self.notice)
        try:
            layout = plan_print_layout(self._rendered, last, self.notice.signature, imprint, charts)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("notice.pdf not paginated: %s", exc)
            return
        if layout == PrintLayout():
            return
        if layout.imprint_on_even_page or layout.chart_widths:  # the .docx gets them too
            as_written = dataclasses.replace(layout, split_last_at=None)
            write_notice_docx(self.notice, self.docx, self.fonts, as_written)
        copy = self.work / "print" / "notice.docx"
        copy.parent.mkdir()
        write_notice_docx(self.notice, copy, self.fonts, layout)
        self._second = Conversion([copy], copy.parent)
