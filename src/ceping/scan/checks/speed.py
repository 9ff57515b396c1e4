"""Speed: time to first byte and full load of every page; a slow page is a finding."""

from __future__ import annotations

from collections.abc import Iterable

from ceping.scan.checks.base import Check, CheckContext
from ceping.scan.models import SLOW_PAGE, Finding, PageResult


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if page.status is not None and page.total_ms > ctx.config.slow_page_ms:
        yield Finding.make(SLOW_PAGE, page=page.url, ms=page.total_ms, ttfb_ms=page.ttfb_ms)


CHECK = Check("speed", on_page=check_page)
