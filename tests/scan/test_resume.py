"""A scan killed half-way and resumed from its sink ends with exactly the findings of a whole
one."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from ceping.scan import MemorySink, ScanConfig, SiteReport, scan
from tests.scan.conftest import Scanned


async def _killed_after(config: ScanConfig, sink: MemorySink, pages: int) -> None:
    stop = asyncio.Event()
    seen = {"pages": 0}

    def progress(site: str, n: int, links: int, findings: int, done: bool) -> None:
        seen["pages"] += 1
        if seen["pages"] >= pages:
            stop.set()

    task = asyncio.create_task(scan(config, sink, progress))
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    assert not task.done(), "the scan ended before it could be killed"
    task.cancel()
    waiter.cancel()
    await asyncio.gather(task, waiter, return_exceptions=True)


def test_killed_scan_resumes_to_the_same_findings(scanned: Scanned) -> None:
    sink = MemorySink()
    asyncio.run(_killed_after(scanned.config, sink, pages=150))
    fetched_before = sum(len(p) for p in sink.pages.values())
    assert 0 < fetched_before < sum(r.pages for r in scanned.reports)
    traffic = scanned.served.server.traffic
    restored = {(urlsplit(u).hostname, _path_qs(u)) for p in sink.pages.values() for u in p}
    before = len(traffic.requests)
    resumed = asyncio.run(scan(scanned.config, sink))
    assert _diff(resumed, scanned.reports) == []
    assert [r.pages for r in resumed] == [r.pages for r in scanned.reports]
    for report in resumed:
        assert set(sink.site_findings(report.url)) == set(report.findings)
    # Pages already in the sink are not fetched again.
    refetched = {(h, p) for h, m, p in traffic.requests[before:] if m == "GET"}
    # A redirect may lead to a page fetched before, and the speed check measures the home page
    # and each slow page a second time at the end; nothing else is asked for twice.
    farm = scanned.served.farm
    targets = {(s.host, f.location) for s in farm.sites for f in s.files.values()}
    remeasured = {(s.host, "/") for s in farm.sites} | {
        (s.host, urlsplit(e["page"]).path)
        for s in farm.sites
        for e in s.expected
        if e["kind"] == "slow_page"
    }
    assert restored & refetched - targets - remeasured == set()


def _diff(a: list[SiteReport], b: list[SiteReport]) -> list[str]:
    out = []
    for x, y in zip(a, b, strict=True):
        xs, ys = {f.identity for f in x.findings}, {f.identity for f in y.findings}
        out += [f"extra {f}" for f in xs - ys] + [f"missing {f}" for f in ys - xs]
    return out


def _path_qs(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
