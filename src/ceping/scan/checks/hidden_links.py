"""Hidden and hijacked links (hidden_link, 暗链): links to other sites that no reader sees, and
links to other sites whose words or address are those of gambling, pornography or spam.

Which blocks are hidden is read at parse time (scan/pagesignals, scan/csshide): a folded block
(display:none) counts only when nothing on the page could unfold it, so menus, drop-downs, tab
panels and a skip link are never reported; links to the site itself never are. Links to
government sites (.gov.cn, the identification services) are not reported either: a hidden
link to another government site is a layout choice, not an injection. An injected block sits
in the site's template, on every page: each link is reported once, on the first page (in URL
order) that carries it.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from ceping.scan import urls
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import HIDDEN_LINK, PAGE_LINK, Finding, PageResult

KEYWORD = "keyword"
# Government and identification hosts: never a dark link, whatever hides them.
TRUSTED_DOMAINS = ("gov.cn", "gov", "conac.cn")
MAX_FINDINGS_PER_SITE = 500
_FIRST = "hidden_links.first"

# (url, text) -> (first page, reason, keyword)
Seen = dict[tuple[str, str], tuple[str, str, str]]


def is_trusted(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(urls.is_under(host, domain) for domain in TRUSTED_DOMAINS)


def keyword_of(text: str, url: str, words: tuple[str, ...]) -> str:
    """The first listed word in the link's text (or, for Latin words, its address); "" when none."""
    low_text = text.lower()
    where = url.lower()
    for word in words:
        low = word.lower()
        if low in low_text or (word.isascii() and low in where):
            return word
    return ""


def _is_foreign(url: str, own: set[str]) -> bool:
    return urls.site_key(url) not in own and not is_trusted(url)


def suspects(page: PageResult, site_url: str, words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """(url, text, reason, keyword) of the page's hidden links and keyword links to other sites."""
    own = {urls.site_key(site_url), urls.site_key(page.final_url or page.url)}
    for hidden in page.signals.hidden_links:
        if _is_foreign(hidden.url, own):
            yield hidden.url, hidden.text, hidden.reason, keyword_of(hidden.text, hidden.url, words)
    if not words:
        return
    for link in page.links:
        if link.tag != "a" or link.kind != PAGE_LINK or link.error is not None:
            continue
        if _is_foreign(link.url, own):
            word = keyword_of(link.text, link.url, words)
            if word:
                yield link.url, link.text, KEYWORD, word


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    seen: Seen = ctx.memo.setdefault(_FIRST, {})
    for url, text, reason, word in suspects(page, ctx.site_url, ctx.config.hidden_link_words):
        key = (url, text)
        known = seen.get(key)
        if known is None and len(seen) >= MAX_FINDINGS_PER_SITE:
            continue
        # A hidden copy says more than a visible one: it wins, then the first page in URL order.
        rank = (reason == KEYWORD, page.url)
        if known is None or rank < (known[1] == KEYWORD, known[0]):
            seen[key] = (page.url, reason, word)
    return []


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    seen: Seen = ctx.memo.get(_FIRST, {})
    findings = tuple(
        Finding.make(
            HIDDEN_LINK,
            page=page,
            url=url,
            text=text,
            reason=reason,
            **({"keyword": word} if word else {}),
        )
        for (url, text), (page, reason, word) in sorted(seen.items(), key=lambda i: (i[1][0], i[0]))
    )
    return SiteOutcome(findings)


def is_enabled(config: ScanConfig) -> bool:
    return config.check_hidden_links


CHECK = Check("hidden_links", on_page=check_page, on_site=check_site, enabled=is_enabled)
