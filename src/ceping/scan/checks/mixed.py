"""Mixed content (`mixed_content`): an https:// page that loads resources over plain http://.

W3C Mixed Content (https://www.w3.org/TR/mixed-content/ §3): images, audio and video are
"upgradeable" (passive: shown with a warning, or upgraded by the browser); scripts, style
sheets, frames, plug-ins and fonts are "blockable" (active: the browser refuses them, so the
page breaks). Links a reader follows (pages, downloads, forms) are navigation, not mixed
content. A resource a site's template loads on every page is reported once, on the first
page it was seen on: it is one defect to fix, not one per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ceping.scan.checks.base import Check, CheckContext
from ceping.scan.config import ScanConfig
from ceping.scan.models import (
    FONT,
    FRAME,
    IMAGE,
    MEDIA,
    OBJECT,
    SCRIPT,
    STYLESHEET,
    Finding,
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
_MEMO_KEY = "mixed_content_seen"


def check_page(page: PageResult, ctx: CheckContext) -> Iterator[Finding]:
    if urlsplit(page.final_url or page.url).scheme != "https":
        return
    seen: set[str] = ctx.memo.setdefault(_MEMO_KEY, set())
    for link in page.links:
        content = CONTENT_OF_KIND.get(link.kind)
        if content is None or link.error is not None or link.url in seen:
            continue
        if urlsplit(link.url).scheme != "http":
            continue
        seen.add(link.url)
        yield Finding.make(
            MIXED_CONTENT, page=page.url, url=link.url, resource=link.kind, content=content
        )


def is_enabled(config: ScanConfig) -> bool:
    return config.check_mixed_content


CHECK = Check("mixed_content", on_page=check_page, enabled=is_enabled)
