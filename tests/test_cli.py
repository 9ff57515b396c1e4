"""The `ceping` command as a person runs it: separate processes, a fresh CEPING_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ceping.framework import shipped_framework_path


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(CEPING_HOME=str(home), COLUMNS="120")
    return subprocess.run(
        [sys.executable, "-m", "ceping.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_demo_prints_units_per_category_and_the_framework(tmp_path: Path) -> None:
    result = run(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    lines = [" ".join(line.replace("│", " ").split()) for line in result.stdout.splitlines()]
    for expected in ("区县 17", "市政府部门 48", "管委会 7", "开发区（园区） 14", "合计 86"):
        assert expected in lines
    assert "├── A 政府网站重点工作" in result.stdout
    assert (tmp_path / "ceping.sqlite3").exists()
    # Idempotent: a second run replaces, it does not duplicate.
    again = run(tmp_path, "demo")
    assert again.returncode == 0, again.stderr
    assert "单位：新增 0，更新 86" in again.stdout


def test_framework_validate_accepts_a_shipped_file(tmp_path: Path) -> None:
    result = run(tmp_path, "framework", "validate", str(shipped_framework_path("shanghai-2012")))
    assert result.returncode == 0, result.stderr
    assert "有效" in result.stdout


def test_framework_validate_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntotal: 5\ncategories: [{name: 区县}]\nareas: []\ngrading: {grades: [优秀], categories: {}}\n")
    result = run(tmp_path, "framework", "validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}, line 4, areas: expected a non-empty list of indicators" in " ".join(result.stderr.split())


def test_units_import_reports_the_bad_row(tmp_path: Path) -> None:
    table = tmp_path / "units.csv"
    table.write_text("代码,名称,类别,网站\nQX01,黄浦区,区,https://hp.example.gov.cn/\n", encoding="utf-8")
    result = run(tmp_path, "units", "import", str(table))
    assert result.returncode == 2
    assert "units.csv, row 2, 类别: unknown category '区'" in result.stderr
