"""A scheduled re-scan against the scan before it: new, fixed and still-open findings.

Findings are matched by their stable key (scan.codec.finding_key: kind, page and target, the
measured values left out), so a slow page re-measured at another speed is still the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Json = Mapping[str, Any]
BROKEN_LINK = "broken_link"


@dataclass(frozen=True, slots=True)
class Comparison:
    new: tuple[Json, ...]  # found now, not before
    fixed: tuple[Json, ...]  # found before, not now
    still_open: int  # found both times


def compare(previous: Mapping[str, Json], current: Mapping[str, Json]) -> Comparison:
    """Compare two scans of a site, each as {finding key: finding}; lists in key order."""
    return Comparison(
        new=tuple(current[k] for k in sorted(current.keys() - previous.keys())),
        fixed=tuple(previous[k] for k in sorted(previous.keys() - current.keys())),
        still_open=len(current.keys() & previous.keys()),
    )


def worth_alert(comparison: Comparison, veto_kinds: frozenset[str]) -> tuple[Json, ...]:
    """The new findings a webmaster is alerted to: broken links, and any finding of a kind that
    the framework's single vetoes name. A typo or a stale column waits for the report."""
    return tuple(
        f for f in comparison.new if f.get("kind") == BROKEN_LINK or f.get("kind") in veto_kinds
    )
