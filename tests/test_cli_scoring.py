"""`ceping campaign score` and `ceping campaign results`, run as a person would, on the rebuilt
inputs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ceping.demo import units_path
from tests.commands import run_ceping

CAMPAIGN = "2012年度上海市政府网站测评"


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_ceping(home, *args, columns=200)


def test_score_then_print_results(tmp_path: Path) -> None:
    assert run(tmp_path, "migrate").returncode == 0
    assert run(tmp_path, "units", "import", str(units_path())).returncode == 0
    assert run(tmp_path, "campaign", "create", CAMPAIGN, "--year", "2012").returncode == 0
    early = run(tmp_path, "campaign", "results", CAMPAIGN)
    assert early.returncode == 2 and "尚未计分" in early.stderr
    loaded = run(tmp_path, "campaign", "load-sample", CAMPAIGN)
    assert loaded.returncode == 0, loaded.stderr
    scored = run(tmp_path, "campaign", "score", CAMPAIGN)
    assert scored.returncode == 0, scored.stderr
    assert "86 个单位已计分（优秀 28 个，良好 26 个）" in scored.stdout.replace("\n", "")
    shown = run(tmp_path, "campaign", "results", CAMPAIGN, "--category", "区县")
    assert shown.returncode == 0, shown.stderr
    assert "重建样例数据" in shown.stdout
    lines = [" ".join(line.replace("│", " ").split()) for line in shown.stdout.splitlines()]
    assert any(line.startswith("1 黄浦区") and line.endswith("优秀") for line in lines)
    assert any("满分单位数（full_marks） 区县 A1 7个 5个 +2" in line for line in lines)
