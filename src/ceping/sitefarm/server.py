"""Serve a farm on loopback with aiohttp (tests, demo), counting what the scanner asks for.

A site with `tls` answers http:// and https:// on its one address and port, as a real site
answers both on one host name (the scanner asks https:// on the port it was given): each
connection is handed to aiohttp with or without TLS by its first byte (0x16 opens a TLS
ClientHello), with a certificate made when the farm starts (sitefarm/certs.py).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode

from aiohttp import web

from ceping.sitefarm.certs import VALID, FarmCertificates
from ceping.sitefarm.farm import (
    IPV6_LOOPBACK,
    IPV6_NONE,
    Farm,
    FarmFile,
    FarmSite,
    calendar_page,
    deep_page,
)

_CHUNK = b"\0" * 65536
_TLS_RECORD = 0x16  # the first byte of a TLS handshake record (RFC 8446 §5.1)
FIRST_BYTE_WAIT_S = 30.0  # a connection that says nothing is closed after this


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
        self._by_host.update({s.domain: s for s in farm.all_sites() if s.domain})
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._listeners: list[socket.socket] = []
        self._tasks: set[asyncio.Task[None]] = set()
        has_tls = any(s.tls is not None for s in farm.all_sites())
        self.certificates = FarmCertificates() if has_tls else None

    @property
    def ca_file(self) -> str | None:
        """The PEM file of the farm's certificate authority (for SSL_CERT_FILE); None without
        https:// sites."""
        return None if self.certificates is None else str(self.certificates.ca_file)

    def start(self) -> FarmServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
        if self.certificates is not None:
            self.certificates.close()

    async def _stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for sock in self._listeners:
            sock.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        app.on_response_prepare.append(self._security_headers)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        by_name: dict[str, ssl.SSLContext] = {}
        for site in self.farm.all_sites():
            if site.tls is None or self.certificates is None:
                await web.TCPSite(self._runner, site.host, site.port, backlog=512).start()
                continue
            tls, name = site.tls, site.domain or site.host
            ctx = self.certificates.server_context(name, tls.cert, tls.protocols)
            by_name[name] = ctx
            self._listen_dual(site.host, site.port, ctx)
        await self._listen_ipv6(by_name)

    async def _listen_ipv6(self, by_name: dict[str, ssl.SSLContext]) -> None:
        """::1 on the port of the named sites pinned there: one address for them all, told
        apart by the Host header (and for TLS by the name the client asks for, SNI)."""
        named = [s for s in self.farm.all_sites() if s.domain and s.ipv6 != IPV6_NONE]
        assert self._runner is not None
        for port in sorted({s.port for s in named}):
            secure = {s.domain: by_name[s.domain] for s in named if s.port == port and s.tls}
            if not secure:
                await web.TCPSite(self._runner, IPV6_LOOPBACK, port, backlog=512).start()
                continue
            assert self.certificates is not None
            # Its own context, for a client naming no site; SNI hands each name its own.
            ctx = self.certificates.server_context(IPV6_LOOPBACK, VALID)
            ctx.sni_callback = _chooser(secure)
            self._listen_dual(IPV6_LOOPBACK, port, ctx)

    def _listen_dual(self, host: str, port: int, ctx: ssl.SSLContext) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(512)
        sock.setblocking(False)
        self._listeners.append(sock)
        self._spawn(self._accept(sock, ctx))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _accept(self, listener: socket.socket, ctx: ssl.SSLContext) -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, _ = await loop.sock_accept(listener)
            self._spawn(self._hand_over(conn, ctx))

    async def _hand_over(self, conn: socket.socket, ctx: ssl.SSLContext) -> None:
        """Give the connection to aiohttp, through TLS when it opens with a ClientHello."""
        assert self._runner is not None and self._runner.server is not None
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()

        def ready() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(conn.fileno(), ready)
        try:
            await asyncio.wait_for(readable, FIRST_BYTE_WAIT_S)
            first = conn.recv(1, socket.MSG_PEEK)
        except (TimeoutError, OSError):
            first = b""
        except asyncio.CancelledError:  # the farm stops
            conn.close()
            raise
        finally:
            if conn.fileno() != -1:
                loop.remove_reader(conn.fileno())
        if not first:
            conn.close()
            return
        secure = ctx if first[0] == _TLS_RECORD else None
        try:
            await loop.connect_accepted_socket(self._runner.server, conn, ssl=secure)
        except (OSError, ssl.SSLError):
            conn.close()  # a failed handshake (a client that refuses the certificate, say)

    async def _security_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """HSTS and CSP on every https:// answer of a site that sends them."""
        site = self._by_host.get((request.host or "").rsplit(":", 1)[0])
        if site is None or site.tls is None or not request.secure:
            return
        if site.tls.hsts:
            response.headers["Strict-Transport-Security"] = site.tls.hsts
        if site.tls.csp:
            response.headers["Content-Security-Policy"] = site.tls.csp

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").rsplit(":", 1)[0]
        self.traffic.requests.append((host, request.method, request.path_qs))
        self.traffic.active[host] += 1
        self.traffic.peak[host] = max(self.traffic.peak[host], self.traffic.active[host])
        try:
            site = self._by_host.get(host)
            if site is None or site.dead:
                return web.Response(status=500, text="server error")
            if site.tls is not None and site.tls.redirect and not request.secure:
                to = f"https://{request.host}{request.path_qs}"
                return web.Response(status=301, headers={"Location": to})
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


def _chooser(
    by_name: dict[str, ssl.SSLContext],
) -> Callable[[ssl.SSLObject, str | None, ssl.SSLContext], None]:
    """An SNI callback giving each name its own certificate on a shared address."""

    def choose(conn: ssl.SSLObject, name: str | None, _: ssl.SSLContext) -> None:
        chosen = by_name.get(name or "")
        if chosen is not None:
            conn.context = chosen

    return choose


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
