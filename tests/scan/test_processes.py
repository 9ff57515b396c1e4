"""One crawler process per core: the same findings as one process; a site that kills its process
is reported failed while the others complete."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ceping.scan import Finding, MemorySink, ScanConfig, SiteReport
from ceping.scan.processes import is_failed, run_scan_processes
from tests.scan.conftest import Scanned, farm_config
from tests.threaded_http import QuietHandler, serve_threaded

MEASURED = ("ms", "ttfb_ms")  # what a run measures anew: not part of a finding's identity


def _comparable(report: SiteReport) -> dict[str, Any]:
    """The report as JSON without what a run measures (seconds, milliseconds)."""
    out = report.to_json()
    out.pop("stats")
    out.pop("measurements")
    out["findings"] = [_unmeasured(f) for f in report.findings]
    out["findings"].sort(key=repr)
    return out


def _unmeasured(finding: Finding) -> dict[str, Any]:
    return {k: v for k, v in finding.to_json().items() if k not in MEASURED}


def _sink_findings(sink: MemorySink) -> dict[str, list[dict[str, Any]]]:
    return {s: sorted(map(_unmeasured, f), key=repr) for s, f in sink.findings.items()}


def test_two_processes_find_what_one_finds(scanned: Scanned) -> None:
    sink = MemorySink()
    told: list[tuple[str, int, int, int, bool]] = []
    reports = run_scan_processes(scanned.config, 2, sink, lambda *a: told.append(a))
    assert [r.url for r in reports] == list(scanned.config.urls)
    # The progress of every site reached the caller, its last word the site's end.
    last = {site: (pages, done) for site, pages, _, _, done in told}
    assert last == {r.url: (r.pages, True) for r in reports}
    assert [_comparable(r) for r in reports] == [_comparable(r) for r in scanned.reports]
    # What the processes wrote reached the caller's one sink, as in one process.
    assert sink.done == scanned.sink.done
    assert {s: set(p) for s, p in sink.pages.items()} == {
        s: set(p) for s, p in scanned.sink.pages.items()
    }
    assert _sink_findings(sink) == _sink_findings(scanned.sink)


def _socket_inodes(port: int) -> set[str]:
    """The inodes of the TCP sockets whose local port is `port` (the client's side)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as handle:
            for line in handle.read().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    return inodes


def _holds(pid: int, sockets: set[str]) -> bool:
    """Whether process `pid` holds one of `sockets`. Each descriptor is read on its own: the
    crawler opens and closes other connections meanwhile, and one closed between the listing and
    the read must not hide the others."""
    fd_dir = f"/proc/{pid}/fd"
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"{fd_dir}/{fd}") in sockets:
                return True
        except OSError:
            continue
    return False


def _kill_client(port: int) -> bool:
    """Kill the crawler process (a child of this test) that holds the client end of a request,
    as the kernel's OOM killer would; never this process."""
    wanted = _socket_inodes(port)
    for child in multiprocessing.active_children():
        if _holds(child.pid, wanted):
            os.kill(child.pid, signal.SIGKILL)
            return True
    return False


@contextmanager
def deadly_site() -> Iterator[tuple[str, list[int]]]:
    """A site whose page /boom.html kills the process that asks for it."""
    kills: list[int] = []

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/boom.html":
                if _kill_client(self.client_address[1]):
                    kills.append(self.client_address[1])
                self.send_error(500)
                return
            if self.path == "/":
                self.send_body("<html><body><a href='/boom.html'>栏目</a></body></html>")
                return
            self.send_error(404)

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        yield base, kills


def test_a_site_that_kills_its_process_is_reported_and_the_others_complete(
    scanned: Scanned,
) -> None:
    farm_urls = scanned.config.urls[:3]
    with deadly_site() as (deadly, kills):
        # 12 connections in 2 processes, 3 per host: two sites per process, so the deadly site
        # first shares its process with a farm site, whose crawl dies with it.
        config = farm_config(
            scanned.served.farm, urls=(farm_urls[0], deadly, *farm_urls[1:]), concurrency=12
        )
        reports = run_scan_processes(config, 2)
    assert [r.url for r in reports] == list(config.urls)
    failed = reports[1]
    assert is_failed(failed)
    assert "检测进程意外退出" in failed.stats["failed"]
    assert failed.findings == ()
    assert len(kills) == 2  # once beside another site, once alone
    others = [r for r in reports if r.url != deadly]
    expected = [r for r in scanned.reports if r.url in farm_urls]
    assert [_comparable(r) for r in others] == [_comparable(r) for r in expected]


