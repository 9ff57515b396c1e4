"""notice.pdf through LibreOffice, when it is installed; a clear error when it is required and
absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ceping.errors import ReportError
from ceping.report.pdf import FONT_STAND_INS, convert_to_pdf, fontconfig, libreoffice


def test_fontconfig_maps_every_official_font_name() -> None:
    config = fontconfig()
    for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
        assert f"<family>{name}</family>" in config
        assert name in FONT_STAND_INS


def test_missing_program_is_a_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="could not convert"):
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
