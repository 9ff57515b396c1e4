"""Speed: time to first byte and full load of every page; a page is slow only when a second look
agrees.

One measurement can be slowed by anything on the way, the scanner's own load included;
a site is told its page is slow only when a later fetch is slow too, and the faster of
the two is reported. The home page is always measured twice: its best time is `home_ms`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.models import SLOW_PAGE, Finding, PageResult

MAX_RECHECKS_PER_SITE = 20  # politeness: a site that is slow everywhere needs no more proof
_CANDIDATES = "speed.candidates"


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if page.status is not None and page.total_ms > ctx.config.slow_page_ms:
        candidates: dict[str, tuple[int, int]] = ctx.memo.setdefault(_CANDIDATES, {})
        candidates[page.url] = (page.total_ms, page.ttfb_ms)
    return ()


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    candidates: dict[str, tuple[int, int]] = ctx.memo.get(_CANDIDATES, {})
    findings = []
    for url, (total_ms, ttfb_ms) in sorted(candidates.items())[:MAX_RECHECKS_PER_SITE]:
        again = await site.get(url)
        if again is None or again.status is None:
            continue
        best_total, best_ttfb = min(total_ms, again.total_ms), min(ttfb_ms, again.ttfb_ms)
        if best_total > ctx.config.slow_page_ms:
            findings.append(Finding.make(SLOW_PAGE, page=url, ms=best_total, ttfb_ms=best_ttfb))
    features: dict[str, object] = {}
    if site.home is not None and site.home.ok:
        again = await site.get(site.home.url)
        best = site.home.total_ms
        if again is not None and again.status is not None:
            best = min(best, again.total_ms)
        features["home_ms"] = best
    return SiteOutcome(tuple(findings), features)


CHECK = Check("speed", on_page=check_page, on_site=check_site)
