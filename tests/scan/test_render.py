"""Headless Chromium for script-built pages: only the site's own addresses are loaded, and a
scan holds at most a few browsers at once."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from ceping.scan import policy, render
from ceping.scan.render import Renderer
from tests.web.loopback import serve_handler

CHROMIUM = policy.CHROMIUM_PATH

pytestmark = pytest.mark.skipif(
    not render.is_available(CHROMIUM),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)


def _page(port: int) -> str:
    # The page asks its own site and another host (localhost is another site than 127.0.0.1).
    return (
        '<html><body><ul id="list"></ul><script>'
        "fetch('/own').then(r => r.text()).then(t => {"
        " document.querySelector('#list').innerHTML = t; });"
        f"fetch('http://localhost:{port}/other').catch(() => null);"
        f'</script><img src="http://localhost:{port}/other.png"><img src="/own.png"></body></html>'
    )


def test_the_browser_loads_only_the_sites_own_addresses_and_no_pictures() -> None:
    asked: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        asked.append(f"{request.host.split(':')[0]}{request.path}")
        if request.path == "/own":
            return web.Response(text="<li>自己网站的数据</li>", content_type="text/html")
        port = request.url.port or 80
        return web.Response(text=_page(port), content_type="text/html")

    async def draw(base: str) -> str | None:
        renderer = Renderer(base, 1, 30.0, CHROMIUM)
        try:
            return await renderer.html(f"{base}/column.html")
        finally:
            await renderer.aclose()

    with serve_handler(handle) as base:
        html = asyncio.run(draw(base))
    assert html is not None and "自己网站的数据" in html
    assert "127.0.0.1/own" in asked
    assert not [a for a in asked if a.startswith("localhost")]
    assert "127.0.0.1/own.png" not in asked  # pictures carry no list: not loaded


def test_a_scan_holds_at_most_its_browsers_and_a_spent_budget_renders_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(policy, "MAX_BROWSERS", 1)

    async def handle(request: web.Request) -> web.Response:
        return web.Response(text="<html><body><p>页面</p></body></html>", content_type="text/html")

    async def scenario(base: str) -> None:
        first = Renderer(base, 1, 30.0, CHROMIUM)
        second = Renderer(base, 1, 30.0, CHROMIUM)
        assert await first.html(f"{base}/a.html") is not None
        waiting = asyncio.create_task(second.html(f"{base}/b.html"))
        await asyncio.sleep(0.5)
        assert not waiting.done()  # the one browser is the first site's until it closes
        await first.aclose()
        assert await waiting is not None
        # One page was the budget: the next is not drawn.
        assert await second.html(f"{base}/c.html") is None
        assert second.rendered == [f"{base}/b.html"]
        await second.aclose()

    with serve_handler(handle) as base:
        asyncio.run(scenario(base))
