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

from ceping.errors import ReportError
from ceping.report.pdf import FONT_STAND_INS, convert_to_pdf, fontconfig, libreoffice


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


@pytest.mark.skipif(
    libreoffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed",
)
@pytest.mark.parametrize("name", ["notice.docx", "units/QX01.docx", "units/GW05.docx"])
def test_pdf_prints_every_character_of_the_docx(
    report: tuple[Path, list[Path]], tmp_path: Path, name: str
) -> None:
    """Line-end punctuation (「制度建设，」) once went missing in LibreOffice's rendering."""
    source = tmp_path / Path(name).name
    shutil.copy(report[0] / name, source)
    pdf = convert_to_pdf(source, tmp_path)
    expected, printed = _docx_chars(source), _pdf_chars(pdf)
    assert {c: n for c, n in (expected - printed).items()} == {}  # nothing dropped
    # Nothing added but table header rows, which repeat on every page a table runs over.
    headers = {c for row in _header_rows(source) for c in row}
    assert set(printed - expected) <= headers


def _header_rows(path: Path) -> list[str]:
    return [
        "".join(c.text for c in table.rows[0].cells)
        for table in docx.Document(str(path)).tables
        if table.rows[0]._tr.trPr is not None
        and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ]
