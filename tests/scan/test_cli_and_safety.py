"""`ceping scan` writes the JSON contract; private addresses are refused unless allowed."""

from __future__ import annotations

import json
from pathlib import Path

from ceping.cli import main
from ceping.scan import ScanConfig, run_scan
from tests.scan.conftest import Served


def test_cli_writes_the_json_contract(served: Served, tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    urls = served.farm.start_urls[:2]
    rc = main(
        [
            "scan",
            *urls,
            "--json",
            str(out),
            "--as-of",
            "2026-06-30",
            "--allow-private",
            "--max-pages",
            "40",
            "--per-host",
            "2",
            "--concurrency",
            "8",
            "--timeout",
            "5",
            "--quiet",
        ]
    )
    assert rc == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [s["url"] for s in doc["sites"]] == urls
    assert all(s["reachable"] and 0 < s["pages"] <= 40 for s in doc["sites"])
    assert all("pages" in s["stats"]["limits_hit"] for s in doc["sites"])


def test_loopback_is_refused_without_allow_private(served: Served) -> None:
    before = len(served.server.traffic.requests)
    [report] = run_scan(ScanConfig((served.farm.start_urls[0],)))
    assert not report.reachable
    [finding] = report.findings
    assert finding.kind == "unreachable" and "address refused" in str(finding.get("error"))
    assert len(served.server.traffic.requests) == before


def test_links_into_private_addresses_are_not_followed(served: Served) -> None:
    # A public site's links to loopback are never requested: checked through the guard.
    import asyncio

    from ceping.errors import AddressRefused
    from ceping.scan.address import AddressGuard, is_public

    assert not is_public("10.1.2.3") and not is_public("169.254.1.1") and not is_public("::1")
    assert is_public("202.96.209.5")

    async def refused() -> bool:
        try:
            await AddressGuard(False).check("127.0.0.1", 80)
        except AddressRefused:
            return True
        return False

    assert asyncio.run(refused())


def test_resolver_refuses_private_answers_at_connect_time() -> None:
    import asyncio

    import pytest

    from ceping.errors import AddressRefused
    from ceping.scan.address import GuardedResolver

    async def resolve(allow: bool) -> object:
        resolver = GuardedResolver(allow)
        try:
            return await resolver.resolve("localhost", 80)
        finally:
            await resolver.close()

    with pytest.raises(AddressRefused):
        asyncio.run(resolve(False))
    assert asyncio.run(resolve(True))
