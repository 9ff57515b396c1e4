"""The contract of a check: a name, a function per page and/or a function per site."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Response
from ceping.scan.models import Finding, PageResult


@dataclass
class CheckContext:
    """Per-site context of the checks; `memo` is scratch space a check may keep across pages."""

    config: ScanConfig
    site_url: str
    memo: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteView:
    """What a site-level check sees once the crawl of the site is over."""

    site_url: str
    home: PageResult | None
    pages: int
    get: Callable[[str], Awaitable[Response | None]]  # None when robots.txt forbids the URL
    probe: Callable[[str], Awaitable[Response]]  # a HEAD-style check, robots not consulted


@dataclass(frozen=True)
class SiteOutcome:
    findings: tuple[Finding, ...] = ()
    features: dict[str, Any] = field(default_factory=dict)


PageFn = Callable[[PageResult, CheckContext], Iterable[Finding]]
SiteFn = Callable[[SiteView, CheckContext], Awaitable[SiteOutcome]]


@dataclass(frozen=True)
class Check:
    """One plug-in: `on_page` runs on every fetched HTML page, `on_site` once after the crawl."""

    name: str
    on_page: PageFn | None = None
    on_site: SiteFn | None = None
    enabled: Callable[[ScanConfig], bool] = lambda config: True
    # Runs once before any page is fetched: slow set-up here never inflates a page's timing.
    prepare: Callable[[], None] | None = None
