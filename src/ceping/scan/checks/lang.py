"""Page language (no_lang): the home page's `<html>` declares no `lang` (nor `xml:lang`).

Screen readers pick their voice by it (GB/T 37668-2019, 3.1.1 页面语言); judged on the home
page, whose template the other pages share.
"""

from __future__ import annotations

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import NO_LANG, Finding


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    home = site.home
    if home is None or not home.ok or not home.is_html or home.signals.lang:
        return SiteOutcome()
    return SiteOutcome((Finding.make(NO_LANG, page=home.url),))


def is_enabled(config: ScanConfig) -> bool:
    return config.check_lang


CHECK = Check("lang", on_site=check_site, enabled=is_enabled)
