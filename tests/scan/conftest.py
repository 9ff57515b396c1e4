"""Fixtures: the farm served on loopback, and one scan of it shared by the tests that read it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from ceping.scan import MemorySink, ScanConfig, SiteReport, run_scan
from ceping.sitefarm.farm import Farm, build_farm
from ceping.sitefarm.server import FarmServer, free_port

PER_HOST = 3


@dataclass
class Served:
    farm: Farm
    server: FarmServer


@dataclass
class Scanned:
    served: Served
    config: ScanConfig
    reports: list[SiteReport]
    sink: MemorySink
    requests: list[tuple[str, str, str]]  # (host, method, path) asked during this scan only

    def paths(self, host: str) -> list[str]:
        return [p for h, _, p in self.requests if h == host]


def farm_config(farm: Farm, **overrides: object) -> ScanConfig:
    values: dict[str, object] = {
        "urls": tuple(farm.start_urls),
        "as_of": farm.as_of,
        "allow_private": True,
        "slow_page_ms": 2000,
        "backoff_s": 0.05,
        "timeout_s": 5.0,
        "per_host": PER_HOST,
        "concurrency": 16,
    }
    values.update(overrides)
    return ScanConfig(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def served() -> Iterator[Served]:
    farm = build_farm(
        seed=2012, sites=6, pages_per_site=120, port=free_port(), dead_port=free_port()
    )
    server = FarmServer(farm).start()
    yield Served(farm, server)
    server.stop()


@pytest.fixture(scope="session")
def scanned(served: Served) -> Scanned:
    config = farm_config(served.farm)
    sink = MemorySink()
    before = len(served.server.traffic.requests)
    reports = run_scan(config, sink)
    return Scanned(served, config, reports, sink, served.server.traffic.requests[before:])
