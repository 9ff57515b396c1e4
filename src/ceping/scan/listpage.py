"""A page read as a column (栏目): its dated items (pinned ones aside), or signs of an empty list.

A wrong finding costs a site points, a missed one does not: every doubt (an article page, an
error page, a list filled by script, titles without dates) leaves the page unjudged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import dates, jcms, pagination, scriptdata, urls
from ceping.scan.emptylist import (
    NO_SCRIPT_FILES,
    ScriptFiles,
    has_empty_container,
    has_script_filled_container,
    names_of,
    shows_empty_message,
    shows_empty_picture,
)
from ceping.scan.lists import ListItem, find_lists, find_title_runs, lone_item
from ceping.scan.models import DatedItem
from ceping.scan.sitewords import (
    LIST_CONTAINER_HINTS,
    LIST_DIV_HINTS,
    NOT_FOUND_TEXTS,
)

# Links with text this long are article titles (menus say 首页, 政务公开 …).
MIN_TITLE_CHARS = 12
# This many title links outside the footer: the page lists articles, dated or not.
MIN_TITLE_LINKS = 3
# Paragraphs of this length, this many characters in all: an article, whatever its sidebar says.
MIN_PARAGRAPH_CHARS = 60
MIN_ARTICLE_CHARS = 200
# Meta tags the national guideline puts on article pages only (columns carry ColumnName).
_ARTICLE_METAS = ("articletitle", "pubdate", "contentsource")
_FOOTER_HINTS = ("foot", "bottom", "copyright", "yqlj", "friend", "link")
# Folders a CMS files an article under by date: 202011/, 2020/11/02/.
_DATE_FOLDER = re.compile(r"\d{1,8}")
# Where a page says where it is (当前位置：首页 > 2012年 > 工作动态): class words CMSs give it.
_BREADCRUMBS = ", ".join(
    f'[class*="{w}"], [id*="{w}"]'
    for w in ("crumb", "locat", "position", "dqwz", "curpos", "weizhi")
)
MAX_BREADCRUMB_CHARS = 80
# 大汉 JCMS ships the items of a list as XML records inside a script and draws them in the browser.
_JCMS_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)


# A column whose list shows no dates is judged by its articles' own dates; it must look like one.
MIN_UNDATED_ITEMS = 5
# ... or by the dates in its articles' URLs, when the first ones all carry one.
URL_DATED_HEAD = 3


@dataclass(frozen=True)
class ListPage:
    items: tuple[DatedItem, ...]
    is_list: bool
    # Absolute URLs of the items of the longest undated list of article titles, when no dated one.
    undated: tuple[str, ...] = ()
    next_page: str = ""  # the page after this one of a paged list
    data_sources: tuple[str, ...] = ()  # same-site addresses its scripts fill its list from
    is_script_built: bool = False  # an empty list container its scripts fill


def _current_items(found: list[ListItem]) -> list[ListItem]:
    """Pinned items (置顶) stay on top for years: a list is as fresh as its other items."""
    unpinned = [item for item in found if not item.is_pinned]
    return unpinned or found


def _is_article(tree: LexborHTMLParser) -> bool:
    for meta in tree.css("meta[name]"):
        if (meta.attributes.get("name") or "").lower() in _ARTICLE_METAS:
            return True
    return False


def _is_error_page(text: str) -> bool:
    return any(marker in text[:2000] for marker in NOT_FOUND_TEXTS)


def _in_footer(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        names = names_of(parent)
        if parent.tag == "footer" or any(h in names for h in _FOOTER_HINTS):
            return True
        parent = parent.parent
    return False


def _has_body_text(text: str, items_text: str = "") -> bool:
    """Paragraphs outside any list item: an article (its related-news box is not a column)."""
    long_lines = (
        len(line)
        for line in text.splitlines()
        if len(line) >= MIN_PARAGRAPH_CHARS and line not in items_text
    )
    return sum(long_lines) >= MIN_ARTICLE_CHARS


def _has_title_links(tree: LexborHTMLParser) -> bool:
    """Article titles on the page (an undated list): then an "暂无" is some other box's."""
    count = 0
    for anchor in tree.css("a[href]"):
        if len(anchor.text(strip=True)) >= MIN_TITLE_CHARS and not _in_footer(anchor):
            count += 1
            if count >= MIN_TITLE_LINKS:
                return True
    return False


