"""Signs that a list page shows no items, and that its list is filled by script instead.

Empty: a short 暂无信息 / 共0条 the reader sees, a "no data" picture, an empty container named
as a list, a table of one header row. Not empty: a container an inline script fills or a site's
script file writes ("JS调用"); a hidden "暂无" is the script's placeholder for an empty answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import scriptdata, urls
from ceping.scan.sitewords import (
    EMPTY_COUNT,
    EMPTY_LIST_TEXTS,
    EMPTY_PHRASE,
    LIST_CONTAINER_HINTS,
    LIST_DIV_HINTS,
    TABLE_HEADER_WORDS,
)


def names_of(node: LexborNode) -> str:
    """Its class and id words, lower-cased: where CMSs say what a box is."""
    return f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()


# A text showing an empty-list message is that message, give or take punctuation ("暂无信息！").
MAX_EMPTY_MESSAGE_CHARS = 30
# Any of the texts, in one search: every line of every page's visible text is tried.
_EMPTY_TEXT = re.compile("|".join(map(re.escape, EMPTY_LIST_TEXTS)))
_HIDDEN_CLASSES = frozenset({"hide", "hidden", "d-none", "is-hidden"})
_MAYBE_HIDDEN_CLASSES = frozenset({"none", "dn"})
# Inline scripts that fetch data: the list they fill is empty only in the HTML.
_DATA_LOADS = (
    "ajax",
    "$.get",
    "$.post",
    "$.getJSON",
    "fetch(",
    "XMLHttpRequest",
    "axios",
    ".load(",
)
# File names of "no data" pictures: no_data.jpg, nodata.png, zanwu.gif, wushuju.png.
_EMPTY_PICTURE = re.compile(r"(?:no[_-]?data|no[_-]?content|no[_-]?info|zanwu\w*|wushuju)\.\w+$")


def _is_empty_message(line: str) -> bool:
    return len(line) <= MAX_EMPTY_MESSAGE_CHARS and bool(
        line.strip(" 。！!.…") == "暂无"  # the word alone: <li>暂无</li>
        or _EMPTY_TEXT.search(line)
        or EMPTY_COUNT.search(line)
        or EMPTY_PHRASE.search(line)
    )


def _is_hidden(node: LexborNode | None, scripts: str = "") -> bool:
    """Hidden by its own markup or a class that hides. `none` and `dn` also name a "no data" row
    (`<li class="none">没有相关信息</li>`): they hide only on a page whose scripts could show it."""
    loads = any(call in scripts for call in _DATA_LOADS)
    while node is not None and node.tag not in ("body", "html"):
        style = (node.attributes.get("style") or "").replace(" ", "").lower()
        classes = set((node.attributes.get("class") or "").lower().split())
        if "display:none" in style or "visibility:hidden" in style or "hidden" in node.attributes:
            return True
        if classes & _HIDDEN_CLASSES:
            return True
        if classes & _MAYBE_HIDDEN_CLASSES and (loads or _is_named_in(node, scripts)):
            return True
        node = node.parent
    return False


def _is_named_in(node: LexborNode, scripts: str) -> bool:
    ident = node.attributes.get("id") or ""
    names = [ident] if ident else []
    names += (node.attributes.get("class") or "").split()
    return any(re.search(rf"[#.'\"]{re.escape(name)}(?![\w-])", scripts) for name in names)


def shows_empty_message(tree: LexborHTMLParser, text: str, scripts: str = "") -> bool:
    """A short 暂无信息 / 共0条 the reader sees; a hidden one is a script's placeholder for when
    the list it loads comes back empty."""
    if tree.body is None or not any(_is_empty_message(line) for line in text.splitlines()):
        return False
    for node in tree.body.traverse(include_text=True):
        words = " ".join((node.text_content or "").split()) if node.is_text_node else ""
        if words and _is_empty_message(words) and not _is_hidden(node.parent, scripts):
            return True
    return False


def shows_empty_picture(tree: LexborHTMLParser) -> bool:
    """A "no data" picture in place of the list (bboss CMS shows `no_data.jpg` when a list is
    empty): named so in its alt or title, or by its file name."""
    for img in tree.css("img"):
        words = " ".join(img.attributes.get(a) or "" for a in ("alt", "title"))
        src = (img.attributes.get("src") or "").lower()
        named = _EMPTY_TEXT.search(words) or _EMPTY_PICTURE.search(src)
        if named and not _is_hidden(img):
            return True
    return False


def _is_script_filled(node: LexborNode, scripts: str, files: ScriptFiles) -> bool:
    """A container an inline script names (by id or class), or any on a page that loads data, or
    one that held a script file of the site's."""
    if any(call in scripts for call in _DATA_LOADS) or node.mem_id in files.holders:
        return True
    ident = node.attributes.get("id") or ""
    if ident and ident in scripts:
        return True
    classes = (node.attributes.get("class") or "").split()
    return any(re.search(rf"[.'\"]{re.escape(name)}(?![\w-])", scripts) for name in classes)


