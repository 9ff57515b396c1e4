"""Accessible browsing (no_accessible_mode): the home page offers no 无障碍 / 适老化 entry.

An entry is a link or button labelled 无障碍, 长者模式, 适老化, 关怀版, 读屏 and the like (its
text, or its image's alt), or a toolbar the page loads: Chinese government sites load one from
a service as `.../wza/aria.js?appid=...` (e.g. slhsrv.southcn.com for 佛山), a cniil or an
`assist` loader, by a `<script src>` or from an inline script (scan/pagesignals). An image
labelled so counts too, even on a `javascript:` link the scan does not list. Only short texts
count as a label: a news title about 无障碍环境建设 is no entry. A home page without one has
what its own scripts write read before it is reported (checks/homescripts): 工信部's header
script writes its 无障碍浏览 link, 上海徐汇's header.js its 无障碍操作说明.
"""

from __future__ import annotations

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.homescripts import scripted_home
from ceping.scan.config import ScanConfig
from ceping.scan.models import NO_ACCESSIBLE_MODE, SCRIPT, Finding, PageResult
from ceping.scan.pagesignals import ACCESSIBLE, SCRIPT_MARKERS, is_entry_label

# A toolbar's loader by its name; `a11y` is the common short name for accessibility
# (湘潭's wxa11yinit.js).
TOOLBAR_WORDS = (*dict(SCRIPT_MARKERS)[ACCESSIBLE], "a11y")


def has_entry(home: PageResult) -> bool:
    if ACCESSIBLE in home.signals.markers:
        return True
    for link in home.links:
        if link.kind == SCRIPT and any(word in link.url.lower() for word in TOOLBAR_WORDS):
            return True
        if link.tag == "a" and is_entry_label(link.text):
            return True
    # A button with no address (javascript: or a <button>) shows its label as a line of text.
    return any(is_entry_label(line) for line in home.text.splitlines())


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    home = site.home
    if home is None or not home.ok or not home.is_html or has_entry(home):
        return SiteOutcome()
    if ACCESSIBLE in (await scripted_home(site, ctx, home)).home.signals.markers:
        return SiteOutcome()
    return SiteOutcome((Finding.make(NO_ACCESSIBLE_MODE, page=home.url),))


def is_enabled(config: ScanConfig) -> bool:
    return config.check_accessible_mode


CHECK = Check("accessible_mode", on_site=check_site, enabled=is_enabled)