def written_items(script: str, as_of: dt.date) -> tuple[DatedItem, ...]:
    """The dated items a script file writes with `document.write`, or a JCMS `dataproxy.jsp`
    answer holds as `<record>`s, pinned ones aside."""
    runs = _script_items(script, script, as_of, None)  # JCMS records of a dataproxy answer too
    items = (item for run in runs for item in _current_items(run))
    return tuple(DatedItem(i.date.isoformat(), i.title, i.is_pinned) for i in items)


def _script_items(
    html: str, scripts: str, as_of: dt.date, heading_year: int | None
) -> list[list[ListItem]]:
    """Items the page carries for its scripts to draw: JCMS records, `document.write` strings."""
    written = _JCMS_RECORD.findall(html) + scriptdata.written_html(scripts)
    if not written:
        return []
    fragment = LexborHTMLParser(f"<div>{''.join(written)}</div>")
    return find_lists(fragment.body, as_of, heading_year) if fragment.body is not None else []


def _undated_items(tree: LexborHTMLParser, page_url: str) -> tuple[str, ...]:
    if tree.body is None:
        return ()
    runs = find_title_runs(tree.body, MIN_UNDATED_ITEMS, MIN_TITLE_CHARS)
    if not runs:
        return ()
    resolve = urls.Resolver(page_url)
    hrefs = (resolve(href) for href in max(runs, key=len))
    return tuple(dict.fromkeys(h for h in hrefs if h is not None))


def _dated_by_urls(items: tuple[str, ...], page_url: str, as_of: dt.date) -> ListPage | None:
    """A list without dates whose articles' URLs carry them (TRS `t20201102_…`, JCMS
    `/art/2020/11/2/`): the CMS wrote the publication date there. Only this site's articles,
    and only when the first items all have one."""
    host = urlsplit(page_url).netloc
    found = [dates.url_date(url) if urlsplit(url).netloc == host else None for url in items]
    if len(found) < MIN_UNDATED_ITEMS or not all(found[:URL_DATED_HEAD]):
        return None
    dated = [d for d in found if d is not None and d <= as_of]
    if not dated:
        return None
    return ListPage(tuple(DatedItem(d.isoformat(), "") for d in dated), True)


def _is_own(url: str | None, directory: str) -> bool:
    if url is None or not url.startswith(directory):
        return False
    folders = url[len(directory) :].split("?", 1)[0].split("/")[:-1]
    return all(_DATE_FOLDER.fullmatch(folder) for folder in folders)


def _own_lists(found: list[list[ListItem]], page_url: str) -> list[list[ListItem]]:
    """The column's own lists, when it has some: items in the page's folder (or its date folders,
    TRS `202011/t20201102_…`). A "latest news" box every page carries links elsewhere, and would
    make every column look fresh."""
    directory = page_url.split("?", 1)[0]
    directory = directory[: directory.rfind("/") + 1]
    if urlsplit(directory).path in ("", "/"):
        return found
    resolve = urls.Resolver(page_url)
    own = [run for run in found if sum(_is_own(resolve(i.href), directory) for i in run) >= 2]
    return own or found


