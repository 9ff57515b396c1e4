"""The result of a scan as plain values, and its JSON form (DESIGN §5.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ceping.scan.models import Finding
from ceping.scan.sitewords import SECTIONS

MEASUREMENTS = ("home_ms",)


def finding_sort_key(finding: Finding) -> tuple[str, str, str]:
    return (finding.kind, finding.page, repr(finding.fields))


@dataclass(frozen=True)
class SiteReport:
    """What a scan found on one site."""

    url: str
    reachable: bool
    pages: int
    features: dict[str, Any]
    findings: tuple[Finding, ...]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        sections = self.features.get("sections") or {}
        # A site whose pages a script challenge kept from the scan: its features are unknown.
        unknown = self.features.get("unchecked") is True
        features = {
            **self.features,
            "search": None if unknown else bool(self.features.get("search")),
            "english": None if unknown else bool(self.features.get("english")),
            "sections": {name: sections.get(name) for name in SECTIONS},
        }
        return {
            "url": self.url,
            "reachable": self.reachable,
            "pages": self.pages,
            "features": features,
            "findings": [f.to_json() for f in sorted(self.findings, key=finding_sort_key)],
            # What scoring rules read as measures (docs/framework.md), beside the crawl's stats.
            "measurements": {
                k: self.stats[k] for k in MEASUREMENTS if self.stats.get(k) is not None
            },
            "stats": self.stats,
        }


def to_json(reports: list[SiteReport], **extra: Any) -> dict[str, Any]:
    return {"sites": [r.to_json() for r in reports], **extra}
