"""Text from scanned sites and from people: markup stays text, control characters never reach the
files."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from ceping.errors import ReportError
from ceping.report import write_campaign_report
from ceping.scoring.results import CampaignResults

from .seed_results import HOSTILE_URL

# XML 1.0 forbids these; one of them makes Word refuse the whole file.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        }


def test_unit_report_keeps_markup_as_text(unit_reports: Path) -> None:
    path = unit_reports / "QX01.docx"
    parts = _xml_parts(path)
    document_xml = parts["word/document.xml"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document_xml
    assert "<script>" not in document_xml and "<b>" not in document_xml
    assert not any(FORBIDDEN.search(xml) for xml in parts.values())
    texts = [c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells]
    assert any(f"链接地址：\n{HOSTILE_URL}" in text for text in texts)


def test_every_written_office_file_is_free_of_control_characters(
    report: tuple[Path, list[Path]],
) -> None:
    for path in report[1]:
        if path.suffix in (".docx", ".xlsx"):
            assert not any(FORBIDDEN.search(xml) for xml in _xml_parts(path).values()), path


@pytest.fixture(scope="module")
def hostile(
    results: CampaignResults, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, CampaignResults]:
    """Names and texts with markup, control characters and a formula, in a small campaign."""
    units = [u for u in results.units if u.category == "区县"][:3]
    evil = dataclasses.replace(
        units[0], short_name='=HYPERLINK("http://x")<i>\x07', name="<b>黄浦</b>\x1b区"
    )
    small = dataclasses.replace(results, units=(evil, *units[1:]))
    texts = {"issuer": "<script>alert('办公厅')</script>\x00", "date": "2013年4月2日\x0c"}
    out = tmp_path_factory.mktemp("hostile")
    write_campaign_report(small, out, texts=texts, pdf=False)
    return out, small


def test_html_escapes_texts(hostile: tuple[Path, CampaignResults]) -> None:
    html = (hostile[0] / "notice.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;办公厅&#x27;)&lt;/script&gt;" in html
    assert "<script>" not in html and "<i>" not in html
    assert "=HYPERLINK(&quot;http://x&quot;)&lt;i&gt;" in html  # in the list of 优秀 units
    assert not FORBIDDEN.search(html)


def test_docx_and_xlsx_keep_hostile_texts_as_text(hostile: tuple[Path, CampaignResults]) -> None:
    out, small = hostile
    notice = docx.Document(str(out / "notice.docx"))
    texts = [p.text for p in notice.paragraphs]
    assert "<script>alert('办公厅')</script>" in texts
    assert "2013年4月2日" in texts
    sheet = openpyxl.load_workbook(out / "scores.xlsx")["区县"]
    cell = sheet["C2"]
    assert (
        cell.value == '=HYPERLINK("http://x")<i>' and cell.data_type == "s"
    )  # text, not a formula
    unit = docx.Document(str(out / "units" / f"{small.units[0].code}.docx"))
    assert unit.paragraphs[0].text.startswith("<b>黄浦</b>区网站")


def test_unit_codes_must_be_file_names(results: CampaignResults, tmp_path: Path) -> None:
    bad = dataclasses.replace(results.units[0], code="../../etc/passwd")
    with pytest.raises(ReportError, match="这些单位代码不能用作文件名"):
        write_campaign_report(dataclasses.replace(results, units=(bad,)), tmp_path, pdf=False)
    assert not any(tmp_path.iterdir())
