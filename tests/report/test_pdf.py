"""notice.pdf through LibreOffice, when it is installed; a clear error when it is required and
absent."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from ceping.errors import ReportError
from ceping.report.layout import Fonts, add_run, format_paragraph
from ceping.report.notice_docx import new_document, save
from ceping.report.pagination import fill, read_pages
from ceping.report.pdf import FONT_STAND_INS, Conversion, convert_to_pdf, fontconfig, libreoffice


def test_fontconfig_maps_every_official_font_name() -> None:
    config = fontconfig()
    for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
        assert f"<family>{name}</family>" in config
        assert name in FONT_STAND_INS


def test_missing_program_is_a_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="LibreOffice 未能转换为 PDF"):
        convert_to_pdf(tmp_path / "notice.docx", tmp_path, program=str(tmp_path / "no-soffice"))


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_notice_pdf(report: tuple[Path, list[Path]], tmp_path: Path) -> None:
    docx = tmp_path / "notice.docx"
    shutil.copy(report[0] / "notice.docx", docx)
    pdf = convert_to_pdf(docx, tmp_path)
    assert pdf == tmp_path / "notice.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type/Page\n") + data.count(b"/Type /Page/")
        >= 0
    )
    assert len(data) > 50_000


def _docx_chars(path: Path) -> Counter[str]:
    """Every character of the document body (text and tables, not the page-number footers)."""
    body = docx.Document(str(path)).element.body
    return Counter(c for t in body.iter(qn("w:t")) for c in (t.text or "") if not c.isspace())


def _pdf_chars(path: Path) -> Counter[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = (line for line in text.splitlines() if not PAGE_NUMBER.match(line))
    return Counter(c for line in lines for c in line if not c.isspace())


PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")


NEEDS_TOOLS = pytest.mark.skipif(
    libreoffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed",
)


@pytest.fixture(scope="module")
def rendered(
    report: tuple[Path, list[Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Path]]:
    """The demo's notice and every unit report, .docx → PDF in one LibreOffice run, by name."""
    folder = tmp_path_factory.mktemp("rendered")
    sources = [report[0] / "notice.docx", *sorted((report[0] / "units").glob("*.docx"))]
    pdfs = Conversion(sources, folder).wait()
    return {
        "notice" if docx_path.parent == report[0] else docx_path.stem: (docx_path, pdf)
        for docx_path, pdf in zip(sources, pdfs, strict=True)
    }


def _lost_or_added(docx_path: Path, pdf: Path) -> tuple[dict[str, int], set[str]]:
    expected, printed = _docx_chars(docx_path), _pdf_chars(pdf)
    # Nothing added but table header rows, which repeat on every page a table runs over.
    headers = {c for row in _header_rows(docx_path) for c in row}
    return dict(expected - printed), set(printed - expected) - headers


@NEEDS_TOOLS
def test_pdf_prints_every_character_of_the_docx(rendered: dict[str, tuple[Path, Path]]) -> None:
    """The notice and all 86 unit reports of the demo, punctuation included: line-end marks
    (「制度建设，」) once went missing in LibreOffice's rendering."""
    assert len(rendered) == 87
    wrong = {name: _lost_or_added(*paths) for name, paths in rendered.items()}
    assert {name: diff for name, diff in wrong.items() if diff != ({}, set())} == {}


@NEEDS_TOOLS
def test_no_unit_report_page_but_the_last_is_half_empty(
    rendered: dict[str, tuple[Path, Path]],
) -> None:
    """Every unit report of the demo, measured from its PDF (tests/report/test_pagination.py
    looks at three of them with their reasons)."""
    half_empty = {
        name: [page.number for page in read_pages(pdf)[:-1] if fill(pdf, page.number) < 0.5]
        for name, (_, pdf) in rendered.items()
        if name != "notice"
    }
    assert len(half_empty) == 86
    assert {name: pages for name, pages in half_empty.items() if pages} == {}


# 避头尾 (GB/T 15834 punctuation; the line-breaking rules of Chinese typesetting): no line starts
# with a mark that closes or follows, none ends with a mark that opens.
NOT_AT_LINE_START = frozenset("，。、；：？！）》」』】〉”’…·%")
NOT_AT_LINE_END = frozenset("（《「『【〈“‘")


def _printed_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) of every printed line. pdftotext splits a widely spaced line (justified
    over an unbreakable URL) into one "line" a character: pieces it gives one after the other
    on the same baseline, each right of the one before, are one line again. Table cells come
    cell by cell, so only a cell of one line joins the next cell's first line."""
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    )
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True, no_network=True))
    found: list[tuple[int, str]] = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        last: tuple[float, float] | None = None  # the previous piece's top and right edge
        for line in page.iter(f"{XHTML}line"):
            text = "".join((w.text or "").strip() for w in line.iter(f"{XHTML}word"))
            top, left = float(line.get("yMin", 0)), float(line.get("xMin", 0))
            if last is not None and abs(top - last[0]) < 1 and left > last[1] and found:
                found[-1] = (number, found[-1][1] + text)
            elif text:
                found.append((number, text))
            last = (top, float(line.get("xMax", 0)))
    return found


XHTML = "{http://www.w3.org/1999/xhtml}"


def _badly_broken(pdf: Path) -> list[tuple[int, str]]:
    """(page, line) of every line that starts or ends against the rules."""
    return [
        (page, text)
        for page, text in _printed_lines(pdf)
        if text[0] in NOT_AT_LINE_START or text[-1] in NOT_AT_LINE_END
    ]


@NEEDS_TOOLS
def test_line_breaks_follow_chinese_typesetting(rendered: dict[str, tuple[Path, Path]]) -> None:
    broken = {name: _badly_broken(pdf) for name, (_, pdf) in rendered.items()}
    assert {name: lines for name, lines in broken.items() if lines} == {}


def _header_rows(path: Path) -> list[str]:
    return [
        "".join(c.text for c in table.rows[0].cells)
        for table in docx.Document(str(path)).tables
        if table.rows[0]._tr.trPr is not None
        and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ]


@NEEDS_TOOLS
def test_a_line_that_breaks_the_rules_is_caught(tmp_path: Path) -> None:
    """The check above reads real lines: a forced break before 「，」 and after 「“」 is found."""
    document = new_document(Fonts())
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, indent_chars=0)
    add_run(paragraph, "网站栏目“", Fonts().body).add_break()
    add_run(paragraph, "政务公开”", Fonts().body).add_break()
    add_run(paragraph, "，按时更新。", Fonts().body)
    save(document, tmp_path / "broken.docx")
    pdf = convert_to_pdf(tmp_path / "broken.docx", tmp_path)
    assert _badly_broken(pdf) == [(1, "网站栏目“"), (1, "，按时更新。")]
