"""How LibreOffice paginated a document, read back from its PDF, and the print layout of the
notice that follows from it (GB/T 9704-2012 §7.3.5, §7.4).

LibreOffice moves a whole paragraph that is kept with the next one to a new page when the two
do not fit, where Word lets the paragraph split and keeps only its last lines with the next
(OOXML: "at least partly on the same page"). The notice keeps its last paragraph with the
signature, so that the signature never stands on a page without body text; LibreOffice then
left a page 40 % blank above it. The print copy splits that paragraph where LibreOffice broke
its lines, two lines before its end: those two lines go with the signature, the rest fills the
page before. And the 版记 goes at the foot of the last page, which must be an even page for
two-sided printing: on the last page of text when that page is even and has room, otherwise
in a section that starts on the next even page (LibreOffice and Word add the blank page).

Read with poppler's pdftotext (text and line boxes) and pdftoppm (ink, for charts and rules);
without them the notice is printed as written.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image

MM = 72 / 25.4  # points per millimetre
BLOCK_TOP = 37 * MM  # the GB/T 9704 text block (layout.set_page): top margin 37 mm
BLOCK_HEIGHT = 225 * MM
KEEP_LINES = 2  # lines of the last paragraph that go with the signature (widow control's two)
INK_DPI = 24  # enough to see a line of text or a rule; a page renders in milliseconds
INK_LEVEL = 200  # grey below this is ink (anti-aliased text at this size is light)
_XHTML = "{http://www.w3.org/1999/xhtml}"
_SPACE = re.compile(r"\s+")
TOOL_TIMEOUT_S = 60
IMPRINT_LINE_PT = 22.0  # notice_docx.IMPRINT_LINE_TWIPS


@dataclass(frozen=True)
class Line:
    text: str  # without spaces (pdftotext puts them between runs of other scripts)
    top: float  # points from the page's top edge
    bottom: float


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PrintLayout:
    """What the print copy changes: where the last paragraph splits, where the 版记 goes."""

    split_last_at: int | None = None  # characters of the last body paragraph before the split
    imprint_on_even_page: bool = False  # the 版记 in a section starting on the next even page
    # The text ends on an even page, so a blank page comes before the 版记's: neither carries a
    # page number (GB/T 9704-2012 §7.5: 版记页前有空白页的，空白页和版记页均不编排页码).
    imprint_unnumbered: bool = False
    # (caption, width in mm) of each chart narrowed to fit the page it left more than half
    # empty by going whole to the next one.
    chart_widths: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class ChartBox:
    """A chart of the notice as written: its caption (图N　…) and size on the page."""

    caption: str
    width_mm: float
    height_mm: float


def has_tools() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None


def read_pages(pdf: Path) -> list[Page]:
    """Every page's text lines with their boxes (pdftotext -bbox-layout)."""
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        timeout=TOOL_TIMEOUT_S,
        check=True,
    )
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True, no_network=True))
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        lines = [
            Line(
                _SPACE.sub("", "".join(w.text or "" for w in line.iter(f"{_XHTML}word"))),
                float(line.get("yMin", 0)),
                float(line.get("yMax", 0)),
            )
            for line in page.iter(f"{_XHTML}line")
        ]
        pages.append(Page(number, tuple(sorted(lines, key=lambda x: x.top))))
    return pages


