"""The result of a scan as plain values, and its JSON form (DESIGN §5.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ceping.scan.models import Finding
from ceping.scan.sitewords import SECTIONS

MEASUREMENTS = ("home_ms",)

# Why a site's result is partial, by the limit the crawl hit (stats["limits_hit"]), in the words
# the organizer reads; a scan cut short is told as such, never passed off as complete.
LIMIT_REASONS = {
    "time": "检测时间达到上限，其余页面未检测",
    "bytes": "下载量达到上限，其余页面未检测",
    "pages": "页面数达到上限，其余页面只检查了链接是否有效",
    "depth": "链接层级达到上限，更深的页面只检查了链接是否有效",
    "checks": "只检查而不检测的链接数也达到页面数上限，其余链接未检查",
    "resources": "页面资源（图片、脚本等）数量达到上限，其余资源未检查",
    "page_size": "有页面超过 5 MB，只读取了前 5 MB",
    "nesting": "有页面的标签嵌套过深，只读取了嵌套过深之前的部分",
    "links": "有页面的链接超过 1 万个，其余链接未检查",
    "stopped": "检测被中断，其余页面未检测，全站检查（搜索、外文版等）未进行",
}
FAILURES_REASON = "{count} 个页面或检查处理出错，已跳过（详见检测日志）"


def partial_reasons(stats: dict[str, Any]) -> list[str]:
    """Why the result of a site is incomplete, in Chinese; [] when it is complete."""
    reasons = [LIMIT_REASONS.get(limit, "检测达到上限") for limit in stats.get("limits_hit", ())]
    if stats.get("failures"):
        reasons.append(FAILURES_REASON.format(count=stats["failures"]))
    return reasons


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
        reasons = partial_reasons(self.stats)
        return {
            "url": self.url,
            "reachable": self.reachable,
            "pages": self.pages,
            "partial": bool(reasons),
            "partial_reasons": reasons,
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