def _is_header_only_table(table: LexborNode) -> bool:
    if table.css_first("a[href], input, select, textarea, img") is not None:
        return False
    rows = [row for row in table.css("tr") if row.text(strip=True)]
    if len(rows) != 1:
        return False
    # Every cell a column name (标题, 发布日期); a one-row table of facts (标题 | 某某) is not.
    cells = [cell.text(strip=True) for cell in rows[0].css("th, td")]
    named = [c for c in cells if len(c) <= 8 and any(w in c for w in TABLE_HEADER_WORDS)]
    short = all(len(c) <= 8 for c in cells)
    return len(cells) >= 2 and short and len(named) >= 2


@dataclass(frozen=True)
class ScriptFiles:
    """The site's own script files placed inside lists ("JS调用": `<ul><script src="/js/list.js">
    </script></ul>`), which write the list; read before the page's scripts are stripped."""

    urls: tuple[str, ...] = ()
    holders: frozenset[int] = frozenset()  # the containers holding one, and their ancestors


NO_SCRIPT_FILES = ScriptFiles()


def find_script_files(tree: LexborHTMLParser, page_url: str) -> ScriptFiles:
    resolve = urls.Resolver(page_url)
    site = urls.site_key(page_url)
    found: dict[str, None] = {}
    holders: set[int] = set()
    for node in tree.css("script[src]"):
        parent = node.parent
        if parent is None or not (
            parent.tag in ("ul", "ol", "table", "tbody", "td")
            or (parent.tag == "div" and any(h in names_of(parent) for h in LIST_CONTAINER_HINTS))
        ):
            continue  # a library loaded in the head or at the end of the body
        target = resolve(node.attributes.get("src") or "")
        if target is None or urls.site_key(target) != site:
            continue
        found[target] = None
        holder: LexborNode | None = parent
        while holder is not None and holder.tag not in ("body", "html"):
            holders.add(holder.mem_id)
            holder = holder.parent
    return ScriptFiles(tuple(found)[: scriptdata.MAX_SOURCES], frozenset(holders))


def has_script_filled_container(tree: LexborHTMLParser, scripts: str, files: ScriptFiles) -> bool:
    """An empty list container that the page's scripts fill: the data is elsewhere."""
    for node in tree.css("ul, ol, tbody, table, div"):
        hints = LIST_DIV_HINTS if node.tag == "div" else LIST_CONTAINER_HINTS
        is_empty_list = any(h in names_of(node) for h in hints) and not node.text(strip=True)
        if is_empty_list and _is_script_filled(node, scripts, files):
            return True
    return False


def has_empty_container(tree: LexborHTMLParser, scripts: str, files: ScriptFiles) -> bool:
    for node in tree.css("ul, ol, tbody, table, div"):
        names = names_of(node)
        if node.tag == "table" and _is_header_only_table(node):
            return True
        hints = LIST_DIV_HINTS if node.tag == "div" else LIST_CONTAINER_HINTS
        if not any(h in names for h in hints) or _is_script_filled(node, scripts, files):
            continue
        if node.tag == "div":
            if not node.text(strip=True) and node.css_first("a, img, iframe, li, tr") is None:
                return True
        elif node.css_first("li, tr") is None:
            return True
    return False
