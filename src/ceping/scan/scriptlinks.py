"""Links a page carries in its scripts for the browser to draw: 大汉 JCMS records and the pages of
a TRS `createPageHTML` pager.

JCMS ships a column's rows as `<script type="text/xml"><datastore><recordset><record>
<![CDATA[<li><a href=…>…</a></li>]]></record>`, and TRS writes its pager from a script call, so
no `<a>` of the page itself names the articles or the later list pages. A browser shows them as
ordinary links; the crawler follows them the same way (same site, robots.txt and limits), tagged
SCRIPT_DATA so checks about what the markup itself shows (hidden links, sections) leave them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import embeds, pagination
from ceping.scan.models import PAGE_LINK, Link

SCRIPT_DATA = "scriptdata"  # Link.tag of a link read from script data
MAX_RECORDS_CHARS = 500_000
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)


def record_links(
    tree: LexborHTMLParser, base: str, text_of: Callable[[LexborNode], str]
) -> list[Link]:
    """What the JCMS records of the page's XML data scripts link to or show."""
    rows: list[str] = []
    total = 0
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").strip().lower()
        if node.attributes.get("src") or kind not in ("text/xml", "application/xml"):
            continue
        body = node.text()
        if "<record" not in body:
            continue
        for row in _RECORD.findall(body):
            total += len(row)
            if total > MAX_RECORDS_CHARS:
                break
            rows.append(row)
    if not rows:
        return []
    fragment = LexborHTMLParser(f"<div>{''.join(rows)}</div>")
    found = embeds.extract_links(fragment, base, text_of)
    return [Link(link.url, link.text, SCRIPT_DATA, link.kind, link.error) for link in found]


def pager_links(scripts: str, base: str) -> list[Link]:
    """The list pages a TRS pager call would link to."""
    return [
        Link(url, "", SCRIPT_DATA, PAGE_LINK)
        for url in pagination.script_pager_pages(scripts, base)
    ]
