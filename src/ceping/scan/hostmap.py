"""Host names pinned to addresses (`--resolve NAME=ADDR[,ADDR…]`, as curl's `--resolve`).

For a site reached before its DNS record exists, an intranet name the scanning machine cannot
look up, or test sites on loopback: every lookup of the scan asks here first — the crawl's
connections and address guard (scan/address.py), the TLS probe (scan/tls.py), the IPv6 check
(checks/ipv6.py) and the browser (scan/render.py). A pinned name has exactly the addresses
given: one pinned to IPv4 addresses only has no IPv6 address (no AAAA record).
"""

from __future__ import annotations

import ipaddress
import socket

Pins = tuple[tuple[str, tuple[str, ...]], ...]  # (lower-case host name, its addresses)


def parse_pin(text: str) -> tuple[str, tuple[str, ...]]:
    """`www.example.gov.cn=192.0.2.1,2001:db8::1` as (name, addresses); ValueError when wrong."""
    name, _, listed = text.partition("=")
    name = name.strip().lower().rstrip(".")
    addresses = tuple(a.strip().strip("[]") for a in listed.split(",") if a.strip())
    if not name or not addresses:
        raise ValueError(text)
    for address in addresses:
        ipaddress.ip_address(address)  # ValueError for a name or a typo
    return name, addresses


def pinned(pins: Pins, host: str) -> tuple[str, ...] | None:
    """The addresses `host` is pinned to, None when it is looked up as usual."""
    wanted = host.lower().rstrip(".")
    return next((addresses for name, addresses in pins if name == wanted), None)


def of_family(addresses: tuple[str, ...], family: int = socket.AF_UNSPEC) -> list[str]:
    """The addresses of a family (AF_UNSPEC: all), IPv4 first as most resolvers order them."""
    versions: tuple[int, ...] = (4, 6)
    if family == socket.AF_INET:
        versions = (4,)
    elif family == socket.AF_INET6:
        versions = (6,)
    return [a for v in versions for a in addresses if ipaddress.ip_address(a).version == v]
