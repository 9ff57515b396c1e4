"""HTTPS offered: the site answers on https:// (an extra finding kind, `no_https`)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import NO_HTTPS, Finding


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    parts = urlsplit(site.site_url)
    if parts.scheme == "https":
        return SiteOutcome((), {"https": True})
    resp = await site.probe(urlunsplit(("https", parts.netloc, "/", "", "")))
    if resp.status is not None:
        return SiteOutcome((), {"https": True})
    return SiteOutcome(
        (Finding.make(NO_HTTPS, page=site.site_url, error=resp.error),), {"https": False}
    )


def is_enabled(config: ScanConfig) -> bool:
    return config.check_https


CHECK = Check("https", on_site=check_site, enabled=is_enabled)
