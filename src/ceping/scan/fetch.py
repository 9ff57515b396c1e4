"""The one seam for HTTP: polite, streaming requests with retries, manual redirects and timing."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

import aiohttp

from ceping.errors import AddressRefused, FetchError, FetchTimeout
from ceping.scan import policy, urls
from ceping.scan.address import AddressGuard, GuardedResolver
from ceping.scan.config import ScanConfig
from ceping.scan.tls import lenient_context

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Servers that refuse HEAD answer with these; the GET that follows decides.
_HEAD_REFUSED_BELOW = 400


@dataclass(frozen=True)
class Response:
    """What one request (after redirects) told us; `body` only for HTML that was wanted."""

    url: str
    final_url: str
    status: int | None
    error: str | None = None
    content_type: str = ""
    body: bytes | None = None
    ttfb_ms: int = 0
    total_ms: int = 0
    size: int = 0
    retry_after_s: float = 0.0
    last_modified: str = ""  # the Last-Modified header as sent: the stale_home check reads it
    hsts: str = ""  # the Strict-Transport-Security header as sent: the hsts check reads it
    csp: str = ""  # the Content-Security-Policy headers, joined: the mixed-content check reads it

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


class HostSlots:
    """Per-host concurrency and delay: the politeness of the scanner lives here."""

    def __init__(self, per_host: int, delay_s: float) -> None:
        self.per_host = per_host
        self.delay_s = delay_s
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        """A host's own wish (robots.txt Crawl-delay) can only slow us down."""
        self._delays[host] = max(delay_s, self.delay_s)

    def semaphore(self, host: str) -> asyncio.Semaphore:
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        return sem

    async def wait_turn(self, host: str) -> None:
        delay = self._delays.get(host, self.delay_s)
        if delay <= 0:
            return
        now = time.monotonic()
        at = max(now, self._next_at.get(host, 0.0))
        self._next_at[host] = at + delay
        if at > now:
            await asyncio.sleep(at - now)


def _classify(exc: BaseException, url: str) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return FetchTimeout(url, "timeout")
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return FetchError(url, "DNS failure")
    if isinstance(exc, aiohttp.ClientConnectorError):
        if isinstance(exc.os_error, ConnectionRefusedError):
            return FetchError(url, "connection refused")
        return FetchError(url, f"connection failed: {exc.os_error}")
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return FetchError(url, "server disconnected")
    if isinstance(exc, aiohttp.ClientPayloadError):
        return FetchError(url, "incomplete response body")
    return FetchError(url, f"{type(exc).__name__}: {exc}".strip(": "))


_PERMANENT = ("DNS failure", "redirect loop", "too many redirects", "connection refused")


def _is_transient(error: FetchError) -> bool:
    """Timeouts, resets and dropped connections pass; a refusal or a DNS failure does not."""
    return not error.reason.startswith(_PERMANENT) and "SSL" not in error.reason


