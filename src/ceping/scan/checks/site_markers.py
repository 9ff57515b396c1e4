"""Identification marks of a government site (missing_identifier), judged on its home page.

政府网站发展指引 (国办发〔2017〕47号) asks every site's footer for its 网站标识码 (also in
`<meta name="SiteIDCode">`), its ICP 备案编号, its 公安机关备案号, the 党政机关网站标识 (the
conac.cn badge, loaded as `dcs.conac.cn/js/...` or linked to `bszs.conac.cn`) and the
我为政府网站找错 entry (`zfwzgl.www.gov.cn/exposure/jiucuo.js` or a link to zfwzzc.www.gov.cn).
Both are also known by the official snippets' element ids whatever host serves them
(scan/officialmarks: `_ideConac`, `_jiucuo_`).
Numbers count only when a reader sees them: an ICP number only in an image's alt text is not
shown. Text written by inline scripts counts. When a mark is missing, the scripts the home page
loads that may write its footer are read (checks/homescripts: a footer-named one, footer.js,
bottom.js …, then the site's own others from the page's end, at most
policy.IDENTIFIER_SCRIPTS_READ), what they write with document.write as an inline script's.
A footer-named script that cannot be read, or writes nothing readable, leaves the missing
marks unjudged (`identifiers_unjudged`), the badges as well as the numbers; so does an empty
footer container (`<div id="footer"></div>`), which a script fills from another file. What
was found is the site's `identifiers` feature; a missing mark is a finding whose `reason`
says what was looked at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from ceping.scan import urls
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.homescripts import scripted_home
from ceping.scan.config import ScanConfig
from ceping.scan.models import MISSING_IDENTIFIER, Finding, PageResult
from ceping.scan.officialmarks import CONAC_ELEMENT, JIUCUO_ELEMENT, JIUCUO_WORDS
from ceping.scan.pagesignals import CONAC, FOOTER_SLOT, JIUCUO

# Province abbreviations an ICP or 公网安备 number starts with (the 31 provincial units). MIIT
# numbers Sichuan, Guizhou, Yunnan and Gansu by their other names, 蜀 黔 滇 陇 (蜀ICP备…,
# 滇ICP备09010050-5号 on a 丽江 管委会 footer), while their police use 川 贵 云 甘 or 滇: both
# are read.
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼蜀黔滇陇"
# 网站标识码: ten characters, digits or a 2-letter prefix (bm17000009 for State Council bodies).
SITE_CODE = re.compile(
    r"(?:网站标识码|网站识别码|标识码)\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])"
)
SITE_CODE_VALUE = re.compile(r"^[0-9A-Za-z]{10}$")
ICP = re.compile(
    rf"[{_PROVINCES}]\s*ICP\s*[备证]\s*[:：]?\s*\d{{5,10}}\s*号?(?:\s*[-－]\s*\d+号?)?",
    re.IGNORECASE,
)
# Also written by its label alone, without 某公网安备 (`公安机关备案号：43010302000524` on a
# 湖南省市场监督管理局 footer): a number must follow, so the label over an ICP number is no mark.
PSB = re.compile(
    rf"(?:[{_PROVINCES}]?\s*公网安备号?|公安(?:机关)?备案号)\s*[:：]?\s*\d{{10,14}}\s*号?"
)
CONAC_HOST = "conac.cn"
JIUCUO_HOSTS = ("zfwzzc.www.gov.cn", "zfwzgl.www.gov.cn")
FILLED_FOOTER = "页脚容器为空，由脚本从别处载入"  # why marks are unjudged, without a script to name

# (what was found, or None; why it counts as missing) for one identifier.
Judged = tuple[str | None, str]


def _hosts(home: PageResult) -> list[tuple[str, str]]:
    return [
        ((urlsplit(link.url).hostname or "").lower(), link.url)
        for link in home.links
        if link.error is None  # a malformed address is kept as written, unparsed
    ]


def shown_text(home: PageResult) -> str:
    """What the home page shows: its text and what its inline scripts write (some templates
    write the whole footer with document.write)."""
    return f"{home.text}\n{home.signals.written_text}"


def site_code(home: PageResult) -> Judged:
    declared = home.signals.site_code
    if SITE_CODE_VALUE.match(declared):
        return declared, ""
    match = SITE_CODE.search(shown_text(home))
    if match is not None:
        return match.group(1), ""
    return None, "首页文字中没有“网站标识码”及其10位编码，页面也没有 SiteIDCode 元数据"


def _shown_only_in_alt(home: PageResult, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(link.text) for link in home.links)


def icp(home: PageResult) -> Judged:
    match = ICP.search(shown_text(home))
    if match is not None:
        return " ".join(match.group(0).split()), ""
    if _shown_only_in_alt(home, ICP):
        return None, "ICP备案编号只写在图片的替代文字中，页面上没有以文字显示"
    return None, "首页文字中没有ICP备案编号（如“京ICP备12345678号”）"


def psb(home: PageResult) -> Judged:
    match = PSB.search(shown_text(home))
    if match is not None:
        return " ".join(match.group(0).split()), ""
    if _shown_only_in_alt(home, PSB):
        return None, "公安机关备案号只写在图片的替代文字中，页面上没有以文字显示"
    return None, "首页文字中没有公安机关备案号（如“沪公网安备 31010102000001号”）"


def conac(home: PageResult) -> Judged:
    for host, url in _hosts(home):
        if urls.is_under(host, CONAC_HOST):
            return url, ""
    if CONAC_ELEMENT in home.signals.markers:
        return "党政机关网站标识（页面中有官方标识的放置位置）", ""
    if CONAC in home.signals.markers:
        return "页面脚本加载的党政机关网站标识", ""
    return (
        None,
        "首页没有党政机关网站标识（没有指向或加载 conac.cn 的链接，也没有官方标识的放置位置）",
    )


def jiucuo(home: PageResult) -> Judged:
    for host, url in _hosts(home):
        if host in JIUCUO_HOSTS:
            return url, ""
    for link in home.links:
        if link.tag == "a" and any(word in link.text for word in JIUCUO_WORDS):
            return link.text, ""
    if JIUCUO_ELEMENT in home.signals.markers:
        return "“我为政府网站找错”入口（_jiucuo_ 脚本或其图片链接）", ""
    if JIUCUO in home.signals.markers:
        return "页面脚本加载的“我为政府网站找错”入口", ""
    return None, "首页没有“我为政府网站找错”入口（_jiucuo_ 脚本、zfwzzc.www.gov.cn 或“找错”链接）"


JUDGES: dict[str, Callable[[PageResult], Judged]] = {
    "site_code": site_code,
    "icp": icp,
    "psb": psb,
    "conac": conac,
    "jiucuo": jiucuo,
}


def judge(home: PageResult, required: tuple[str, ...], unseen: str | None = None) -> SiteOutcome:
    """The marks of `home`; those missing are left unjudged when `unseen` says why the footer
    could not be read (the script that writes it, or FILLED_FOOTER)."""
    found: dict[str, str] = {}
    unjudged: dict[str, str] = {}
    findings: list[Finding] = []
    for name in required:
        value, reason = JUDGES[name](home)
        if value is not None:
            found[name] = value
        elif unseen is not None:
            # The mark may well be in the footer that script writes (the badges too: the 佛山
            # and 上海徐汇 templates write conac's link and the _jiucuo_ script there): a
            # wrong finding costs more than a missed one, so the feature says why instead.
            unjudged[name] = unseen
        else:
            findings.append(
                Finding.make(MISSING_IDENTIFIER, page=home.url, identifier=name, reason=reason)
            )
    features: dict[str, object] = {"identifiers": found}
    if unjudged:
        features["identifiers_unjudged"] = unjudged
    return SiteOutcome(tuple(findings), features)


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    home = site.home
    if home is None or not home.ok or not home.is_html:
        return SiteOutcome()  # an unreachable home is the crawler's finding
    required = ctx.config.identifiers
    outcome = judge(home, required)
    if not outcome.findings:
        return outcome  # every mark shown by the page itself: no script need be read
    scripted = await scripted_home(site, ctx, home)
    if scripted.unread_footer is not None:
        return judge(scripted.home, required, unseen=scripted.unread_footer)
    if FOOTER_SLOT in home.signals.markers:
        return judge(scripted.home, required, unseen=FILLED_FOOTER)
    return judge(scripted.home, required)


def is_enabled(config: ScanConfig) -> bool:
    return config.check_identifiers


CHECK = Check("site_markers", on_site=check_site, enabled=is_enabled)