def _single_item(
    tree: LexborHTMLParser, as_of: dt.date, heading_year: int | None, page_url: str
) -> DatedItem | None:
    """The item of the one list container holding a single dated item, in the column's own
    folder; two such boxes are side boxes of some page, and nothing is said."""
    found: list[ListItem] = []
    directory = page_url.split("?", 1)[0]
    directory = directory[: directory.rfind("/") + 1]
    resolve = urls.Resolver(page_url) if page_url else None
    for node in tree.css("ul, ol, table, tbody, div"):
        hints = LIST_DIV_HINTS if node.tag == "div" else LIST_CONTAINER_HINTS
        if not any(h in names_of(node) for h in hints):
            continue
        item = lone_item(node, as_of, heading_year or as_of.year)
        if item is not None and resolve is not None and _is_own(resolve(item.href), directory):
            found.append(item)
    hrefs = {item.href for item in found}
    if len(hrefs) != 1:
        return None
    item = found[0]
    return DatedItem(item.date.isoformat(), item.title, item.is_pinned)


def _datastore_page(html: str, scripts: str, page_url: str) -> ListPage:
    """A JCMS column without a dated item in its page: blank when its datastore is empty and
    nothing loads it; filled from elsewhere when its count says so or its scripts load data."""
    store = jcms.read_datastore(html, scripts, page_url)
    if store is None or store.records:
        return ListPage((), False)  # records without dates: the page alone does not tell
    sources = scriptdata.data_sources(scripts, page_url)
    if store.is_loaded_later or sources:
        proxy = (store.pages_from,) if store.is_loaded_later and store.pages_from else ()
        return ListPage((), False, data_sources=proxy + sources, is_script_built=True)
    return ListPage((), store.is_empty)


def read_list_page(
    tree: LexborHTMLParser,
    html: str,
    text: str,
    scripts: str,
    as_of: dt.date,
    page_url: str = "",
    files: ScriptFiles = NO_SCRIPT_FILES,
) -> ListPage:
    """The page's dated items and whether it is a column (a list page, empty or not).

    `text` is the visible text, `scripts` the text of the page's inline scripts, `files` the
    script files its lists held (the tree has lost its scripts by now)."""
    if tree.body is None or _is_error_page(text) or _is_article(tree):
        return ListPage((), False)
    heading_year = dates.heading_year(heading_text(tree), as_of)
    found = find_lists(tree.body, as_of, heading_year)
    found += _script_items(html, scripts, as_of, heading_year)
    found = _own_lists(found, page_url) if page_url else found
    seen: set[tuple[str, dt.date]] = set()
    items: list[DatedItem] = []
    for run in found:
        for item in _current_items(run):
            if (item.href, item.date) not in seen:
                seen.add((item.href, item.date))
                items.append(DatedItem(item.date.isoformat(), item.title, item.is_pinned))
    following = pagination.next_page(tree, scripts, page_url) if page_url else ""
    if items:
        items_text = "\n".join(item.text for run in found for item in run)
        if _has_body_text(text, items_text):
            return ListPage((), False)
        return ListPage(tuple(items), True, next_page=following)
    if _has_body_text(text):
        return ListPage((), False)
    if "<datastore" in html:
        return _datastore_page(html, scripts, page_url)
    if has_script_filled_container(tree, scripts, files):
        sources = files.urls + scriptdata.data_sources(scripts, page_url)
        return ListPage((), False, data_sources=sources, is_script_built=True)
    if _has_title_links(tree):
        undated = _undated_items(tree, page_url) if page_url else ()
        return _dated_by_urls(undated, page_url, as_of) or ListPage((), False, undated)
    single = _single_item(tree, as_of, heading_year, page_url)
    if single is not None:
        return ListPage((single,), True, next_page=following)
    is_empty = (
        shows_empty_message(tree, text, scripts)
        or shows_empty_picture(tree)
        or has_empty_container(tree, scripts, files)
    )
    return ListPage((), is_empty)


def heading_text(tree: LexborHTMLParser) -> str:
    """Title and headings, where a list page names the year its short dates belong to."""
    parts = [n.text() for n in tree.css("title, h1, h2, h3, .year")]
    # A breadcrumb is one short line; a "position-relative" box holding the page is none.
    crumbs = (n.text() for n in tree.css(_BREADCRUMBS))
    parts += [c for c in crumbs if len(" ".join(c.split())) <= MAX_BREADCRUMB_CHARS]
    return " ".join(parts)
