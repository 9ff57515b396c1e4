"""Refuse private, loopback and link-local targets unless the operator allows them."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from aiohttp import DefaultResolver
from aiohttp.abc import AbstractResolver, ResolveResult

from ceping.errors import AddressRefused, FetchError
from ceping.scan.hostmap import Pins, of_family, pinned

# IPv6 forms that carry an IPv4 address inside: the wrapped address is where a packet may end.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address wraps (mapped, 6to4, Teredo, NAT64, compatible)."""
    found: list[ipaddress.IPv4Address] = []
    if addr.ipv4_mapped is not None:
        found.append(addr.ipv4_mapped)
    if addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr.teredo is not None:
        found.extend(addr.teredo)
    if addr in _NAT64 or addr in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return found


def is_public(ip: str) -> bool:
    """Whether an address is on the public Internet, whatever form it comes in.

    `is_global` leaves out private, loopback, link-local, shared (100.64.0.0/10, where cloud
    metadata services sit) and reserved ranges; an IPv6 address is also judged by the IPv4
    address it wraps, so 2002:a00:1:: (6to4 of 10.0.0.1) is as private as 10.0.0.1. Anything
    that is not an address at all is not public."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0].strip("[]"))
    except ValueError:
        return False
    if addr.is_multicast or not addr.is_global:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        if addr in _NAT64_LOCAL:
            return False  # a local translator's prefix: where it leads is not in the address
        return all(is_public(str(v4)) for v4 in _embedded(addr))
    return True


class AddressGuard:
    """Resolves each host once per scan and remembers whether it may be contacted."""

    def __init__(self, allow_private: bool, pins: Pins = ()) -> None:
        self.allow_private = allow_private
        self.pins = pins
        self._verdicts: dict[str, bool] = {}

    async def check(self, host: str, port: int | None) -> None:
        """Raise AddressRefused for a host that resolves to a non-public address."""
        if self.allow_private:
            return
        verdict = self._verdicts.get(host)
        if verdict is None:
            verdict = await self._resolve_public(host, port)
            self._verdicts[host] = verdict
        if not verdict:
            raise AddressRefused(
                f"{host}: private, loopback or link-local address (see --allow-private)"
            )

    async def _resolve_public(self, host: str, port: int | None) -> bool:
        try:
            ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            pass
        else:
            return is_public(host)
        addresses = pinned(self.pins, host)
        if addresses is not None:
            return all(is_public(a) for a in addresses)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            # UnicodeError: a name no resolver accepts (an empty or 64-character label), seen in
            # a link or a redirect: that target's failure, not the scan's.
            raise FetchError(host, f"DNS failure: {exc}") from exc
        # Every address must be public: a host with one private record could be steered there.
        return all(is_public(str(info[4][0])) for info in infos)


def _result(host: str, address: str, port: int) -> ResolveResult:
    version = ipaddress.ip_address(address).version
    family = socket.AF_INET6 if version == 6 else socket.AF_INET
    return ResolveResult(
        hostname=host, host=address, port=port, family=family, proto=0,
        flags=socket.AI_NUMERICHOST,
    )  # fmt: skip


class GuardedResolver(AbstractResolver):
    """Resolves for aiohttp and refuses non-public answers at connect time.

    The guard's check before a request is not enough alone: a name may resolve differently when
    the connection is made (DNS rebinding); this resolver sees the addresses actually dialled.
    """

    def __init__(self, allow_private: bool, pins: Pins = ()) -> None:
        self.allow_private = allow_private
        self.pins = pins
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = pinned(self.pins, host)
        if addresses is None:
            results = await self._inner.resolve(host, port, family)
        else:
            results = [_result(host, a, port) for a in of_family(addresses, family)]
            if not results:
                raise OSError(f"{host}: no address of the family asked for")
        if not self.allow_private and not all(is_public(r["host"]) for r in results):
            raise AddressRefused(
                f"{host}: private, loopback or link-local address (see --allow-private)"
            )
        return results

    async def close(self) -> None:
        await self._inner.close()
