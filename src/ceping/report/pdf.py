"""PDF through LibreOffice when it is installed: the .docx is the source, the PDF a rendering of
it."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ceping.errors import ReportError

CONVERT_TIMEOUT_S = 300
# When LibreOffice renders a notice on a server without the official Chinese fonts, their
# names map to free CJK fonts Debian ships (fonts-noto-cjk, fonts-arphic-ukai) instead of a
# Latin fallback. Word and WPS never see this.
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
%s</fontconfig>
"""
FONT_STAND_INS = {
    "方正小标宋简体": ("Noto Serif CJK SC",),
    "小标宋": ("Noto Serif CJK SC",),
    "仿宋_GB2312": ("Noto Serif CJK SC",),
    "仿宋": ("Noto Serif CJK SC",),
    "宋体": ("Noto Serif CJK SC",),
    "黑体": ("Noto Sans CJK SC",),
    "楷体_GB2312": ("AR PL UKai CN", "Noto Serif CJK SC"),
    "楷体": ("AR PL UKai CN", "Noto Serif CJK SC"),
}


def fontconfig() -> str:
    aliases = "".join(
        f'  <alias binding="same"><family>{name}</family><prefer>'
        + "".join(f"<family>{f}</family>" for f in stand_ins)
        + "</prefer></alias>\n"
        for name, stand_ins in FONT_STAND_INS.items()
    )
    return FONTCONFIG % aliases


log = logging.getLogger(__name__)
NOT_CONVERTED = "LibreOffice 未能转换为 PDF（.docx 文件已写出，可用 WPS 或 Word 另存为 PDF）"


def libreoffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# The Debian packages notice.pdf needs, as .ci/run installs them.
PDF_PACKAGES = "libreoffice-writer poppler-utils fonts-noto-cjk fonts-arphic-ukai"
PDF_SKIPPED = (
    "未生成 notice.pdf：本机未安装 LibreOffice（Debian/Ubuntu 可运行 "
    f"sudo apt-get install {PDF_PACKAGES}），通报已写成 notice.docx，可用 WPS 或 Word 另存为 PDF"
)


def pdf_skipped(written: Sequence[Path]) -> str | None:
    """One line saying why notice.pdf is not among the files written and what to install, or
    None when it is there (or was left out on purpose while LibreOffice is installed)."""
    names = {path.name for path in written}
    if "notice.docx" in names and "notice.pdf" not in names and libreoffice() is None:
        return PDF_SKIPPED
    return None


# Blank pages LibreOffice inserts (a section that starts on an even page) are kept in the PDF:
# two-sided printing needs them (LibreOffice 7.4 and later read these options as JSON).
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


class Conversion:
    """One LibreOffice run converting .docx files to PDF, started at once and waited for later
    (the reports are written meanwhile)."""

    def __init__(self, docx: Sequence[Path], out_dir: Path, program: str | None = None) -> None:
        self.docx, self.out_dir = list(docx), out_dir
        program = program or libreoffice()
        if program is None:
            raise ReportError("未安装 LibreOffice，无法生成 PDF")
        # A private profile: a running LibreOffice of the user would otherwise swallow the job.
        self._profile = tempfile.TemporaryDirectory(prefix="ceping-lo-")
        profile = self._profile.name
        command = [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *map(str, self.docx),
        ]
        # Official font names → installed free CJK fonts, so the PDF is not set in a Latin fallback.
        config = Path(profile) / "fonts.conf"
        config.write_text(fontconfig(), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        except OSError as exc:
            self._profile.cleanup()
            raise ReportError(f"{self.docx[0]}：{NOT_CONVERTED}") from exc

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def abandon(self) -> None:
        """Stop the conversion (the reports it belonged to failed)."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.communicate()
        self._profile.cleanup()

    def wait(self) -> list[Path]:
        """The PDFs, in the order of the .docx files; a ReportError if one is missing."""
        process, self._process = self._process, None
        if process is None:
            raise ReportError(f"{self.docx[0]}：{NOT_CONVERTED}")
        try:
            stdout, stderr = process.communicate(timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.communicate()
            raise ReportError(f"{self.docx[0]}：{NOT_CONVERTED}") from exc
        finally:
            self._profile.cleanup()
        pdfs = [self.out_dir / (docx.stem + ".pdf") for docx in self.docx]
        missing = [docx for docx, pdf in zip(self.docx, pdfs, strict=True) if not pdf.is_file()]
        if process.returncode != 0 or missing:
            # What LibreOffice printed helps whoever maintains the machine, not the reader.
            log.warning("LibreOffice: %s", stderr.strip() or stdout.strip())
            raise ReportError(f"{(missing or self.docx)[0]}：{NOT_CONVERTED}")
        return pdfs


def convert_to_pdf(docx: Path, out_dir: Path, program: str | None = None) -> Path:
    """`docx` as PDF in `out_dir` (same stem)."""
    return Conversion([docx], out_dir, program).wait()[0]
