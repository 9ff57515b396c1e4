"""大汉 (Hanweb) JCMS list pages: what a column's datastore says of its list.

JCMS ships the first page of a column as XML records inside a script and has its `jpage` plugin
draw them in the browser (`<div id="…"><script type="text/xml"><datastore><nextgroup>
<![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&…">]]></nextgroup><recordset><record>
<![CDATA[<li>…</li>]]></record>…`, then `$('#…').jpage({…totalRecord:1418, proxyUrl:…})`); later
pages come from `dataproxy.jsp`, whose answer is the same `<datastore>` with `<totalrecord>`.

An empty recordset is therefore what the browser shows: nothing. With the count saying 0 (or no
count at all and no data loaded) the column is blank; with a count above 0 but no inline record,
the list is filled from the proxy, and the page is judged from what the proxy answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceping.scan import urls

MAX_HTML_CHARS = 2_000_000
_DATASTORE = re.compile(r"<datastore\b.*?(?:</datastore>|$)", re.IGNORECASE | re.DOTALL)
_RECORD = re.compile(r"<record\b[^>]*>", re.IGNORECASE)
# The count, as the proxy's XML gives it or as the page hands it to jpage (`totalRecord:1418`).
_TOTAL_TAG = re.compile(r"<totalrecord>\s*(\d{1,9})\s*</totalrecord>", re.IGNORECASE)
_TOTAL_OPTION = re.compile(r"""\btotalRecord\s*[:=]\s*['"]?(\d{1,9})\b""")
# Where later pages come from: the nextgroup link, else jpage's proxyUrl.
_NEXTGROUP = re.compile(
    r"""<nextgroup>\s*<!\[CDATA\[\s*<a\s[^>]*?href\s*=\s*['"]([^'"]{1,500})['"]""",
    re.IGNORECASE,
)
_PROXY_URL = re.compile(r"""\bproxyUrl\s*:\s*['"]([^'"\s]{1,300})['"]""")


@dataclass(frozen=True)
class DataStore:
    records: int  # the records shipped in the page
    total: int | None  # the count the page states, None when it states none
    pages_from: str  # the same-site address later pages (or all of them) are loaded from

    @property
    def is_empty(self) -> bool:
        """Nothing shipped, and nothing said to be elsewhere: the browser shows no item."""
        return self.records == 0 and not self.total

    @property
    def is_loaded_later(self) -> bool:
        """No record in the page though the count says there are some: the proxy has them."""
        return self.records == 0 and bool(self.total)


def read_datastore(html: str, scripts: str, page_url: str) -> DataStore | None:
    """The page's JCMS datastore, or None when it has none."""
    html = html[:MAX_HTML_CHARS]
    stores = _DATASTORE.findall(html)
    if not stores:
        return None
    records = sum(len(_RECORD.findall(store)) for store in stores)
    totals = [int(n) for n in _TOTAL_TAG.findall(html) + _TOTAL_OPTION.findall(scripts)]
    # Two lists on a page (a column and a side box): the largest count speaks for the column.
    total = max(totals) if totals else None
    return DataStore(records, total, _pages_from(html, scripts, page_url))


def _pages_from(html: str, scripts: str, page_url: str) -> str:
    resolve = urls.Resolver(page_url)
    site = urls.site_key(page_url)
    for found in (_NEXTGROUP.search(html), _PROXY_URL.search(scripts)):
        if found is None:
            continue
        target = resolve(found.group(1).replace("&amp;", "&"))
        if target is not None and urls.site_key(target) == site and target != page_url:
            return target
    return ""