def ink_bottom(pdf: Path, page: int, above: float | None = None) -> float | None:
    """The lowest ink of a page inside the text block (and above `above`, in points from the
    top), or None for a blank block: text, images and rules alike."""
    done = subprocess.run(
        ["pdftoppm", "-r", str(INK_DPI), "-gray", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        timeout=TOOL_TIMEOUT_S,
        check=True,
    )
    image = Image.open(io.BytesIO(done.stdout)).convert("L")
    scale = INK_DPI / 72
    top = int(BLOCK_TOP * scale)
    bottom = int((BLOCK_TOP + BLOCK_HEIGHT) * scale)
    if above is not None:
        bottom = min(bottom, int(above * scale))
    width = image.width
    pixels = image.load()
    assert pixels is not None
    for y in range(bottom - 1, top - 1, -1):
        if any(int(pixels[x, y]) < INK_LEVEL for x in range(width)):  # type: ignore[arg-type]
            return (y + 1) / scale
    return None


def fill(pdf: Path, page: int) -> float:
    """How much of the text block a page fills, top to its lowest ink (0 to 1)."""
    low = ink_bottom(pdf, page)
    return 0.0 if low is None else min(1.0, (low - BLOCK_TOP) / BLOCK_HEIGHT)


def plan_print_layout(
    pdf: Path,
    last_paragraph: str,
    signature: str,
    imprint: Sequence[str],
    charts: Sequence[ChartBox] = (),
) -> PrintLayout:
    """The print layout of a notice from LibreOffice's PDF of it as written."""
    pages = read_pages(pdf)
    last_text = _last_text_page(pages, imprint)
    narrowed = _last_chart_width(pdf, pages, charts, last_text, imprint)
    if narrowed:
        # The chart moves up to the page before; the 版记 takes a page of its own, or its frames
        # would ride along with the chart and hold it back.
        last_text -= 1
        even_page = any(line.strip() for line in imprint)
    else:
        even_page = _imprint_needs_even_page(pdf, pages, imprint)
    return PrintLayout(
        _split_point(pdf, pages, last_paragraph, signature),
        even_page,
        even_page and last_text % 2 == 0,
        narrowed,
    )


CAPTION_MM = 10.2  # a caption's line (the body's exact 28.95 pt)
CHART_SLACK_MM = 9.0  # the picture paragraph, the caption line below its ink, 24-dpi rounding
MIN_CHART_SCALE = 0.7  # smaller, a chart's labels would be too small to read on paper


def _last_chart_width(
    pdf: Path,
    pages: list[Page],
    charts: Sequence[ChartBox],
    last_text: int,
    imprint: Sequence[str],
) -> tuple[tuple[str, float], ...]:
    """A tall chart that ends the text on a page of its own, leaving the page before more than
    half empty (the rate chart after a short one): the width at which it fits the space left
    there, when that keeps at least MIN_CHART_SCALE of its size; () otherwise. Only the last
    page's chart: moving it changes no other page."""
    if last_text < 2:
        return ()
    texts = [line.text for line in _body_lines(pages[last_text - 1], imprint)]
    # A chart is a picture: the only text of a page it fills alone is its caption.
    chart = {_SPACE.sub("", c.caption): c for c in charts}.get(texts[0]) if texts else None
    if chart is None or len(texts) != 1 or fill(pdf, last_text - 1) >= 0.5:
        return ()
    low = ink_bottom(pdf, last_text - 1)
    if low is None:
        return ()
    room = (BLOCK_TOP + BLOCK_HEIGHT - low) / MM - CAPTION_MM - CHART_SLACK_MM
    scale = room / chart.height_mm
    if not MIN_CHART_SCALE <= scale < 1:
        return ()
    return ((chart.caption, round(chart.width_mm * scale, 1)),)


def _last_text_page(pages: list[Page], imprint: Sequence[str]) -> int:
    """The number of the last page with text other than the 版记 and the page number."""
    return next((p.number for p in reversed(pages) if _body_lines(p, imprint)), 0)


def _body_lines(page: Page, imprint: Sequence[str]) -> list[Line]:
    """A page's lines but its page number and the 版记's lines at the foot of the block (抄送…,
    the printing office and, read apart from it, the date …印发)."""
    wanted = [_SPACE.sub("", line)[:8] for line in imprint if line.strip()]
    foot = BLOCK_TOP + BLOCK_HEIGHT - (len(wanted) + 1) * IMPRINT_LINE_PT - 12

    def in_imprint(line: Line) -> bool:
        said = line.text.startswith(("抄送", *wanted)) or line.text.endswith("印发")
        return bool(wanted) and line.top >= foot and said

    return [
        line for line in page.lines if not PAGE_NUMBER.match(line.text) and not in_imprint(line)
    ]


PAGE_NUMBER = re.compile(r"^—\d+—$")  # "— 3 —" as read back (spaces removed)


def _split_point(pdf: Path, pages: list[Page], paragraph: str, signature: str) -> int | None:
    """Characters of the last paragraph to leave on the page before the signature's, when it
    went whole to the signature's page and left that page more than half empty."""
    text = _SPACE.sub("", paragraph)
    wanted = _SPACE.sub("", signature)
    if not text or not wanted:
        return None
    at = next(
        (p for p in pages for line in p.lines if line.text == wanted),
        None,
    )
    if at is None or at.number == 1:
        return None
    # The paragraph's lines, from the top of the signature's page.
    taken, lines = "", 0
    for line in at.lines:
        if not text.startswith(taken + line.text):
            break
        taken, lines = taken + line.text, lines + 1
        if taken == text:
            break
    if taken != text or lines < 2 * KEEP_LINES:
        return None  # not moved whole, or too short to split
    if fill(pdf, at.number - 1) >= 0.5:
        return None
    tail = "".join(line.text for line in at.lines[lines - KEEP_LINES : lines])
    return _index_in(paragraph, len(text) - len(tail))


def _index_in(paragraph: str, kept: int) -> int:
    """The index in `paragraph` after its first `kept` non-space characters."""
    seen = 0
    for index, char in enumerate(paragraph):
        if seen == kept:
            return index
        if not char.isspace():
            seen += 1
    return len(paragraph)


def _imprint_needs_even_page(pdf: Path, pages: list[Page], imprint: Sequence[str]) -> bool:
    """Whether the 版记 must move to the next even page: its page is odd, or it shares the page
    with text it comes too close to (less than a line of air)."""
    wanted = [_SPACE.sub("", line) for line in imprint if line.strip()]
    if not wanted or not pages:
        return False
    last = pages[-1]
    # The 版记's lines are at the foot of the block (the 落款 above may read the same).
    foot = BLOCK_TOP + BLOCK_HEIGHT - len(wanted) * IMPRINT_LINE_PT - 12
    found = [
        line
        for line in last.lines
        if line.top >= foot and any(line.text.startswith(w[:8]) for w in wanted)
    ]
    if not found:
        return True  # not where it belongs: put it on a page of its own
    if last.number % 2:
        return True
    rule_top = min(line.top for line in found) - 8  # the heavy rule above its first line
    content = ink_bottom(pdf, last.number, above=rule_top)
    return content is not None and content > rule_top - 29  # one body line of air
