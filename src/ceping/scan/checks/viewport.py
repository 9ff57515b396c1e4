"""Mobile adaptation (no_viewport): the home page declares no viewport of the device's width.

A page made for phones says `<meta name="viewport" content="width=device-width, ...">`. A site
that serves phones from a separate mobile site (`<meta name="mobile-agent">`, a
`<link rel="alternate" media=...>`, a 手机版 link, a script that sends phones there by their
user agent, e.g. `uaredirect("http://m...")`) is adapted too and is not reported. So is a
手机版 entry with no address, which shows the mobile site's QR code on hover (武汉洪山's
header: `<a><img src="phone.png">手机版</a>` over a hidden QR image): its label is a short
line of the page's text. A news title naming a 手机版 is longer and is no entry.
"""

from __future__ import annotations

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import NO_VIEWPORT, SCRIPT, Finding, PageResult
from ceping.scan.pagesignals import MOBILE

MOBILE_LINK_WORDS = ("手机版", "移动版", "触屏版", "手机门户", "wap版")
MAX_LABEL_CHARS = 8  # 手机版, 移动门户 …; 我市政务服务手机版正式上线 is a title


def is_adapted(home: PageResult) -> bool:
    if "width=device-width" in "".join(home.signals.viewport.lower().split()):
        return True
    if home.signals.mobile_url or MOBILE in home.signals.markers:
        return True
    if any(link.kind == SCRIPT and "uaredirect" in link.url.lower() for link in home.links):
        return True
    if any(
        link.tag == "a" and any(w in link.text.lower() for w in MOBILE_LINK_WORDS)
        for link in home.links
    ):
        return True
    return any(_is_mobile_label(line) for line in home.text.splitlines())


def _is_mobile_label(line: str) -> bool:
    label = "".join(line.split()).lower()
    return 0 < len(label) <= MAX_LABEL_CHARS and any(w in label for w in MOBILE_LINK_WORDS)


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    home = site.home
    if home is None or not home.ok or not home.is_html or is_adapted(home):
        return SiteOutcome()
    declared = {"declared": home.signals.viewport} if home.signals.viewport else {}
    return SiteOutcome((Finding.make(NO_VIEWPORT, page=home.url, **declared),))


def is_enabled(config: ScanConfig) -> bool:
    return config.check_viewport


CHECK = Check("viewport", on_site=check_site, enabled=is_enabled)
