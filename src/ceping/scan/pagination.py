"""The pages of a paged column: which page follows this one, and which column a later page is of.

Schemes real CMSs use (read from how sites and scrapers of them page their lists):
- TRS WCM and 海云 write files `index.html`, `index_1.html`, `index_2.html` … and draw the pager
  by script, `createPageHTML(countPage, currentPage, "index", "html")`, so no `<a>` names the
  next page: it is worked out from the call;
- 大汉 JCMS and home-grown sites use a query: `?pageNum=2`, `?page=2`, `pageNo`, `pageIndex`,
  `currentPage`, `curPage`, `cur_page`, `pn`, `p`;
- any site may print links 下一页 / 下页 / 尾页 / `>`;
- a jQuery paging plugin (the ETUI templates of Shanghai's portals) is handed the count and
  a callback that goes to the page's file: `.pagination({totalPage: 54, callBack: function
  (currPage) {location.href = 'index_' + currPage + '.html'}})`, so `index_2.html` is page 2.
A later page is never a column of its own: it is the column's older items.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from ceping.scan import urls

PAGE_PARAMS = frozenset(
    {
        "page",
        "pagenum",
        "pageno",
        "page_no",
        "pageindex",
        "currentpage",
        "curpage",
        "cur_page",
        "currpage",
        "pn",
        "p",
        "pg",
    }
)
NEXT_TEXTS = frozenset({"下一页", "下页", "后一页", "下一页>", "下一页>>", ">", "›", "next"})
# Every word a pager shows: its links lead to the same list's other pages.
PAGER_TEXTS = NEXT_TEXTS | frozenset(
    # Not 首页: on most pages it is the site's home.
    {"上一页", "上页", "前一页", "<上一页", "<<上一页", "尾页", "末页", "最后一页"}
    | {"<", "<<", ">>", "‹", "«", "»", "prev", "previous", "first", "last"}
)
# Page numbers up to 999: a four-digit "2026" is a year's archive, not a page.
_PAGE_NUMBER_TEXT = re.compile(r"^(?:\[?\d{1,3}\]?|第\s*\d{1,3}\s*页)$")
_PAGED_FILE = re.compile(
    r"^(?P<dir>.*/)(?P<stem>index|list|default|more|lists|column-index)[_-](?P<n>\d{1,5})"
    r"\.(?P<ext>s?html?|jsp|aspx?|php)$",
    re.IGNORECASE,
)
# A pager call may claim any count: the links taken from it are a bounded window around the
# current page, so a longer list is still reached page by page, each linking further on.
MAX_PAGER_LINKS = 50
# createPageHTML(10, 0, "index", "html"): pages in all, this page (0 = the first), name, suffix.
# The count and the current page may be numbers or variables set just before
# (`var countPage = 7; createPageHTML(countPage, 0, "index", "html")`).
_TRS_PAGER = re.compile(
    r"createPageHTML\s*\(\s*['\"]?(\w{1,40})['\"]?\s*,\s*['\"]?(\w{1,40})['\"]?\s*,\s*"
    r"['\"]([\w-]{1,40})['\"]\s*,\s*['\"](\w{1,8})['\"]"
)

# The plugin's options: how many pages, and the callback the page number is handed to.
_PLUGIN_COUNT = re.compile(r"\b(?:totalPage|totalPages|pageCount|pageTotal)\s*:\s*(\d{1,5})\b")
_PLUGIN_CALLBACK = re.compile(r"\bcallBack\s*:\s*function\s*\(\s*(\w{1,30})\s*[,)]", re.IGNORECASE)
_PLUGIN_CURRENT = re.compile(r"pagination\(\s*['\"]setPage['\"]\s*,\s*(\d{1,5})")
# location.href = 'index_' + n + '.html': a file named by the number, nothing done to it.
_PAGE_TARGET = re.compile(
    r"location(?:\.href)?\s*=\s*(['\"])([\w./-]{0,80})\1\s*\+\s*(\w{1,30})\s*\+\s*"
    r"(['\"])(\.\w{1,8})\4"
)


def first_pages(url: str) -> tuple[str, ...]:
    """The addresses the first page of the list may have, when `url` is a numbered page of it
    (`…/index_3.html` → `…/index.html` and `…/`); () when it is no numbered page."""
    return _numbered(url)[0]


def page_number(url: str) -> int | None:
    """The number an address gives its page of a list (`index_3.html`: 3), None if it gives none.
    TRS counts from `index.html`, so its `index_1.html` is the second page; some sites call their
    first page `list_1.html`: a number 1 is a later page only when its first page is known."""
    return _numbered(url)[1]


def _numbered(url: str) -> tuple[tuple[str, ...], int | None]:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    paged = [(k, v) for k, v in query if k.lower() in PAGE_PARAMS and v.isdigit()]
    if paged:
        rest = urlencode([(k, v) for k, v in query if (k, v) not in paged])
        first = urls.normalize(urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")))
        return (first,), int(paged[0][1])
    match = _PAGED_FILE.match(parts.path)
    if match is None:
        return (), None
    first = f"{match['dir']}{match['stem']}.{match['ext']}"
    firsts = tuple(
        urls.normalize(urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")))
        for path in (first, match["dir"])
    )
    return firsts, int(match["n"])


def is_pager_text(text: str) -> bool:
    """Words of a pager link: 下一页, 尾页, `>>`, a page number ("2", "[3]", "第4页")."""
    words = " ".join(text.split()).lower()
    return words in PAGER_TEXTS or bool(_PAGE_NUMBER_TEXT.match(words))


def same_list(url: str, other: str) -> bool:
    """Two addresses a list's pages may have: the same folder (`index.html`, `index_2.html`,
    `2.html`), the same path with another query (`?pageNum=2`)."""
    a, b = urlsplit(url), urlsplit(other)
    return a.netloc == b.netloc and a.path[: a.path.rfind("/")] == b.path[: b.path.rfind("/")]


def next_page(tree: LexborHTMLParser, scripts: str, page_url: str) -> str:
    """The address of the page after this one: a 下一页 link, else the TRS pager call; "" when
    the page names none (the last page, or a list on one page)."""
    resolve = urls.Resolver(page_url)
    for anchor in tree.css("a[href]"):
        text = " ".join(anchor.text().split()).lower()
        if text in NEXT_TEXTS or (anchor.attributes.get("title") or "") == "下一页":
            target = resolve(anchor.attributes.get("href") or "")
            if target is not None and target != urls.normalize(page_url):
                return target
    match = _TRS_PAGER.search(scripts)
    if match is None:
        return _plugin_next_page(scripts, page_url, resolve)
    count, current = _number(match[1], scripts), _number(match[2], scripts)
    if count is None or current is None or current + 1 >= count:
        return ""
    return resolve(f"{match[3]}_{current + 1}.{match[4]}") or ""


def _plugin_next_page(scripts: str, page_url: str, resolve: urls.Resolver) -> str:
    """The page after this one by a paging plugin's options: a page count and a callback
    whose page number, as it is handed over (or copied to a variable), names the file. A
    number the callback reworks (`n - 1`) is no file name we can trust: "" then."""
    count, callback = _PLUGIN_COUNT.search(scripts), _PLUGIN_CALLBACK.search(scripts)
    if count is None or callback is None:
        return ""
    numbers = {callback[1]}
    numbers |= set(re.findall(rf"\b(\w{{1,30}})\s*=\s*{re.escape(callback[1])}\s*;", scripts))
    target = next((t for t in _PAGE_TARGET.finditer(scripts) if t[3] in numbers), None)
    if target is None:
        return ""
    given = _PLUGIN_CURRENT.search(scripts)
    current = int(given[1]) if given is not None else (page_number(page_url) or 1)
    if current + 1 > int(count[1]):
        return ""
    return resolve(f"{target[2]}{current + 1}{target[5]}") or ""


def script_pager_pages(scripts: str, page_url: str) -> tuple[str, ...]:
    """Every page a TRS `createPageHTML` call links to, as the pager it writes shows them
    (`index.html`, `index_1.html` … but this page): the first and a window of MAX_PAGER_LINKS
    around this one; () without a call."""
    match = _TRS_PAGER.search(scripts)
    if match is None:
        return ()
    count, current = _number(match[1], scripts), _number(match[2], scripts)
    if count is None:
        return ()
    resolve = urls.Resolver(page_url)
    found: dict[str, None] = {}
    here = current if current is not None else 0
    start = max(here - MAX_PAGER_LINKS // 2, 0)
    for n in (0, *range(start, min(count, start + MAX_PAGER_LINKS))):
        if n == current:
            continue
        target = resolve(f"{match[3]}.{match[4]}" if n == 0 else f"{match[3]}_{n}.{match[4]}")
        if target is not None:
            found[target] = None
    return tuple(found)


def _number(argument: str, scripts: str) -> int | None:
    """A pager argument: a number, or a variable the scripts set to one; None otherwise."""
    if argument.isdigit():
        return int(argument)
    assigned = re.search(rf"\b{re.escape(argument)}\s*=\s*['\"]?(\d{{1,5}})\b", scripts)
    return int(assigned.group(1)) if assigned is not None else None
