"""A probe round over loopback sites: one sample per target, with status, reason and timing."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from aiohttp import web

from ceping.monitor import ProbeSettings, Sample, Target, probe_round
from ceping.sitefarm.server import free_port
from tests.monitor.samples import MONDAY
from tests.web.loopback import serve_handler

FAST = ProbeSettings(timeout_s=2.0, attempts=1, backoff_s=0.01, concurrency=4, allow_private=True)


async def handle(request: web.Request) -> web.Response:
    if request.path == "/slow":
        await asyncio.sleep(0.3)
    if request.path == "/gone":
        return web.Response(status=404, text="不存在")
    if request.path == "/hang":
        await asyncio.sleep(2)
    return web.Response(text="<html>首页</html>", content_type="text/html")


def run(targets: list[Target], settings: ProbeSettings = FAST) -> dict[str, Sample]:
    got: list[Sample] = []
    count = asyncio.run(probe_round(targets, settings, lambda: MONDAY, got.append))
    assert count == len(got) == len(targets)
    return {s.page: s for s in got}


def test_each_target_gives_one_sample_with_what_came_back() -> None:
    dead = f"http://127.0.0.1:{free_port()}/"
    with serve_handler(handle) as base:
        home = base + "/"
        targets = [Target(home, p) for p in (home, base + "/slow", base + "/gone", base + "/hang")]
        samples = run([*targets, Target(dead, dead)], replace(FAST, timeout_s=1.0))
    assert samples[home].is_ok and samples[home].at == MONDAY
    slow = samples[base + "/slow"]
    assert slow.is_ok and slow.ttfb_ms is not None and slow.ttfb_ms >= 300
    gone = samples[base + "/gone"]
    assert (gone.status, gone.error, gone.is_ok) == (404, None, False)
    hang = samples[base + "/hang"]
    assert (hang.status, hang.error, hang.ttfb_ms, hang.is_ok) == (None, "timeout", None, False)
    assert samples[dead].error == "connection refused" and not samples[dead].is_ok


def test_loopback_is_refused_unless_allowed() -> None:
    with serve_handler(handle) as base:
        home = base + "/"
        sample = run([Target(home, home)], ProbeSettings(attempts=1))[home]
    assert sample.status is None and (sample.error or "").startswith("address refused")


def test_the_rules_fifteen_seconds_are_the_whole_visit_connection_included() -> None:
    config = ProbeSettings().scan_config()
    assert config.timeout_s == config.connect_timeout_s == 15.0
    assert not config.allow_private
