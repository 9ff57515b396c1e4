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