class Fetcher:
    """An aiohttp session shared by every site of a scan, with global and per-host limits."""

    def __init__(self, config: ScanConfig, guard: AddressGuard | None = None) -> None:
        self.config = config
        self.guard = guard or AddressGuard(config.allow_private, config.pins)
        self.slots = HostSlots(config.per_host, config.delay_s)
        self._global = asyncio.Semaphore(config.concurrency)
        self._session: aiohttp.ClientSession | None = None
        self.requests = 0
        # Cookies a browser earned by passing a site's script challenge (scan/challenge.py),
        # sent to that host only, whether it is a name or an address.
        self._passes: dict[str, str] = {}

    async def __aenter__(self) -> Self:
        connector = aiohttp.TCPConnector(
            limit=self.config.concurrency,
            limit_per_host=0,
            ttl_dns_cache=300,
            resolver=GuardedResolver(self.config.allow_private, self.config.pins),
            # A bad certificate or an old protocol is the weak_tls check's finding, not a lost
            # site: the crawl reads through them (scan/tls.py).
            ssl=lenient_context(),
        )
        timeout = aiohttp.ClientTimeout(
            total=self.config.timeout_s,
            sock_connect=min(self.config.connect_timeout_s, self.config.timeout_s),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            headers={"User-Agent": self.config.user_agent},
            auto_decompress=True,
            trust_env=False,
        )
        return self

    def add_pass(self, url: str, cookies: tuple[tuple[str, str], ...]) -> None:
        """Send these cookies with every later request to `url`'s host."""
        if cookies:
            self._passes[urlsplit(url).netloc] = "; ".join(f"{k}={v}" for k, v in cookies)

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()

    async def get_page(
        self, url: str, attempts: int | None = None, is_home: bool = False
    ) -> Response:
        """GET a page; the body is read only when it is HTML (or text, for robots.txt).

        A home page is retried on any 5xx too: a site is judged unreachable only after patience."""
        return await self._with_retries(url, "GET", True, attempts or self.config.attempts, is_home)

    async def check(self, url: str, attempts: int | None = None) -> Response:
        """Judge a link target from its headers: HEAD, then GET without the body if HEAD is
        refused."""
        head = await self._with_retries(url, "HEAD", False, attempts or self.config.attempts)
        if head.status is None or head.status < _HEAD_REFUSED_BELOW:
            # No HTTP answer at all: a GET would meet the same refusal, timeout or loop.
            return head
        return await self._with_retries(url, "GET", False, attempts or self.config.attempts)

    async def visit(self, url: str, attempts: int | None = None) -> Response:
        """GET a page as a visitor would and time its answer, without reading the body
        (monitoring: memory stays bounded whatever a page weighs). Retried on any 5xx, as a
        home page is."""
        return await self._with_retries(
            url, "GET", False, attempts or self.config.home_attempts, any_5xx=True
        )

    async def _with_retries(
        self, url: str, method: str, want_body: bool, attempts: int, any_5xx: bool = False
    ) -> Response:
        last: Response | None = None
        for attempt in range(max(1, attempts)):
            if attempt:
                wait = self.config.backoff_s * 2 ** (attempt - 1) * (1 + random.random() / 4)
                if last is not None and last.retry_after_s:
                    wait = max(wait, last.retry_after_s)
                await asyncio.sleep(min(wait, policy.BACKOFF_MAX_S))
            try:
                last = await self._follow(url, method, want_body)
            except FetchError as exc:
                last = Response(url, url, None, exc.reason)
                if not (any_5xx or _is_transient(exc)):
                    return last
                continue
            except AddressRefused as exc:
                return Response(url, url, None, f"address refused: {exc}")
            transient = last.status in policy.RETRY_STATUSES or (
                any_5xx and last.status is not None and last.status >= 500
            )
            if not transient:
                return last
        assert last is not None
        return last

    async def _follow(self, url: str, method: str, want_body: bool) -> Response:
        seen = {url}
        current = url
        spent_s = 0.0  # time the earlier hops of a redirect chain took, queueing excluded
        for _ in range(self.config.max_redirects + 1):
            resp, location = await self._once(current, method, want_body, spent_s)
            spent_s = resp.total_ms / 1000
            if location is None:
                return Response(
                    url,
                    resp.final_url,
                    resp.status,
                    resp.error,
                    resp.content_type,
                    resp.body,
                    resp.ttfb_ms,
                    resp.total_ms,
                    resp.size,
                    resp.retry_after_s,
                    resp.last_modified,
                    resp.hsts,
                    resp.csp,
                )
            target = urls.absolute(current, location)
            if target is None:
                raise FetchError(url, f"redirect to unusable location {location!r}")
            if target in seen:
                raise FetchError(url, "redirect loop")
            seen.add(target)
            current = target
        raise FetchError(url, "too many redirects")

    async def _once(
        self, url: str, method: str, want_body: bool, spent_s: float
    ) -> tuple[Response, str | None]:
        assert self._session is not None, "use Fetcher as an async context manager"
        parts = urlsplit(url)
        host = parts.netloc
        try:
            port = parts.port
        except ValueError as exc:
            raise FetchError(url, "unusable address") from exc
        await self.guard.check(parts.hostname or "", port)
        async with self._global, self.slots.semaphore(host):
            await self.slots.wait_turn(host)
            self.requests += 1
            # The clock starts once our own limits let the request go: waiting for a free
            # slot is the crawler's politeness, not the site's slowness.
            started = time.monotonic() - spent_s
            try:
                return await self._exchange(url, method, want_body, started)
            except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as exc:
                raise _classify(exc, url) from exc

    async def _exchange(
        self, url: str, method: str, want_body: bool, started: float
    ) -> tuple[Response, str | None]:
        assert self._session is not None
        headers = {"Accept": "text/html,*/*;q=0.8"}
        passed = self._passes.get(urlsplit(url).netloc) if self._passes else None
        if passed:
            headers["Cookie"] = passed
        async with self._session.request(
            method, url, allow_redirects=False, headers=headers
        ) as resp:
            ttfb_ms = int((time.monotonic() - started) * 1000)
            ctype = resp.headers.get("Content-Type", "")
            location = resp.headers.get("Location") if 300 <= resp.status < 400 else None
            if location is not None:
                resp.close()
                return Response(
                    url, url, resp.status, None, ctype, None, ttfb_ms, ttfb_ms
                ), location
            body: bytes | None = None
            size = 0  # bytes actually read: what counts against a site's byte budget
            main_type = ctype.split(";", 1)[0].strip().lower()
            if (
                want_body
                and method == "GET"
                and (
                    main_type in HTML_TYPES
                    or main_type.startswith("text/")
                    or not main_type
                    # A column's list data (scan/scriptdata.py): JSON, or a script writing it.
                    or main_type.endswith(("json", "javascript"))
                )
            ):
                body = await _read_capped(resp, policy.MAX_PAGE_BYTES)
                size = len(body)
            else:
                # Non-HTML targets are judged from their headers; never download them whole.
                resp.close()
            total_ms = int((time.monotonic() - started) * 1000)
            retry_after = _retry_after_s(resp.headers.get("Retry-After"))
            final = Response(
                url,
                url,
                resp.status,
                None,
                ctype,
                body,
                ttfb_ms,
                total_ms,
                size,
                retry_after,
                resp.headers.get("Last-Modified", ""),
                resp.headers.get("Strict-Transport-Security", ""),
                ",".join(resp.headers.getall("Content-Security-Policy", [])),
            )
            return final, None


async def _read_capped(resp: aiohttp.ClientResponse, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(policy.READ_CHUNK_BYTES):
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            resp.close()
            break
    return b"".join(chunks)[:limit]


def _retry_after_s(value: str | None) -> float:
    if value is None or not value.strip().isdigit():
        return 0.0
    return min(float(value), policy.BACKOFF_MAX_S)
