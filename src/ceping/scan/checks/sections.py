"""Core sections 信息公开 / 网上办事 / 便民服务 / 政民互动, found from the home page's
navigation."""

from __future__ import annotations

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.models import MISSING_FEATURE, Finding, Link


def find_section(links: tuple[Link, ...], synonyms: tuple[str, ...]) -> str | None:
    """The first link whose words are a synonym, else the first whose words contain one."""
    texts = [
        (link, "".join(link.text.split()))
        for link in links
        if link.tag == "a" and link.error is None
    ]
    for word in synonyms:
        for link, text in texts:
            if text == word:
                return link.url
    for word in synonyms:
        for link, text in texts:
            if word in text and len(text) <= len(word) + 6:
                return link.url
    return None


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    links = site.home.links if site.home is not None else ()
    found = {name: find_section(links, words) for name, words in ctx.config.section_synonyms}
    missing = tuple(
        Finding.make(MISSING_FEATURE, feature=name) for name, url in found.items() if url is None
    )
    return SiteOutcome(missing, {"sections": found})


CHECK = Check("sections", on_site=check_site)
