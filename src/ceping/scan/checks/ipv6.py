"""IPv6 access (`no_ipv6`): the site's host has an AAAA record, and its home page answers there.

The home page (where it landed after redirects) is asked for once more, over its IPv6
addresses only, without following redirects: any answer below 400 is the site working over
IPv6. A site given by an IPv4 address has no name to look up and is not judged. When the
scanning machine itself has no IPv6 route (network unreachable, no address to send from), or
the name server fails, nothing is judged: that is the scanner's state, not the site's.
Resolution is injectable, so tests resolve a name to ::1 without a name server.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from ceping.scan import policy
from ceping.scan.address import is_public
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.https import home_url
from ceping.scan.config import ScanConfig
from ceping.scan.hostmap import of_family, pinned
from ceping.scan.models import Finding
from ceping.scan.tls import lenient_context

NO_IPV6 = "no_ipv6"
# The host's IPv6 addresses; [] when it has none (no AAAA record), None when it cannot be told.
Resolve6 = Callable[[str, int], Awaitable[list[str] | None]]
_NO_RECORD = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
# Our own side has no IPv6: no route, or no address to send from.
_SCANNER_SIDE = {errno.ENETUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
MAX_SHOWN = 5  # addresses named in the evidence


async def resolve_aaaa(host: str, port: int) -> list[str] | None:
    """The host's IPv6 addresses from the system resolver (IPv4-mapped ones are not IPv6)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, family=socket.AF_INET6, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return [] if exc.errno in _NO_RECORD else None
    except (OSError, UnicodeError):
        return None
    found = [str(info[4][0]) for info in infos]
    return [a for a in dict.fromkeys(found) if ipaddress.IPv6Address(a).ipv4_mapped is None]


class _Pinned(AbstractResolver):
    """Resolves every name to the given IPv6 addresses: the request goes there and nowhere else."""

    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            ResolveResult(
                hostname=host,
                host=a,
                port=port,
                family=socket.AF_INET6,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for a in self.addresses
        ]

    async def close(self) -> None:
        pass


def reason_of(exc: BaseException) -> str | None:
    """The error text of a failed IPv6 request (scan/fetch.py's wording); None: our side's fault."""
    if isinstance(exc, TimeoutError):
        return "timeout"
    os_error = exc.os_error if isinstance(exc, aiohttp.ClientConnectorError) else exc
    if isinstance(os_error, OSError) and os_error.errno in _SCANNER_SIDE:
        return None
    if isinstance(os_error, ConnectionRefusedError):
        return "connection refused"
    return f"connection failed: {os_error}"


async def ask_over_ipv6(url: str, addresses: list[str], user_agent: str) -> tuple[int | None, str]:
    """(status, "") of one request to `url` over the addresses; (None, error) without an answer.

    Raises LookupError when the failure is the scanner's own (no IPv6 here)."""
    connector = aiohttp.TCPConnector(resolver=_Pinned(addresses), ssl=lenient_context())
    timeout = aiohttp.ClientTimeout(total=policy.IPV6_TIMEOUT_S)
    headers = {"User-Agent": user_agent}
    try:
        async with (
            aiohttp.ClientSession(connector=connector, timeout=timeout, trust_env=False) as session,
            session.get(url, allow_redirects=False, headers=headers) as resp,
        ):
            return resp.status, ""
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        reason = reason_of(exc)
        if reason is None:
            raise LookupError("no IPv6 on this machine") from exc
        return None, reason


def make_check(resolve: Resolve6 = resolve_aaaa) -> Check:
    """The check with its resolver: the system's by default, a test's own mapping to ::1."""

    async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
        url = home_url(site)
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:  # an address, not a name: nothing to look up
            return SiteOutcome((), {"ipv6": True} if literal.version == 6 else {})
        port = parts.port or (443 if parts.scheme == "https" else 80)
        pins = pinned(ctx.config.pins, host)
        if pins is not None:  # a pinned name has the IPv6 addresses it was given, or none
            addresses: list[str] | None = of_family(pins, socket.AF_INET6)
        else:
            addresses = await resolve(host, port)
        if addresses is None:
            return SiteOutcome()
        if not addresses:
            return _no_ipv6(url, "no_aaaa")
        if not (ctx.config.allow_private or all(is_public(a) for a in addresses)):
            return SiteOutcome()  # the address guard's rule: never dial a private address
        try:
            status, error = await ask_over_ipv6(url, addresses, ctx.config.user_agent)
        except LookupError:
            return SiteOutcome()
        shown = "、".join(addresses[:MAX_SHOWN])
        if status is None:
            return _no_ipv6(url, "no_answer", address=shown, error=error)
        if status >= 400:
            return _no_ipv6(url, "error_status", address=shown, status=status)
        return SiteOutcome((), {"ipv6": True})

    return Check("ipv6", on_site=check_site, enabled=is_enabled)


def _no_ipv6(url: str, reason: str, **evidence: object) -> SiteOutcome:
    found = Finding.make(NO_IPV6, page=url, reason=reason, **evidence)
    return SiteOutcome((found,), {"ipv6": False})


def is_enabled(config: ScanConfig) -> bool:
    return config.check_ipv6


CHECK = make_check()
