"""The public names of ceping.scan, and the per-site limits."""

from __future__ import annotations

import ceping.scan
from ceping.scan import run_scan
from tests.scan.conftest import Served, farm_config


def test_exported_members() -> None:
    assert ceping.scan.__all__ == [
        "Finding",
        "Link",
        "LinkStatus",
        "MemorySink",
        "NullSink",
        "PageResult",
        "Restored",
        "ScanConfig",
        "Sink",
        "SiteReport",
        "run_scan",
        "scan",
        "to_json",
    ]


def test_depth_and_page_limits(served: Served) -> None:
    farm = served.farm
    config = farm_config(farm, urls=(farm.start_urls[4],), max_depth=1, check_https=False)
    [shallow] = run_scan(config)
    home_links = {u for u in farm.sites[4].links["/"] if u.startswith(farm.sites[4].base)}
    assert shallow.pages <= len(home_links) + 1
    assert "depth" in shallow.stats["limits_hit"]
    [small] = run_scan(
        farm_config(farm, urls=(farm.start_urls[4],), max_pages=10, check_https=False)
    )
    assert small.pages <= 10 and "pages" in small.stats["limits_hit"]


def test_parse_workers_give_the_same_findings(served: Served) -> None:
    farm = served.farm
    inline = farm_config(farm, urls=(farm.start_urls[1],), check_https=False)
    [a] = run_scan(inline)
    [b] = run_scan(
        farm_config(farm, urls=(farm.start_urls[1],), check_https=False, parse_workers=1)
    )
    assert a.pages == b.pages
    assert {f.identity for f in a.findings} == {f.identity for f in b.findings}
