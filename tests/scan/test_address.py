"""The private-address guard, judged as a pure function: no connection to any address."""

from __future__ import annotations

import asyncio

import pytest

from ceping.errors import FetchError
from ceping.scan.address import AddressGuard, is_public


@pytest.mark.parametrize(
    "ip",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",  # link-local cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "100.100.100.200",  # cloud metadata in the shared range
        "100.127.255.254",
        "0.0.0.0",
        "198.18.0.1",  # benchmarking
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "224.0.0.1",  # multicast
        "239.1.1.1",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%eth0",
        "[fe80::1]",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::ffff:127.0.0.1",
        "::ffff:100.100.100.200",
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:6464:64c8::",  # 6to4 of 100.100.100.200
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "2001:0:ca60:d105::1",  # Teredo with a public server: still a tunnel
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::7f00:1",
        "64:ff9b:1::808:808",  # local-use NAT64 prefix
        "::a00:1",  # IPv4-compatible 10.0.0.1
        "::7f00:1",
        "not an address",
        "",
    ],
)
def test_not_public(ip: str) -> None:
    assert not is_public(ip)


@pytest.mark.parametrize(
    "ip",
    [
        "202.96.209.5",
        "8.8.8.8",
        "100.63.255.255",  # just below the shared range
        "100.128.0.1",  # just above it
        "2001:4860:4860::8888",
        "240e::1",
        "[240e::1]",
        "2002:808:808::1",  # 6to4 of a public address
        "64:ff9b::808:808",  # NAT64 of a public address
    ],
)
def test_public(ip: str) -> None:
    assert is_public(ip)


@pytest.mark.parametrize("host", ["a" * 70 + ".gov.cn", "a..b.gov.cn"])
def test_a_host_name_no_resolver_accepts_is_a_fetch_error(host: str) -> None:
    # The name fails its IDNA encoding before any query leaves the machine.
    with pytest.raises(FetchError, match="DNS"):
        asyncio.run(AddressGuard(allow_private=False).check(host, 80))
