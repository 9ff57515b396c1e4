"""Scan-wide answers for link targets: each URL is requested once, however many pages link to it."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable

from ceping.scan.fetch import Fetcher
from ceping.scan.models import LinkStatus
from ceping.scan.robots import RobotsRules
from ceping.scan.sink import Sink

Waiter = Callable[[LinkStatus], None]


def digest(url: str) -> bytes:
    """8 bytes per URL instead of the URL: bounded memory on sites of 100,000+ pages."""
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=8).digest()


class LinkBook:
    """Remembers broken targets in full and good ones as digests; wakes the pages waiting on
    each."""

    def __init__(self, fetcher: Fetcher, robots: RobotsRules, sink: Sink) -> None:
        self.fetcher = fetcher
        self.robots = robots
        self.sink = sink
        self._ok: set[bytes] = set()
        self._not_ok: dict[str, LinkStatus] = {}
        self._pending: dict[str, list[Waiter]] = {}
        self._checking: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.checked = 0

    def known(self, url: str) -> LinkStatus | None:
        if url in self._not_ok:
            return self._not_ok[url]
        if digest(url) in self._ok:
            return LinkStatus(url, 200)
        return None

    def preload(self, status: LinkStatus) -> None:
        """An answer restored from a sink (resume): no request, no write."""
        self._store(status)

    def _store(self, status: LinkStatus) -> None:
        if status.checked and not status.is_broken:
            self._ok.add(digest(status.url))
        else:
            self._not_ok[status.url] = status

    def resolve(self, status: LinkStatus) -> None:
        """Record an answer (from a page fetch or a check) and wake whoever waits on it."""
        if self.known(status.url) is None:
            self._store(status)
            if status.checked:
                self.sink.link(status)
        for waiter in self._pending.pop(status.url, ()):
            waiter(status)

    def wait(self, url: str, waiter: Waiter) -> bool:
        """Call `waiter` with the answer for `url`; now if known (returns True), else later."""
        status = self.known(url)
        if status is not None:
            waiter(status)
            return True
        self._pending.setdefault(url, []).append(waiter)
        return False

    def check(self, url: str) -> None:
        """Request `url` once, in the background, unless it is answered or being answered."""
        if url in self._checking or self.known(url) is not None:
            return
        self._checking.add(url)
        task = asyncio.create_task(self._check(url))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _check(self, url: str) -> None:
        try:
            if not await self.robots.allowed(url):
                self.resolve(LinkStatus(url, None, "disallowed by robots.txt", checked=False))
                return
            resp = await self.fetcher.check(url)
            self.checked += 1
            if resp.error is not None and resp.error.startswith("address refused"):
                self.resolve(LinkStatus(url, None, resp.error, checked=False))
            else:
                self.resolve(LinkStatus(url, resp.status, resp.error))
        except Exception as exc:  # noqa: BLE001 - a bug here must not leave pages waiting forever
            self.resolve(LinkStatus(url, None, f"check failed: {exc!r}", checked=False))
        finally:
            self._checking.discard(url)

    async def aclose(self) -> None:
        """Cancel checks still running (a scan that is stopped); their answers are not needed."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def give_up(self, url: str) -> None:
        """A target the crawl will not reach (limits): its waiters get an unchecked answer."""
        if url in self._pending:
            self.resolve(LinkStatus(url, None, "not checked (limits)", checked=False))
