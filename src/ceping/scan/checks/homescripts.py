"""What the home page's own scripts write, read once per site for the checks that judge its
template: the identification marks (site_markers) and the accessible-browsing entry
(accessible_mode).

Many government templates write their header and footer with `document.write` from a script
file: `foot_2020.js` (佛山), `footer.js` and `header.js` (上海徐汇), a script named by a hash
(工信部, whose header script writes the 无障碍浏览 link and whose footer script the 备案号, the
conac badge and the _jiucuo_ snippet). A check that finds nothing on the home page asks for
them: a footer-named script first (footer.js, bottom.js, copyright.js …, any host), then the
site's own other scripts from the page's end, libraries left out, at most
policy.IDENTIFIER_SCRIPTS_READ, asked together. What they write is read as an inline
script's is (scan/pagesignals): its text, the marks and entries it names. Read once per site,
whichever check asks first; the requests go through the crawl's fetcher (robots.txt,
politeness, the page size cap and timeout).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace

from selectolax.lexbor import LexborHTMLParser

from ceping.scan import policy, urls
from ceping.scan.checks.base import CheckContext, SiteView
from ceping.scan.encoding import decode
from ceping.scan.models import SCRIPT, PageResult
from ceping.scan.officialmarks import official_marks
from ceping.scan.pagesignals import (
    ACCESSIBLE,
    MAX_SCRIPT_CHARS,
    is_entry_label,
    read_written,
    script_markers,
    written_html,
)

FOOTER_SCRIPT = re.compile(r"(?:foot|bottom|copyright|dibu|banquan)[^/]*\.js$", re.IGNORECASE)
# Libraries, which write no header or footer: not worth a request.
LIBRARY_SCRIPT = re.compile(
    r"jquery|layui|layer|bootstrap|vue|react|swiper|echarts|require|html5shiv|respond|"
    r"cookie|lazyload|superslide|carousel|hopeui|jweixin|polyfill|md5|base64",
    re.IGNORECASE,
)
_MEMO = "home_scripts"


@dataclass(frozen=True)
class ScriptedHome:
    """The home page with what its scripts write merged into its signals."""

    home: PageResult
    read: tuple[str, ...]  # the scripts that wrote something the scan could read
    asked: tuple[str, ...]  # every script asked for
    unread_footer: str | None  # a footer-named script that could not be read, or wrote nothing


def footer_script(home: PageResult) -> str | None:
    """A script of the home page named as the one that writes its footer (footer.js,
    bottom.js, copyright.js, dibu.js)."""
    for link in home.links:
        if link.kind == SCRIPT and FOOTER_SCRIPT.search(urls.split_path(link.url)):
            return link.url
    return None


def scripts_to_read(home: PageResult) -> list[str]:
    """The scripts of the home page that may write its template, in the order they are read."""
    own = urls.site_key(home.final_url or home.url)
    scripts = [link.url for link in home.links if link.kind == SCRIPT and link.error is None]
    named = [url for url in scripts if FOOTER_SCRIPT.search(urls.split_path(url))]
    others = [
        url
        for url in reversed(scripts)
        if urls.site_key(url) == own and not LIBRARY_SCRIPT.search(urls.split_path(url))
    ]
    return list(dict.fromkeys(named + others))[: policy.IDENTIFIER_SCRIPTS_READ]


def entry_markers(html: str) -> set[str]:
    """ACCESSIBLE when written markup holds an accessible-browsing entry (a link or button
    labelled 无障碍 …, an image so labelled); the official snippets' elements."""
    tree = LexborHTMLParser(html)
    found = official_marks(tree)
    for node in tree.css("a, button"):
        if is_entry_label(node.text()):
            found.add(ACCESSIBLE)
            break
    for img in tree.css("img[alt], img[title]"):
        label = f"{img.attributes.get('alt') or ''}"
        if is_entry_label(label) or is_entry_label(img.attributes.get("title") or ""):
            found.add(ACCESSIBLE)
            break
    return found


async def _written(site: SiteView, script: str) -> tuple[str, str] | None:
    """(the script's code, the HTML it writes), or None when it cannot be had or writes
    nothing the scan can read (it fills the page from elsewhere)."""
    answer = await site.get(script)
    if answer is None or answer.status != 200 or not answer.body:
        return None
    code = decode(answer.body, answer.content_type)[0][:MAX_SCRIPT_CHARS]
    html = written_html(code)
    return (code, html) if html else None


async def scripted_home(site: SiteView, ctx: CheckContext, home: PageResult) -> ScriptedHome:
    """`home` with what its scripts write, read once per site (see the module's note)."""
    known = ctx.memo.get(_MEMO)
    if isinstance(known, ScriptedHome):
        return known
    named = footer_script(home)
    texts: list[str] = [home.signals.written_text]
    markers = set(home.signals.markers)
    read: list[str] = []
    asked = scripts_to_read(home)
    # Asked together: a slow or huge script costs one timeout, not one each.
    answers = await asyncio.gather(*(_written(site, script) for script in asked))
    for script, written in zip(asked, answers, strict=True):
        if written is None:
            continue
        code, html = written
        _, text = read_written(html, urls.Resolver(script), "")
        texts.append(text)
        markers |= script_markers(code) | entry_markers(html)
        read.append(script)
    signals = replace(
        home.signals, written_text="\n".join(t for t in texts if t), markers=tuple(sorted(markers))
    )
    result = ScriptedHome(
        replace(home, signals=signals),
        tuple(read),
        tuple(asked),
        named if named is not None and named not in read else None,
    )
    ctx.memo[_MEMO] = result
    return result
