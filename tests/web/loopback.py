"""A real aiohttp server on loopback, run in a thread, for tests that fetch over HTTP."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web


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
def serve(statuses: dict[str, int]) -> Iterator[str]:
    """Serve `statuses` (path -> status; unknown paths 404) on 127.0.0.1; yields the base URL.

    The dict is read per request, so a test can change a page's status while the server runs.
    """
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(_app(statuses))
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.run_until_complete(runner.cleanup())
        loop.close()


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
