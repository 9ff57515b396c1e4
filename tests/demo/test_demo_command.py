"""`ceping demo` end to end on a few units: farm, real scan, scoring, reports; run twice, replaced
cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from rich.console import Console

from ceping.cli.demo_view import print_files
from ceping.demo.pipeline import DemoOutcome
from ceping.report.pdf import PDF_SKIPPED
from tests.commands import run_ceping


def run_demo(home: Path, out: Path) -> subprocess.CompletedProcess[str]:
    args = ("demo", "--sites", "4", "--out", str(out))
    return run_ceping(home, *args, columns=140, timeout_s=600)


def test_demo_runs_the_campaign_and_writes_the_reports_twice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_demo(tmp_path, out)
    assert first.returncode == 0, first.stderr[-3000:]
    for name in ("notice.docx", "notice.html", "scores.xlsx", "summary.json"):
        assert (out / name).is_file(), name
    units = sorted(p.stem for p in (out / "units").glob("*.docx"))
    assert units == ["BM01", "GW01", "KF01", "QX01"]  # one unit of every category
    assert "通报中的主要数据" in first.stdout and "区县网站" in first.stdout
    # Every imported unit per category, and the framework tree with its points.
    lines = [" ".join(line.replace("│", " ").split()) for line in first.stdout.splitlines()]
    for expected in ("区县 17", "市政府部门 48", "管委会 7", "开发区（园区） 14", "合计 86"):
        assert expected in lines
    assert re.search(r"├── A 政府网站重点工作 \d+分", first.stdout)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    notice = "\n".join(p.text for p in Document(str(out / "notice.docx")).paragraphs)
    assert "政府网站测评情况的通报" in notice

    second = run_demo(tmp_path, out)
    assert second.returncode == 0, second.stderr[-3000:]
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == summary


def test_without_libreoffice_the_demo_says_in_one_line_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh machine has no LibreOffice: notice.pdf is not written, and the demo says why."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    written = [tmp_path / name for name in ("notice.docx", "notice.html", "scores.xlsx")]
    console = Console(record=True, width=400)
    print_files(console, DemoOutcome(None, {}, written, 1.0))  # type: ignore[arg-type]
    told = [line for line in console.export_text().splitlines() if "notice.pdf" in line]
    assert told == [PDF_SKIPPED]
    assert "未安装 LibreOffice" in PDF_SKIPPED and "apt-get install libreoffice" in PDF_SKIPPED

    monkeypatch.setenv("PATH", os.defpath)
    if shutil.which("soffice"):  # installed: a PDF left out on purpose is not a missing program
        console = Console(record=True, width=400)
        print_files(console, DemoOutcome(None, {}, written, 1.0))  # type: ignore[arg-type]
        assert "notice.pdf" not in console.export_text()
