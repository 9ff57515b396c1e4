"""Monitoring on real Celery beat and workers over Redis: a worker killed mid-round loses no
sample, a round re-delivered stores nothing twice, and two workers send one alert per incident
(down, and back)."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import test_workers
from aiohttp import web
from scanfarm import campaigns_over, ceping
from test_workers import start_worker, stop

from ceping.web.models import MonitorSample, Rescan
from tests.web.loopback import serve_app, serve_handler

SITES = 6
VISIT_S = 1.5  # long enough for a worker to be killed in the middle of a visit

pytestmark = pytest.mark.django_db(transaction=True)
queue_env = test_workers.queue_env  # the fixture: a queue of this test's own


class SlowSites:
    def __init__(self) -> None:
        self.requests = 0
        self.in_flight = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.requests += 1
        self.in_flight += 1
        try:
            await asyncio.sleep(VISIT_S)
        finally:
            self.in_flight -= 1
        return web.Response(text="<html>首页</html>", content_type="text/html")


@pytest.fixture
def slow_sites() -> Iterator[tuple[SlowSites, list[str]]]:
    sites = SlowSites()
    with serve_handler(sites.handle) as base:
        yield sites, [f"{base}/s{i}/" for i in range(SITES)]


def test_a_worker_killed_mid_round_loses_no_sample(
    slow_sites: tuple[SlowSites, list[str]], queue_env: dict[str, str], tmp_path: Path
) -> None:
    server, urls = slow_sites
    campaigns_over(urls, "监测")
    env = {**queue_env, "CEPING_MONITOR_TICK_S": "1"}
    handed = subprocess.run(
        ceping("monitor", "监测", "--distributed", "--allow-private", "--interval", "1h"),
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert handed.returncode == 0, handed.stderr
    assert "已交给定时任务" in handed.stdout

    victim, survivor = start_worker(env), start_worker(env)
    beat = start_beat(env, tmp_path)
    try:
        deadline = time.monotonic() + 120
        while server.in_flight < 2:  # both workers in the middle of a visit
            assert time.monotonic() < deadline, "the workers never got busy"
            time.sleep(0.02)
        stop(victim)
        deadline = time.monotonic() + 120
        while MonitorSample.objects.count() < SITES:
            assert time.monotonic() < deadline, "a sample of the round was lost"
            time.sleep(0.2)
        time.sleep(2)  # anything still in flight would add a duplicate now
    finally:
        stop(beat)
        stop(victim)
        stop(survivor)

    samples = list(MonitorSample.objects.values_list("site__url", "round_at", "status"))
    assert sorted(url for url, _, _ in samples) == sorted(urls)
    assert len({round_at for _, round_at, _ in samples}) == 1  # one round, beat sent it once
    assert {status for _, _, status in samples} == {200}
    assert server.requests > SITES  # the killed worker's site was visited again


class Switch:
    def __init__(self) -> None:
        self.down = False

    async def handle(self, request: web.Request) -> web.Response:
        if self.down:
            return web.Response(status=503, text="维护中")
        return web.Response(text="<html>首页</html>", content_type="text/html")


def test_beat_and_two_workers_send_one_alert_when_down_and_one_when_back(
    queue_env: dict[str, str], tmp_path: Path
) -> None:
    site, posts = Switch(), []

    async def hook(request: web.Request) -> web.Response:
        posts.append((await request.json())["event"])
        return web.Response(text="ok")

    hooks = web.Application()
    hooks.router.add_post("/hook", hook)
    with serve_handler(site.handle) as base, serve_app(hooks) as hook_base:
        campaigns_over([base + "/"], "告警")
        env = {**queue_env, "CEPING_MONITOR_TICK_S": "1"}
        handed = subprocess.run(
            ceping("monitor", "告警", "--distributed", "--allow-private", "--interval", "2s")
            + ["--webhook", hook_base + "/hook"],
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert handed.returncode == 0, handed.stderr
        workers = [start_worker(env), start_worker(env)]
        beat = start_beat(env, tmp_path)
        try:
            _wait_for(lambda: MonitorSample.objects.filter(status=200).count() >= 2)
            site.down = True
            _wait_for(lambda: posts == ["down"])
            site.down = False
            _wait_for(lambda: posts == ["down", "up"])
            rounds = MonitorSample.objects.count()
            _wait_for(lambda: MonitorSample.objects.count() >= rounds + 3)  # and then quiet
        finally:
            stop(beat)
            for worker in workers:
                stop(worker)
    assert posts == ["down", "up"]


def start_beat(env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    """`ceping beat`, the scheduler; it keeps its schedule file in its working directory."""
    return subprocess.Popen(
        ceping("beat", "--loglevel", "WARNING"),
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_for(condition: Callable[[], bool], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_beat_sends_the_scheduled_rescan_to_the_workers(
    queue_env: dict[str, str], tmp_path: Path
) -> None:
    from ceping.campaign.scans import scan_campaign
    from ceping.scan import ScanConfig
    from tests.monitor.test_rescans import LinkSite

    site = LinkSite()
    with serve_handler(site.handle) as base:
        (campaign,) = campaigns_over([base + "/"], "复查")
        scan_campaign(campaign, ScanConfig(urls=(), allow_private=True))  # a.html broken
        site.present.update({"/a.html": True, "/c.html": False})
        env = {**queue_env, "CEPING_MONITOR_TICK_S": "1"}
        args = ["--distributed", "--allow-private", "--interval", "1h", "--rescan-every", "7d"]
        handed = subprocess.run(
            ceping("monitor", "复查", *args),
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert handed.returncode == 0, handed.stderr
        worker = start_worker(env)
        beat = start_beat(env, tmp_path)
        try:
            _wait_for(lambda: Rescan.objects.exists())
        finally:
            stop(beat)
            stop(worker)
    (rescan,) = Rescan.objects.all()
    assert {f["url"] for f in rescan.new} == {base + "/c.html"}
    assert {f["url"] for f in rescan.fixed} == {base + "/a.html"}
    assert rescan.alarming == rescan.new and rescan.alerted is not None
