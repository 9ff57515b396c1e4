"""A foreign-language (English) version, linked from the home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.models import CRAWLED_KINDS, MISSING_FEATURE, Finding, Link
from ceping.scan.sitewords import ENGLISH_PATH_PARTS, ENGLISH_WORDS


def is_english_link(link: Link) -> bool:
    text = "".join(link.text.split()).lower()
    if text in ENGLISH_WORDS or "english" in text or text.startswith("英文"):
        return True
    parts = urlsplit(link.url)
    where = f"{parts.hostname or ''}{parts.path}".lower()
    return where.startswith("en.") or any(p in where for p in ENGLISH_PATH_PARTS)


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    links = site.home.links if site.home is not None else ()
    pages = (link for link in links if link.kind in CRAWLED_KINDS and link.error is None)
    found = next((link.url for link in pages if is_english_link(link)), None)
    if found is None:
        return SiteOutcome((Finding.make(MISSING_FEATURE, feature="english"),), {"english": False})
    return SiteOutcome((), {"english": True, "english_url": found})


CHECK = Check("english", on_site=check_site)
