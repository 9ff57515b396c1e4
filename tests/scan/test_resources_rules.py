"""Embedded resources keep the rules pages keep: the host's spacing between requests and the
refusal of private addresses (issue 23)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time

from ceping.scan import MemorySink, ScanConfig, run_scan
from ceping.scan.fetch import Fetcher
from ceping.scan.linkbook import LinkBook
from ceping.scan.models import BROKEN_LINK, LinkStatus
from ceping.scan.robots import RobotsRules
from tests.threaded_http import QuietHandler, serve_threaded

IMAGES = [f"/img/{n}.png" for n in range(6)]
HOME = "<html><body>" + "".join(f"<img src={path}>" for path in IMAGES) + "</body></html>"


def _arrivals(delay_s: float) -> list[tuple[float, str, str]]:
    """(time, method, path) of each request a scan of a one-page site with six images made."""
    arrivals: list[tuple[float, str, str]] = []

    class Handler(QuietHandler):
        def _answer(self, with_body: bool) -> None:
            arrivals.append((time.monotonic(), self.command, self.path))
            if self.path == "/":
                self.send_body(HOME, with_body=with_body)
            elif self.path in IMAGES:
                self.send_body(b"x", "image/png", with_body=with_body)
            else:
                self.send_body(b"", "text/plain", status=404, with_body=with_body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

    with serve_threaded(Handler) as base:
        config = ScanConfig(
            urls=(base,),
            as_of=dt.date(2012, 11, 30),
            allow_private=True,
            check_typos=False,
            check_https=False,
            per_host=4,
            concurrency=8,
            delay_s=delay_s,
        )
        (report,) = run_scan(config)
    assert [f for f in report.findings if f.kind == BROKEN_LINK] == []
    return arrivals


def test_resource_checks_keep_the_host_s_spacing() -> None:
    arrivals = _arrivals(0.2)
    assert sorted(path for _, method, path in arrivals if method == "HEAD") == IMAGES
    times = sorted(t for t, _, path in arrivals if path == "/" or path in IMAGES)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # Four requests may be in flight to the host, yet each starts one delay after the last:
    # the images are not a burst beside the pages.
    assert min(gaps) >= 0.1, [round(g, 3) for g in gaps]
    assert sum(gaps) >= len(gaps) * 0.2 * 0.95, [round(g, 3) for g in gaps]


def test_without_a_delay_resource_checks_overlap() -> None:
    # The counter-example: the spacing above comes from the delay, not from the server.
    times = sorted(t for t, _, path in _arrivals(0.0) if path.startswith("/img/"))
    assert min(b - a for a, b in itertools.pairwise(times)) < 0.05


def test_a_resource_on_a_private_address_is_never_requested() -> None:
    # Resources are checked through the scan's link book and fetcher, as links to other sites
    # are: a public page's image on 127.0.0.1 or 10.x is refused before any connection, and
    # the answer is "not checked", never a broken link.
    asked: list[str] = []

    class Handler(QuietHandler):
        def do_HEAD(self) -> None:
            asked.append(self.path)
            self.send_body(b"", "image/png", status=404, with_body=False)

        do_GET = do_HEAD

    async def check(url: str) -> LinkStatus:
        config = ScanConfig(urls=(), allow_private=False, timeout_s=3.0, attempts=1)
        async with Fetcher(config) as fetcher:
            robots = RobotsRules(fetcher, config.user_agent)
            book = LinkBook(fetcher, robots, MemorySink())
            answers: list[LinkStatus] = []
            book.wait(url, answers.append)
            book.check(url)
            while not answers:
                await asyncio.sleep(0.01)
            return answers[0]

    with serve_threaded(Handler) as base:
        status = asyncio.run(asyncio.wait_for(check(f"{base}img/gone.png"), 10))
    assert asked == []
    assert not status.checked and not status.is_broken
    assert str(status.error).startswith("address refused")


BIG = {"/big.mp4": "video/mp4", "/big.js": "application/javascript"}


def test_a_resource_asked_by_get_is_never_downloaded_whole() -> None:
    # A server refusing HEAD gets a GET, whose status decides; the body (64 MB, sent slowly
    # here) is left unread and the connection dropped, so the check takes no longer than the
    # headers. Reading it, even up to the page cap, would outlast the timeout.
    size, chunk = 64 << 20, b"/" * (64 << 10)
    sent: list[int] = []

    class Handler(QuietHandler):
        def do_HEAD(self) -> None:
            self.send_body(b"", "text/plain", status=405, with_body=False)

        def do_GET(self) -> None:
            if self.path == "/":
                body = "<video src=/big.mp4></video><script src=/big.js></script>"
                self.send_body(f"<html><body>{body}</body></html>")
                return
            if self.path not in BIG:
                self.send_body(b"", "text/plain", status=404)
                return
            self.send_response(200)
            self.send_header("Content-Type", BIG[self.path])
            self.send_header("Content-Length", str(size))
            self.end_headers()
            written, stop_at = 0, time.monotonic() + 8
            try:
                while written < size and time.monotonic() < stop_at:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    written += len(chunk)
                    time.sleep(0.1)
            except OSError:  # the scanner hung up
                pass
            sent.append(written)

    with serve_threaded(Handler) as base:
        # The home-page checks would read big.js itself for the footer it may write (a GET
        # of its body, within the timeout): not what is measured here.
        config = ScanConfig(
            urls=(base,), allow_private=True, check_typos=False, check_https=False,
            timeout_s=3.0, attempts=1, check_identifiers=False, check_accessible_mode=False,
        )  # fmt: skip
        started = time.monotonic()
        (report,) = run_scan(config)
        took = time.monotonic() - started
        deadline = time.monotonic() + 10
        while len(sent) < len(BIG) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [f for f in report.findings if f.kind == BROKEN_LINK] == []
    assert took < 2.5, took
    assert len(sent) == len(BIG) and max(sent) < size // 4, sent


def test_slow_scripts_read_by_the_home_page_checks_cost_one_timeout() -> None:
    # A home page with no identification mark has its own scripts read for the footer they may
    # write (checks/homescripts); three that trickle out forever are asked together, so the
    # site waits one timeout for them, not three.
    paths = [f"/js/s{n}.js" for n in range(3)]

    class Handler(QuietHandler):
        def do_HEAD(self) -> None:
            self.send_body(b"", "application/javascript", with_body=False)

        def do_GET(self) -> None:
            if self.path == "/":
                tags = "".join(f"<script src={path}></script>" for path in paths)
                self.send_body(f"<html><body><p>正文</p>{tags}</body></html>")
                return
            if self.path not in paths:
                self.send_body(b"", "text/plain", status=404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/javascript")
            self.send_header("Content-Length", str(64 << 20))
            self.end_headers()
            stop_at = time.monotonic() + 8
            try:
                while time.monotonic() < stop_at:
                    self.wfile.write(b"document.write('x');\n" * 100)
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass

    with serve_threaded(Handler) as base:
        config = ScanConfig(
            urls=(base,), allow_private=True, check_typos=False, check_https=False,
            timeout_s=2.0, attempts=1, per_host=4,
        )  # fmt: skip
        started = time.monotonic()
        run_scan(config)
        took = time.monotonic() - started
    assert took < 4.0, took  # one 2 s timeout and the rest of the scan; three would be 6 s
