"""Refuse private, loopback and link-local targets unless the operator allows them."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from aiohttp import DefaultResolver
from aiohttp.abc import AbstractResolver, ResolveResult

from ceping.errors import AddressRefused, FetchError


def is_public(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
    )


class AddressGuard:
    """Resolves each host once per scan and remembers whether it may be contacted."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
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
            ipaddress.ip_address(host.strip("[]"))
            return is_public(host.strip("[]"))
        except ValueError:
            pass
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise FetchError(host, f"DNS failure: {exc}") from exc
        # Every address must be public: a host with one private record could be steered there.
        return all(is_public(str(info[4][0])) for info in infos)


class GuardedResolver(AbstractResolver):
    """Resolves for aiohttp and refuses non-public answers at connect time.

    The guard's check before a request is not enough alone: a name may resolve differently when
    the connection is made (DNS rebinding); this resolver sees the addresses actually dialled.
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if not self.allow_private and not all(is_public(r["host"]) for r in results):
            raise AddressRefused(
                f"{host}: private, loopback or link-local address (see --allow-private)"
            )
        return results

    async def close(self) -> None:
        await self._inner.close()
