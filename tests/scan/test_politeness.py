"""Politeness in time: requests to one host are spaced by the configured delay or the site's
Crawl-delay."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ceping.scan import ScanConfig, SiteReport, run_scan, scan
from tests.threaded_http import HTML, QuietHandler, serve_threaded

PAGES = {
    f"/p{n}.html": f"<html><body><p>第{n}页</p><a href='/'>首页</a></body></html>" for n in range(5)
}
HOME = "<html><body>" + "".join(f"<a href='{path}'>{path}</a>" for path in PAGES) + "</body></html>"


@contextmanager
def timed_site(robots: str) -> Iterator[tuple[str, list[tuple[float, str]]]]:
    """A small site on loopback that notes when each request arrived."""
    arrivals: list[tuple[float, str]] = []

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            arrivals.append((time.monotonic(), self.path))
            body = (
                robots
                if self.path == "/robots.txt"
                else PAGES.get(self.path, HOME if self.path == "/" else None)
            )
            if body is None:
                self.send_error(404)
                return
            self.send_body(body, "text/plain" if self.path == "/robots.txt" else HTML)

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        yield base, arrivals


def _gaps(arrivals: list[tuple[float, str]]) -> list[float]:
    times = sorted(t for t, path in arrivals if path != "/robots.txt")
    return [b - a for a, b in itertools.pairwise(times)]


def _scan(base: str, **options: object) -> None:
    config = ScanConfig(
        urls=(base,),
        as_of=dt.date(2012, 11, 30),
        allow_private=True,
        check_typos=False,
        per_host=4,
        concurrency=8,
        **options,
    )  # type: ignore[arg-type]
    run_scan(config)


@pytest.mark.parametrize(
    ("robots", "options", "spacing"),
    [
        ("User-agent: *\nAllow: /\n", {"delay_s": 0.2}, 0.2),  # the campaign's own delay
        ("User-agent: *\nCrawl-delay: 0.3\n", {"delay_s": 0.0}, 0.3),  # the site asks for more
        (
            "User-agent: *\nCrawl-delay: 0.05\n",
            {"delay_s": 0.2},
            0.2,
        ),  # a site cannot make us faster
    ],
)
def test_requests_to_one_host_keep_their_spacing(
    robots: str, options: dict[str, object], spacing: float
) -> None:
    with timed_site(robots) as (base, arrivals):
        _scan(base, **options)
    pages = {path for _, path in arrivals}
    assert {"/", *PAGES} <= pages  # every page was still fetched
    gaps = _gaps(arrivals)
    assert len(gaps) >= len(PAGES)
    # 4 requests may be in flight to the host, yet they start one delay apart: on average
    # (one late arrival on a busy machine shortens the gap after it, not the whole span),
    # and never two at once
    assert sum(gaps) >= len(gaps) * spacing * 0.95, [round(g, 3) for g in gaps]
    assert min(gaps) >= spacing / 2, [round(g, 3) for g in gaps]


def test_without_a_delay_requests_overlap() -> None:
    # The counter-example: the spacing above comes from the delay, not from the site's speed.
    with timed_site("User-agent: *\nAllow: /\n") as (base, arrivals):
        _scan(base, delay_s=0.0)
    assert min(_gaps(arrivals)) < 0.05


def _scan_within(base: str, limit_s: float, **options: object) -> SiteReport:
    config = ScanConfig(
        urls=(base,),
        as_of=dt.date(2012, 11, 30),
        allow_private=True,
        check_typos=False,
        per_host=4,
        concurrency=8,
        **options,
    )  # type: ignore[arg-type]
    # Bounded here so that a stall fails the test instead of hanging it.
    (report,) = asyncio.run(asyncio.wait_for(scan(config), limit_s))
    return report


def test_a_huge_crawl_delay_is_capped() -> None:
    with timed_site("User-agent: *\nCrawl-delay: 1000\n") as (base, arrivals):
        report = _scan_within(base, 10.0, max_crawl_delay_s=0.2)
    assert report.pages == 1 + len(PAGES)
    gaps = _gaps(arrivals)
    assert min(gaps) >= 0.1, [round(g, 3) for g in gaps]


def test_the_time_limit_holds_while_waiting_for_a_turn() -> None:
    # The capped delay (10 s) is still longer than the site's whole time.
    with timed_site("User-agent: *\nCrawl-delay: 1000\n") as (base, arrivals):
        started = time.monotonic()
        report = _scan_within(base, 8.0, max_seconds=1.0)
    assert time.monotonic() - started < 6.0  # 1 s of pages, at most 1 s of site checks
    assert report.stats["limits_hit"] == ["time"]
    assert report.pages == 1
    assert len([path for _, path in arrivals if path != "/robots.txt"]) == 1
