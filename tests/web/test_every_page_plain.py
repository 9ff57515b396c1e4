"""Every page of the demo, as every role that may open it, reads in plain Chinese: no snake_case
identifier, Python module path, English exception text or English sentence is visible (issue 20:
the unit page showed "expert points, trimmed mean (≥5 raters) else median", the re-check page
`services.selfcheck.recheck`, evidence `[SSL: WRONG_VERSION_NUMBER] … (_ssl.c:1006)`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands import embedded_env
from tests.web.every_page import offences

ROOT = Path(__file__).resolve().parents[2]
# Named routes that are no page to read: files, posts, sign-out, and the home address (it sends
# each role on to its workspace).
NOT_PAGES = {
    "home",
    "logout",
    "job-stop",
    "dash-download",
    "dash-findings-export",
    "self-attachment",
    "unit-report",
}


@pytest.mark.parametrize(
    "text",
    [
        "计分依据：expert points, trimmed mean (≥5 raters) else median",
        "0.5×[machine: deduct missing_feature feature=信息公开 3/each]",
        "bands home_ms: ≤1500→2",
        "缺少：search",
        "错误：[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)",
        "请运行 services.selfcheck.recheck",
        "ConnectionResetError",
        "得分：None",
    ],
)
def test_the_check_finds_what_the_issue_saw(text: str) -> None:
    assert offences(text) != []


def test_the_check_leaves_plain_chinese_and_site_addresses_alone() -> None:
    text = (
        "错链断链：https://www.qx01.gov.cn/xxgk/zfxxgk_2012/t20121102_123.html 返回 404；"
        "网站 www.shanghai.gov.cn，联系 webmaster@shanghai.gov.cn；C1.2 办事服务 4分；"
        "接口请求头 Authorization: Bearer 令牌"
    )
    assert offences(text) == []


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = embedded_env(home) | {"COLUMNS": "140", "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    return subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_page_of_the_demo_reads_in_plain_chinese(tmp_path: Path) -> None:
    demo = _run(["ceping.cli", "demo", "--sites", "4", "--out", str(tmp_path / "out")], tmp_path)
    assert demo.returncode == 0, demo.stderr[-3000:]
    walked = _run(["tests.web.every_page"], tmp_path)
    assert walked.returncode == 0, walked.stderr[-3000:]
    seen = json.loads(walked.stdout)
    from django.urls import get_resolver

    routes = {p.name for p in get_resolver().url_patterns if getattr(p, "name", None)}
    assert routes - NOT_PAGES - set(seen["rendered"]) == set()  # every page was read
    assert seen["offences"] == {}
    assert seen["facts"] == {
        "downloads list the notice": True,
        "the unit downloads its report": True,
    }
