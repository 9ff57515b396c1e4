"""HTTPS offered (`no_https`) and HTTP sent on to it (`no_https_redirect`).

A site that does not answer on https:// at all is `no_https` only: that it cannot redirect
there is the same defect. A site that answers on both is `no_https_redirect` when its http://
home page serves a page (2xx) instead of redirecting to https:// (a 3xx chain, a meta refresh,
or an inline script that navigates to https:, which a browser follows too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Response
from ceping.scan.models import NO_HTTPS, Finding, PageResult
from ceping.scan.pages import page_from_response

NO_HTTPS_REDIRECT = "no_https_redirect"
_MEMO_KEY = "https_answer"
# location = …, location.href = …, location.protocol = … (not ==), location.replace/assign(…)
_NAVIGATES = re.compile(
    rb"location(?:\.href|\.protocol)?\s*=(?!=)|location\.(?:replace|assign)\s*\(", re.IGNORECASE
)
MAX_SCRIPT_SCAN_BYTES = 512 * 1024  # a redirect script sits near the top of the page


def _is_https(url: str) -> bool:
    return urlsplit(url).scheme == "https"


def _with_scheme(url: str, scheme: str) -> str:
    return urlunsplit((scheme, urlsplit(url).netloc, "/", "", ""))


def home_url(site: SiteView) -> str:
    """Where the site's home page ended up (after redirects), else the address given."""
    home = site.home
    return (home.final_url or home.url) if home is not None else site.site_url


async def https_answer(site: SiteView, ctx: CheckContext) -> Response:
    """The answer of the site's https:// home, asked once per site for every check that needs it.

    The home page itself when it ended on https://, else https:// on the given host."""
    memo = ctx.memo.get(_MEMO_KEY)
    if isinstance(memo, Response):
        return memo
    landed = home_url(site)
    answer = await site.probe(landed if _is_https(landed) else _with_scheme(site.site_url, "https"))
    ctx.memo[_MEMO_KEY] = answer
    return answer


def serves_https(answer: Response) -> bool:
    """The https:// home serves the site: an answer below 400 that stayed on https://.

    Only then are its TLS and its headers the site's: an error page, or a redirect down to
    http://, may come from a host's default set-up that the site does not use."""
    landed = answer.final_url or answer.url
    return answer.status is not None and answer.status < 400 and _is_https(landed)


def _refreshes_to_https(home: PageResult) -> bool:
    return any(link.tag == "meta" and _is_https(link.url) for link in home.links)


def is_insecure_home(home: PageResult) -> bool:
    """The http:// home serves a page (2xx over plain HTTP) instead of sending it on to https://.

    An error page or no answer serves nothing insecurely, so it is not judged here."""
    served = home.status is not None and 200 <= home.status < 300
    landed = home.final_url or home.url
    return served and not _is_https(landed) and not _refreshes_to_https(home)


def scripts_redirect_to_https(body: bytes) -> bool:
    """An inline script of the page sends the reader to an https: address.

    Government templates do it in many ways (`location.href = "https:" + …`,
    `location.replace("https://" + …)`, `location.protocol = "https:"`, the protocol kept in a
    variable first); any script that both navigates and names https: counts, so that a doubt
    leaves the site unjudged rather than wrongly reported."""
    return any(
        b"https:" in code.lower() and _NAVIGATES.search(code)
        for code in _inline_scripts(body[:MAX_SCRIPT_SCAN_BYTES])
    )


def _inline_scripts(body: bytes) -> Iterator[bytes]:
    """The code of each <script> element, found by plain search: linear on any input, where a
    regular expression would rescan the rest of a hostile page for every unclosed tag."""
    lower = body.lower()
    start = 0
    while (opened := lower.find(b"<script", start)) != -1:
        tag_end = lower.find(b">", opened)
        closed = lower.find(b"</script", tag_end) if tag_end != -1 else -1
        if closed == -1:
            return
        yield body[tag_end + 1 : closed]
        start = closed + len(b"</script")


async def _insecure_home(site: SiteView, ctx: CheckContext) -> PageResult | None:
    """The site's http:// home page when it serves the site instead of sending it to https://.

    A site crawled from http:// is judged from its home page first; the page is then asked for
    again (a crawled page keeps no scripts) to see whether a script sends the reader on."""
    if _is_https(site.site_url):
        plain_url = _with_scheme(site.site_url, "http")
    elif site.home is None or not is_insecure_home(site.home):
        return None
    else:
        plain_url = site.site_url
    answer = await site.get(plain_url)
    if answer is None:
        return None
    page = page_from_response(answer, 0, ctx.config.as_of)
    if not is_insecure_home(page) or scripts_redirect_to_https(answer.body or b""):
        return None
    return page


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    landed_https = _is_https(home_url(site))
    if not landed_https:
        answer = await https_answer(site, ctx)
        if answer.status is None:
            missing = (Finding.make(NO_HTTPS, page=site.site_url, error=answer.error),)
            return SiteOutcome(missing if ctx.config.check_https else (), {"https": False})
        if answer.status >= 400:
            # https:// answers but serves no site (another host's default page, say): sending
            # readers there would break the site, so not redirecting is no finding.
            return SiteOutcome((), {"https": True})
    if not ctx.config.check_https_redirect:
        return SiteOutcome((), {"https": True})
    plain = await _insecure_home(site, ctx)
    if plain is None:
        return SiteOutcome((), {"https": True})
    found = Finding.make(NO_HTTPS_REDIRECT, page=plain.url, status=plain.status)
    return SiteOutcome((found,), {"https": True})


def is_enabled(config: ScanConfig) -> bool:
    return config.check_https or config.check_https_redirect


CHECK = Check("https", on_site=check_site, enabled=is_enabled)
