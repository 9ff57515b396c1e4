"""PDF through LibreOffice when it is installed: the .docx is the source, the PDF a rendering of
it."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
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


def convert_to_pdf(docx: Path, out_dir: Path, program: str | None = None) -> Path:
    program = program or libreoffice()
    if program is None:
        raise ReportError("未安装 LibreOffice，无法生成 PDF")
    with tempfile.TemporaryDirectory(prefix="ceping-lo-") as profile:
        # A private profile: a running LibreOffice of the user would otherwise swallow the job.
        command = [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        # Official font names → installed free CJK fonts, so the PDF is not set in a Latin fallback.
        config = Path(profile) / "fonts.conf"
        config.write_text(fontconfig(), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
                env=env,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"{docx}：{NOT_CONVERTED}") from exc
    pdf = out_dir / (docx.stem + ".pdf")
    if done.returncode != 0 or not pdf.is_file():
        # What LibreOffice printed helps whoever maintains the machine, not the reader.
        log.warning("LibreOffice: %s", done.stderr.strip() or done.stdout.strip())
        raise ReportError(f"{docx}：{NOT_CONVERTED}")
    return pdf
