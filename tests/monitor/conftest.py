"""Fixtures of the monitoring tests: a campaign of two loopback sites, a clock the test drives,
and a webhook that records what it is sent."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from ceping.campaign.campaigns import create_campaign
from ceping.web.models import Campaign, Site, Unit
from tests.monitor.samples import TZ
from tests.web.conftest import TEST_FRAMEWORK
from tests.web.loopback import serve_app, serve_handler

# Kept well inside the round: each round starts an interval apart, and a day of the simulated
# week never gets a round of the day before or after.
START = dt.datetime(2026, 11, 30, 0, 10, tzinfo=TZ)


@dataclass
class SimClock:
    """The monitor's clock: sleeping moves it, nothing waits."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@dataclass
class Flaky:
    """A site whose answer the test sets between rounds: up, down (503) or slow."""

    mode: str = "up"
    slow_s: float = 0.3
    visits: list[str] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        self.visits.append(request.path)
        if self.mode == "down":
            return web.Response(status=503, text="维护中")
        if self.mode == "slow":
            await asyncio.sleep(self.slow_s)
        return web.Response(text="<html>首页</html>", content_type="text/html")


async def steady(request: web.Request) -> web.Response:
    return web.Response(text="<html>首页</html>", content_type="text/html")


@pytest.fixture
def flaky() -> Iterator[tuple[Flaky, str]]:
    site = Flaky()
    with serve_handler(site.handle) as base:
        yield site, base + "/"


@pytest.fixture
def steady_url() -> Iterator[str]:
    with serve_handler(steady) as base:
        yield base + "/"


@pytest.fixture
def watched(db: Any, flaky: tuple[Flaky, str], steady_url: str) -> Campaign:
    units = []
    for code, short, url in (("QX01", "黄浦区", flaky[1]), ("QX02", "徐汇区", steady_url)):
        unit = Unit.objects.create(
            code=code, name=f"上海市{short}", short_name=short, category="区县"
        )
        Site.objects.create(unit=unit, url=url)
        units.append(unit)
    made, _, _ = create_campaign("2026年度监测", 2026, TEST_FRAMEWORK, units=units)
    return made


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(json.loads(await request.read()))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    with serve_app(app) as base:
        yield base + "/hook", received
