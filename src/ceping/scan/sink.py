"""Where a scan writes as it goes (pages, link statuses, findings), and reads back to resume."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ceping.scan.models import Finding, LinkStatus, PageResult


@dataclass(frozen=True)
class Restored:
    """What a sink already holds for a site: pages in the order written, and link answers."""

    pages: tuple[PageResult, ...] = ()
    links: tuple[LinkStatus, ...] = ()
    done: bool = False


class Sink(Protocol):
    """The crawl's only output channel. Writes must be idempotent: a resumed scan repeats some."""

    def page(self, site: str, page: PageResult, findings: Sequence[Finding]) -> None:
        """A fetched page and the findings made from it alone (one unit: both or neither)."""

    def link(self, status: LinkStatus) -> None:
        """The answer for a link target (scan-wide: an external URL is checked once)."""

    def finding(self, site: str, finding: Finding) -> None:
        """A finding that needs more than one page (broken links, site checks, traps)."""

    def site_done(self, site: str) -> None:
        """Every finding of the site has been written."""

    def restore(self, site: str) -> Restored:
        """What was written for `site` before, so a killed scan can go on where it stopped."""


class NullSink:
    """Keeps nothing: the scan's result is returned by `scan()` anyway."""

    def page(self, site: str, page: PageResult, findings: Sequence[Finding]) -> None:
        pass

    def link(self, status: LinkStatus) -> None:
        pass

    def finding(self, site: str, finding: Finding) -> None:
        pass

    def site_done(self, site: str) -> None:
        pass

    def restore(self, site: str) -> Restored:
        return Restored()


@dataclass
class MemorySink:
    """Keeps everything in memory; the reference implementation of the resumable protocol."""

    pages: dict[str, dict[str, PageResult]] = field(default_factory=dict)
    links: dict[str, LinkStatus] = field(default_factory=dict)
    findings: dict[str, dict[Finding, None]] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)

    def page(self, site: str, page: PageResult, findings: Sequence[Finding]) -> None:
        self.pages.setdefault(site, {})[page.url] = page
        for found in findings:
            self.finding(site, found)

    def link(self, status: LinkStatus) -> None:
        self.links[status.url] = status

    def finding(self, site: str, finding: Finding) -> None:
        self.findings.setdefault(site, {})[finding] = None

    def site_done(self, site: str) -> None:
        self.done.add(site)

    def restore(self, site: str) -> Restored:
        pages = tuple(self.pages.get(site, {}).values())
        return Restored(pages, tuple(self.links.values()), site in self.done)

    def site_findings(self, site: str) -> list[Finding]:
        return list(self.findings.get(site, {}))
