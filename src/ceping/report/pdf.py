"""PDF through LibreOffice when it is installed: the .docx is the source, the PDF a rendering of it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ceping.errors import ReportError

CONVERT_TIMEOUT_S = 300


def libreoffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out_dir: Path, program: str | None = None) -> Path:
    program = program or libreoffice()
    if program is None:
        raise ReportError("LibreOffice (soffice) is not installed; cannot write a PDF")
    with tempfile.TemporaryDirectory(prefix="ceping-lo-") as profile:
        # A private profile: a running LibreOffice of the user would otherwise swallow the job.
        command = [
            program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), str(docx),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"{docx}: LibreOffice could not convert it to PDF: {exc}") from exc
    pdf = out_dir / (docx.stem + ".pdf")
    if done.returncode != 0 or not pdf.is_file():
        raise ReportError(f"{docx}: LibreOffice could not convert it to PDF: {done.stderr.strip() or done.stdout.strip()}")
    return pdf