def test_one_site_is_scanned_in_this_process(scanned: Scanned) -> None:
    # One site needs no second process: the deadly page finds no crawler process to kill here.
    with deadly_site() as (deadly, kills):
        config = farm_config(scanned.served.farm, urls=(deadly,))
        (report,) = run_scan_processes(config, 4)
    assert kills == []
    assert not is_failed(report)
    broken = [f.to_json() for f in report.findings if f.kind == "broken_link"]
    assert [(f["url"], f["status"]) for f in broken] == [(deadly + "boom.html", 500)]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ceping.cli", "scan", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_the_command_shares_sites_among_processes(scanned: Scanned, tmp_path: Path) -> None:
    urls = scanned.config.urls[:2]
    out = tmp_path / "scan.json"
    done = _cli(
        *urls,
        "--json",
        str(out),
        "--allow-private",
        "--as-of",
        scanned.config.as_of.isoformat(),
        "--per-host",
        "3",
        "--processes",
        "2",
        "--quiet",
    )
    assert done.returncode == 0, done.stderr
    sites = json.loads(out.read_text(encoding="utf-8"))["sites"]
    assert [s["url"] for s in sites] == list(urls)
    for site, report in zip(sites, scanned.reports, strict=False):
        broken = {(f["url"], f["page"]) for f in site["findings"] if f["kind"] == "broken_link"}
        assert broken == {
            (f.to_json()["url"], f.page) for f in report.findings if f.kind == "broken_link"
        }


def test_the_command_refuses_a_count_below_one(tmp_path: Path) -> None:
    done = _cli("http://127.0.0.1:9/", "--json", str(tmp_path / "x.json"), "--processes", "0")
    assert done.returncode == 2
    assert "应为正整数：0" in done.stderr


def test_sites_of_one_host_share_its_limit_across_processes() -> None:
    """Two departments under one host (a 集约化 platform) go to one process, so the host never
    gets more than `per_host` requests at once, however many processes crawl."""
    import threading
    import time

    lock = threading.Lock()
    busy, most = [0], [0]

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            with lock:
                busy[0] += 1
                most[0] = max(most[0], busy[0])
            try:
                time.sleep(0.05)
                dept = self.path.split("/")[1]
                links = "".join(f"<a href='/{dept}/p{i}.html'>页{i}</a>" for i in range(6))
            finally:
                # Counted as answered before the answer goes out: the client may send its next
                # request the moment it has read this one, before this thread runs on.
                with lock:
                    busy[0] -= 1
            self.send_body(f"<html><body>{links}</body></html>")

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        config = ScanConfig(
            urls=(f"{base}/a/", f"{base}/b/"),
            allow_private=True,
            per_host=1,
            delay_s=0.0,
            check_typos=False,
            check_resources=False,
            timeout_s=5.0,
        )
        reports = run_scan_processes(config, 2)
    assert [r.pages for r in reports] == [7, 7]
    assert most[0] == 1


def _sites_at_once(sites: int) -> int:
    """Crawl `sites` sites (one host each) in 2 processes with room for one site each; the most
    sites whose crawl was under way at one moment, as their server saw them."""
    import threading
    import time
    from http.server import ThreadingHTTPServer

    lock = threading.Lock()
    spans: dict[str, list[float]] = {}

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            host = self.headers.get("Host", "").split(":")[0]
            with lock:
                span = spans.setdefault(host, [time.monotonic(), 0.0])
            time.sleep(0.02)
            links = "".join(f"<a href='/p{i}.html'>页{i}</a>" for i in range(6))
            self.send_body(f"<html><body>{links}</body></html>")
            with lock:
                span[1] = time.monotonic()

        do_HEAD = do_GET

    servers = [ThreadingHTTPServer((f"127.0.0.{n + 1}", 0), Handler) for n in range(sites)]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        config = ScanConfig(
            urls=tuple(
                f"http://127.0.0.{n + 1}:{s.server_address[1]}/" for n, s in enumerate(servers)
            ),
            allow_private=True,
            per_host=1,
            concurrency=2,  # one connection per process: one site's worth of slots each
            delay_s=0.0,
            check_typos=False,
            check_resources=False,
            timeout_s=5.0,
        )
        reports = run_scan_processes(config, 2)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    assert [r.pages for r in reports] == [7] * sites
    return max(sum(1 for a, b in spans.values() if a <= t <= b) for t, _ in spans.values())


def test_the_last_sites_start_with_the_first_when_all_fit_in_twice_the_slots() -> None:
    """Four sites, two processes of one slot: all four start at once, so none runs alone at the
    end (where one site's `per_host` requests cannot keep a core busy)."""
    assert _sites_at_once(4) == 4


def test_a_process_holds_at_most_twice_its_slots() -> None:
    """Six sites do not fit in twice the slots (four): never more than four under way."""
    assert _sites_at_once(6) <= 4
