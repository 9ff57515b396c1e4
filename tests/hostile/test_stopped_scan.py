"""A scan of an endless site stopped by hand (Ctrl-C, a kill) still writes its JSON: each site's
result so far, marked partial with the reason in Chinese. A site of 100k links stopped after
600 s once left no JSON at all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.commands import embedded_env
from tests.hostile import tally
from tests.hostile.sites import Answer, Site, html

pytestmark = pytest.mark.usefixtures("counted")
AREA = "hostile sites"
STOPPED_WITHIN_S = 30.0  # from the signal to the command's exit, on a loaded machine
STARTED_WITHIN_S = 60.0


def endless(handler: BaseHTTPRequestHandler) -> None:
    """Every page links to 50 new ones, a little slowly: a crawl that never ends by itself."""
    number = int(handler.path.strip("/").removeprefix("p").removesuffix(".html") or 0)
    time.sleep(0.02)
    links = "".join(f"<a href='/p{number * 50 + k}.html'>第{k}条</a>" for k in range(1, 51))
    html(handler, f"<html><body><p>第{number}页</p>{links}</body></html>")


class Endless(dict[str, Answer]):
    """Answers any path with `endless`, and counts the requests."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def get(self, key: str, default: Answer | None = None) -> Answer | None:  # type: ignore[override]
        if key == "/robots.txt":
            return None
        self.requests += 1
        return endless


def _start(home: Path, out: Path, urls: list[str], processes: int) -> subprocess.Popen[str]:
    # A hang leaves where each process was: faulthandler prints every thread's stack on SIGABRT.
    env = embedded_env(home) | {"PYTHONFAULTHANDLER": "1"}
    args = ["scan", *urls, "--json", str(out), "--allow-private", "--no-typos", "--quiet"]
    return subprocess.Popen(
        [sys.executable, "-m", "ceping.cli", *args, "--processes", str(processes)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _scan_stopped(
    tmp_path: Path, case: str, sites: int, processes: int, stop: Callable[[int], None]
) -> tuple[subprocess.Popen[str], str, float, list[str]]:
    """Scans `sites` endless sites until each has had 30 requests, calls `stop(pid)`, and waits
    for the command to end (a hang is recorded and fails). Returns the process, its stderr, the
    seconds from the stop to the exit and the sites' addresses."""
    answers = [Endless() for _ in range(sites)]
    servers = [Site(a) for a in answers]
    for server in servers:
        server.__enter__()
    try:
        bases = [s.base for s in servers]
        proc = _start(tmp_path, tmp_path / "result.json", bases, processes)
        started = time.monotonic()
        while (
            min(a.requests for a in answers) < 30 and time.monotonic() - started < STARTED_WITHIN_S
        ):
            time.sleep(0.2)
        assert proc.poll() is None, proc.communicate()
        stop(proc.pid)
        stopped = time.monotonic()
        try:
            _, err = proc.communicate(timeout=STOPPED_WITHIN_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGABRT)
            try:
                _, err = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                _, err = proc.communicate()
            tally.record(AREA, tally.HANG, case)
            raise AssertionError(f"not ended {STOPPED_WITHIN_S:.0f} s after the stop:\n{err}")
        return proc, err, time.monotonic() - stopped, bases
    finally:
        for server in servers:
            server.__exit__()


def _ctrl_c(pid: int) -> None:
    os.killpg(pid, signal.SIGINT)  # a terminal sends it to the whole foreground group


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)


def _ctrl_c_twice(gap_s: float) -> Callable[[int], None]:
    def stop(pid: int) -> None:
        _ctrl_c(pid)
        time.sleep(gap_s)
        _ctrl_c(pid)

    return stop


@pytest.mark.parametrize(
    ("name", "sites", "processes", "stop"),
    [
        ("one endless site, Ctrl-C", 1, 1, _ctrl_c),
        ("two endless sites in two processes, Ctrl-C", 2, 2, _ctrl_c),
        ("two endless sites in two processes, kill", 2, 2, _kill),
    ],
)
def test_a_stopped_scan_still_writes_its_result(
    tmp_path: Path, name: str, sites: int, processes: int, stop: Callable[[int], None]
) -> None:
    case = f"{name} (stopped scan)"
    out = tmp_path / "result.json"
    proc, err, seconds, bases = _scan_stopped(tmp_path, case, sites, processes, stop)
    if proc.returncode != 0 or "Traceback" in err:
        tally.record(AREA, tally.CRASH, f"{case}: rc {proc.returncode} {err[-300:]}")
    elif not out.exists():
        tally.record(AREA, tally.LOST, f"{case}: no JSON")
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert out.exists()
    result = json.loads(out.read_text(encoding="utf-8"))
    entries = result["sites"]
    marked = len(entries) == sites and all(
        e["partial"] and any("检测被中断" in r for r in e["partial_reasons"]) for e in entries
    )
    found = all(e["reachable"] and e["pages"] >= 1 for e in entries)
    if not marked:
        tally.record(AREA, tally.UNCLEAR, f"{case}: {[e['partial_reasons'] for e in entries]}")
    elif not found:
        tally.record(AREA, tally.LOST, f"{case}: {[(e['url'], e['pages']) for e in entries]}")
    else:
        tally.record(AREA, tally.CLEAR, case)
    assert marked and found, entries
    assert [e["url"] for e in entries] == bases
    assert seconds < STOPPED_WITHIN_S


# The second Ctrl-C lands at different points of the wind-down: while the sites send their
# results, while the JSON is written, or as Python shuts down (about 0.1 s after the first on
# the 2-core machine: the finished command was then killed without a word, status -2).
@pytest.mark.parametrize("gap_s", [0.05, 0.1, 0.15, 0.3])
def test_a_second_ctrl_c_ends_the_scan_in_plain_words(tmp_path: Path, gap_s: float) -> None:
    """The second Ctrl-C, soon after the first, ends the command at once: with the JSON if it
    was written in between, else with a plain line; never a traceback (it printed one)."""
    case = f"Ctrl-C twice, {gap_s} s apart (stopped scan)"
    proc, err, _, _ = _scan_stopped(tmp_path, case, 2, 2, _ctrl_c_twice(gap_s))
    ended_plainly = proc.returncode == 130 and "已中断" in err
    wrote = proc.returncode == 0 and (tmp_path / "result.json").exists()
    if "Traceback" in err or not (wrote or ended_plainly):
        tally.record(AREA, tally.CRASH, f"{case}: rc {proc.returncode} {err[-300:]}")
    else:
        tally.record(AREA, tally.CLEAR, case)
    assert "Traceback" not in err, err
    assert wrote or ended_plainly, (proc.returncode, err)
