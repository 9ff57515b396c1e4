"""A real aiohttp server on loopback, run in a thread, for tests that fetch over HTTP."""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _app(statuses: dict[str, int]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        status = statuses.get(request.path, 404)
        if status in (301, 302):
            raise web.HTTPFound("/ok")
        return web.Response(
            status=status, text=f"{status} {request.path}", content_type="text/html"
        )

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


@contextmanager
def serve_app(
    app: web.Application,
    ssl_context: ssl.SSLContext | None = None,
    hosts: tuple[str, ...] = ("127.0.0.1",),
) -> Iterator[str]:
    """Serve an aiohttp app on 127.0.0.1 from a thread while inside; yields the base URL.

    With `ssl_context` it is served over https; further `hosts` (such as "::1") listen on the
    same port as the first."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, hosts[0], 0, ssl_context=ssl_context)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    for host in hosts[1:]:
        loop.run_until_complete(web.TCPSite(runner, host, port, ssl_context=ssl_context).start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    scheme = "https" if ssl_context is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.run_until_complete(runner.cleanup())
        loop.close()


def serve_handler(
    handle: Handler,
    ssl_context: ssl.SSLContext | None = None,
    hosts: tuple[str, ...] = ("127.0.0.1",),
) -> AbstractContextManager[str]:
    """Serve one handler for every path and method."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return serve_app(app, ssl_context, hosts)


@contextmanager
def serve(statuses: dict[str, int]) -> Iterator[str]:
    """Serve `statuses` (path -> status; unknown paths 404) on 127.0.0.1; yields the base URL.

    The dict is read per request, so a test can change a page's status while the server runs.
    """
    with serve_app(_app(statuses)) as base:
        yield base


def http_status(url: str, timeout_s: float = 10.0) -> int | None:
    """A plain fetcher standing in for the scanner's: status of a GET, None if no answer."""
    import urllib.error
    import urllib.request

    if not url.lower().startswith(("http://", "https://")):
        return None
    request = urllib.request.Request(url, headers={"User-Agent": "ceping-recheck/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # scheme checked above
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError, ValueError):
        return None
