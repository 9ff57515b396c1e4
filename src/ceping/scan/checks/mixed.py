"""Mixed content (`mixed_content`): an https:// page that loads resources over plain http://.

W3C Mixed Content (https://www.w3.org/TR/mixed-content/ §3): images, audio and video are
"upgradeable" (passive: shown with a warning, or upgraded by the browser); scripts, style
sheets, frames, plug-ins and fonts are "blockable" (active: the browser refuses them, so the
page breaks). Links a reader follows (pages, downloads, forms) are navigation, not mixed
content. A resource a site's template loads on every page is reported once, on the first
page it was seen on: it is one defect to fix, not one per page.

A page whose Content-Security-Policy (header or <meta http-equiv>) says
`upgrade-insecure-requests` has its browser load every http:// resource over https://, which
is the usual quick fix after a move to HTTPS: no mixed content then. Pages keep no headers or
metas, so the findings wait for the end of the crawl, when the first page that had any is
asked for once more and its policy stands for the site's template.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.encoding import decode
from ceping.scan.fetch import Response
from ceping.scan.models import (
    FONT,
    FRAME,
    IMAGE,
    MEDIA,
    OBJECT,
    SCRIPT,
    STYLESHEET,
    Finding,
    Link,
    PageResult,
)

MIXED_CONTENT = "mixed_content"
CONTENT_OF_KIND = {
    SCRIPT: "active",
    STYLESHEET: "active",
    FRAME: "active",
    OBJECT: "active",
    FONT: "active",
    IMAGE: "passive",
    MEDIA: "passive",
}
_MEMO_KEY = "mixed_content_found"
_UPGRADE = "upgrade-insecure-requests"


def insecure_loads(page: PageResult) -> Iterator[tuple[Link, str]]:
    """(link, "active" or "passive") of each http:// resource an https:// page loads."""
    if urlsplit(page.final_url or page.url).scheme != "https":
        return
    for link in page.links:
        content = CONTENT_OF_KIND.get(link.kind)
        if content is not None and link.error is None and urlsplit(link.url).scheme == "http":
            yield link, content


def check_page(page: PageResult, ctx: CheckContext) -> tuple[Finding, ...]:
    """Keep the page's mixed content for the end of the crawl (see the module's note)."""
    found: dict[str, Finding] = ctx.memo.setdefault(_MEMO_KEY, {})
    for link, content in insecure_loads(page):
        if link.url not in found:
            found[link.url] = Finding.make(
                MIXED_CONTENT, page=page.url, url=link.url, resource=link.kind, content=content
            )
    return ()


def upgrades_insecure_requests(answer: Response) -> bool:
    """The page's Content-Security-Policy, from its header or its <meta http-equiv>, upgrades
    http:// requests to https://."""
    policies = [answer.csp]
    if answer.body:
        text, _ = decode(answer.body, answer.content_type)
        for meta in LexborHTMLParser(text).css("meta[http-equiv]"):
            name = (meta.attributes.get("http-equiv") or "").strip().lower()
            if name == "content-security-policy":
                policies.append(meta.attributes.get("content") or "")
    # Policies are joined by commas (RFC 9110 §5.3), directives separated by semicolons.
    names = (d.split(None, 1) for p in policies for d in p.replace(",", ";").split(";"))
    return any(words and words[0].lower() == _UPGRADE for words in names)


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    found: dict[str, Finding] = ctx.memo.get(_MEMO_KEY, {})
    if not found:
        return SiteOutcome()
    first_page = next(iter(found.values())).page
    answer = await site.get(first_page)
    if answer is not None and upgrades_insecure_requests(answer):
        return SiteOutcome()
    return SiteOutcome(tuple(found.values()))


def is_enabled(config: ScanConfig) -> bool:
    return config.check_mixed_content


CHECK = Check("mixed_content", on_page=check_page, on_site=check_site, enabled=is_enabled)
