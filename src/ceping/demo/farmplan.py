"""Turn the rebuilt scan results of a year into site plans: the defects the demo farm must carry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ceping.demo.sitefarm import SECTIONS, SitePlan
from ceping.framework import Framework, RuleKind

# Measuring adds time (the scanner's own work, the machine's load), never takes it away: a
# planned load time keeps well below the edge of its band above and just clear of the one below.
MARGIN_BELOW_EDGE_MS = 600
MARGIN_ABOVE_EDGE_MS = 50


def band_edges(framework: Framework, measure: str = "home_ms") -> list[float]:
    """Every band bound of the framework's rules on `measure`."""
    edges: set[float] = set()
    for leaf in framework.leaves():
        if (
            leaf.rule is not None
            and leaf.rule.kind is RuleKind.BANDS
            and leaf.rule.measure == measure
        ):
            for band in leaf.rule.bands:
                edges.update(b for b in (band.at_most, band.at_least) if b is not None)
    return sorted(edges)


def safe_delay_ms(planned: float, edges: Iterable[float]) -> int:
    """A home-page delay whose measurement lands in the same band as `planned`."""
    edges = sorted(edges)
    low = max((e for e in edges if e < planned), default=0.0)
    high = min((e for e in edges if e >= planned), default=float("inf"))
    floor, ceiling = low + MARGIN_ABOVE_EDGE_MS if low else 0.0, high - MARGIN_BELOW_EDGE_MS
    if ceiling <= floor:  # a narrow band: aim at its middle
        return int((low + high) / 2)
    return int(min(max(planned, floor), ceiling))


def plan_for(
    code: str, name: str, site: Mapping[str, Any], edges: Iterable[float], gbk: bool
) -> SitePlan:
    """The plan of one unit's site from its scan JSON (DESIGN.md §5.1 plus `measurements`)."""
    counts = Counter(f["kind"] for f in site.get("findings", ()))
    missing = {f.get("feature") for f in site.get("findings", ()) if f["kind"] == "missing_feature"}
    features = site.get("features", {})
    home_ms = float(site.get("measurements", {}).get("home_ms") or 0)
    return SitePlan(
        code=code,
        name=name,
        missing_sections=tuple(s for s in SECTIONS if s in missing),
        search="search" not in missing and bool(features.get("search", True)),
        english="english" not in missing and bool(features.get("english", True)),
        broken_links=counts["broken_link"],
        typos=counts["typo"],
        stale_columns=counts["stale_column"],
        blank_columns=counts["blank_column"],
        slow_pages=counts["slow_page"],
        home_delay_ms=safe_delay_ms(home_ms, edges) if home_ms else 0,
        gbk=gbk,
    )
