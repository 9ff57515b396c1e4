"""HTTPS offered (`no_https`) and HTTP sent on to it (`no_https_redirect`).

A site that does not answer on https:// at all is `no_https` only: that it cannot redirect
there is the same defect. A site that answers on both is `no_https_redirect` when its http://
home page serves a page (2xx) instead of redirecting (a 3xx chain, or a meta refresh, which a
browser follows too) to https://. A JavaScript redirect is not seen and is reported.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Response
from ceping.scan.models import NO_HTTPS, Finding, PageResult
from ceping.scan.pages import page_from_response

NO_HTTPS_REDIRECT = "no_https_redirect"
_MEMO_KEY = "https_answer"


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


async def _plain_home(site: SiteView, ctx: CheckContext) -> PageResult | None:
    """The site's http:// home page: the crawl's own, or asked for when the crawl began on https."""
    if not _is_https(site.site_url):
        return site.home
    answer = await site.get(_with_scheme(site.site_url, "http"))
    return None if answer is None else page_from_response(answer, 0, ctx.config.as_of)


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
    plain = await _plain_home(site, ctx)
    if plain is None or not is_insecure_home(plain):
        return SiteOutcome((), {"https": True})
    page = site.site_url if plain is site.home else plain.url
    found = Finding.make(NO_HTTPS_REDIRECT, page=page, status=plain.status)
    return SiteOutcome((found,), {"https": True})


def is_enabled(config: ScanConfig) -> bool:
    return config.check_https or config.check_https_redirect


CHECK = Check("https", on_site=check_site, enabled=is_enabled)
