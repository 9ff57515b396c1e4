"""Run a page check on pages made from HTML, without a crawl: what the check tests share."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from ceping.scan import ScanConfig
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.fetch import Response
from ceping.scan.models import Finding, PageResult
from ceping.scan.pages import page_from_response

SITE = "http://www.example.gov.cn/"
AS_OF = dt.date(2019, 6, 30)


def page_of(html: str, url: str = SITE, depth: int = 0) -> PageResult:
    """The page as the crawler would hand it to the checks, parsed from `html`."""
    body = html.encode("utf-8")
    resp = Response(url, url, 200, content_type="text/html; charset=utf-8", body=body)
    return page_from_response(resp, depth, AS_OF)


async def _no_request(url: str) -> Any:
    raise AssertionError(f"a page check made a request: {url}")


def _scripts(served: Mapping[str, bytes]) -> Callable[[str], Awaitable[Any]]:
    """The site's scripts, which the home-page checks may read for what they write
    (checks/homescripts): those of `served` (path → body), any other a 404. Any request
    that is not for a script fails the test."""

    async def get(url: str) -> Any:
        if not url.split("?", 1)[0].endswith(".js"):
            return await _no_request(url)
        body = served.get(url.removeprefix(SITE.rstrip("/")))
        if body is None:
            return Response(url, url, 404, content_type="text/html")
        return Response(url, url, 200, content_type="application/javascript", body=body)

    return get


def run_check(
    check: Check, *pages: PageResult, scripts: Mapping[str, bytes] | None = None, **config: Any
) -> SiteOutcome:
    """`check` over `pages` (the first is the home page), as the crawler runs it; `scripts`
    (path → body) are the site's scripts a check may read."""
    settings = ScanConfig(urls=(SITE,), as_of=AS_OF, **config)
    assert check.enabled(settings), f"{check.name} is off with {config}"
    ctx = CheckContext(settings, SITE)
    for page in pages:
        if check.on_page is not None:
            assert list(check.on_page(page, ctx)) == []  # findings come once the site is done
    assert check.on_site is not None
    get = _scripts(scripts or {})
    view = SiteView(SITE, pages[0] if pages else None, len(pages), get, _no_request)
    return asyncio.run(check.on_site(view, ctx))


def fields(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Each finding as its JSON, for exact comparison."""
    return [f.to_json() for f in findings]
