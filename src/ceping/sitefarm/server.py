"""Serve a farm on loopback with aiohttp (tests, demo), counting what the scanner asks for."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qs, parse_qsl, urlencode

from aiohttp import web

from ceping.sitefarm.farm import Farm, FarmFile, FarmSite, calendar_page, deep_page

_CHUNK = b"\0" * 65536


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (used for the farm and for a dead link target)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class Traffic:
    """What the server saw: every request, and the peak of concurrent requests per host."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)  # host, method, path_qs
    active: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    bytes_sent: Counter[str] = field(default_factory=Counter)

    def paths(self, host: str) -> list[str]:
        return [p for h, _, p in self.requests if h == host]


class FarmServer:
    """Runs the farm's sites in a thread, one listening address per site, one shared port."""

    def __init__(self, farm: Farm) -> None:
        self.farm = farm
        self.traffic = Traffic()
        self._by_host = {s.host: s for s in farm.all_sites()}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def start(self) -> FarmServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        for site in self.farm.all_sites():
            await web.TCPSite(self._runner, site.host, site.port, backlog=512).start()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").rsplit(":", 1)[0]
        self.traffic.requests.append((host, request.method, request.path_qs))
        self.traffic.active[host] += 1
        self.traffic.peak[host] = max(self.traffic.peak[host], self.traffic.active[host])
        try:
            site = self._by_host.get(host)
            if site is None or site.dead:
                return web.Response(status=500, text="server error")
            return await self._serve(site, request)
        finally:
            self.traffic.active[host] -= 1

    async def _serve(self, site: FarmSite, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path == "/robots.txt":
            lines = ["User-agent: *", *(f"Disallow: {d}" for d in site.disallow)]
            return web.Response(text="\n".join(lines) + "\n", content_type="text/plain")
        if "calendar" in site.dynamic and path == "/cal/index.html":
            query = parse_qs(request.query_string)
            year, month = int(query.get("y", ["2026"])[0]), int(query.get("m", ["1"])[0])
            return _html(calendar_page(year, month))
        if "deep" in site.dynamic and path.startswith("/deep/"):
            return _html(deep_page())
        found = site.files.get(file_key(path, request.query_string))
        if found is None:
            found = site.files.get(path)  # a dynamic page answers whatever its query
        if found is None:
            return web.Response(status=404, text="not found")
        return await self._file(site, found, request)

    async def _file(
        self, site: FarmSite, found: FarmFile, request: web.Request
    ) -> web.StreamResponse:
        if found.delay_s:
            await asyncio.sleep(found.delay_s)
        if request.method == "HEAD" and found.head_status is not None:
            return web.Response(status=found.head_status)
        if found.location is not None:
            return web.Response(status=found.status, headers={"Location": found.location})
        if not found.size:
            return web.Response(
                status=found.status, body=found.body, headers={"Content-Type": found.content_type}
            )
        resp = web.StreamResponse(status=found.status, headers={"Content-Type": found.content_type})
        resp.content_length = found.size
        await resp.prepare(request)
        if request.method != "HEAD":
            try:
                for _ in range(found.size // len(_CHUNK)):
                    await resp.write(_CHUNK)
                    self.traffic.bytes_sent[site.host] += len(_CHUNK)
            except (ConnectionError, RuntimeError):
                return resp
        return resp


def file_key(path: str, query: str = "") -> str:
    """Where a farm keeps the answer to `path?query`: pages told apart by their query (`?page=2`,
    `?uid=…&pageNum=2`) are stored under the path and the query with its pairs sorted, as a
    scanner may send them in either order."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _html(text: str) -> web.Response:
    return web.Response(
        body=text.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"}
    )
