"""Parse an HTML page with selectolax: links, base, visible text, dated list items, forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import dates, urls
from ceping.scan.models import DatedItem, Form, Link
from ceping.scan.sitewords import EMPTY_LIST_TEXTS, LIST_CONTAINER_HINTS

_LINK_TAGS = (("a", "href"), ("area", "href"), ("frame", "src"), ("iframe", "src"))
_INVISIBLE = "script, style, noscript, template"
MAX_TEXT_CHARS = 200_000
_TEXT_INPUT_TYPES = ("", "text", "search")


@dataclass(frozen=True)
class ParsedPage:
    title: str
    links: tuple[Link, ...]
    forms: tuple[Form, ...]
    text: str
    dated_items: tuple[DatedItem, ...]
    is_list_page: bool


def _base_url(tree: LexborHTMLParser, page_url: str) -> str:
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    joined = urls.absolute(page_url, href) if href else None
    return joined or page_url


def _node_text(node: LexborNode) -> str:
    text = " ".join(node.text(separator=" ").split())
    if text:
        return text
    img = node.css_first("img")
    if img is not None:
        return (img.attributes.get("alt") or img.attributes.get("title") or "").strip()
    return (node.attributes.get("title") or "").strip()


def extract_links(tree: LexborHTMLParser, page_url: str) -> tuple[Link, ...]:
    resolve = urls.Resolver(_base_url(tree, page_url))
    out: list[Link] = []
    for tag, attr in _LINK_TAGS:
        for node in tree.css(f"{tag}[{attr}]"):
            target = resolve(node.attributes.get(attr) or "")
            if target is not None:
                out.append(Link(target, _node_text(node) if tag == "a" else "", tag))
    return tuple(out)


def extract_forms(tree: LexborHTMLParser, page_url: str) -> tuple[Form, ...]:
    base = _base_url(tree, page_url)
    forms: list[Form] = []
    for node in tree.css("form"):
        action = urls.absolute(base, node.attributes.get("action") or "") or urls.normalize(base)
        fields: list[str] = []
        hidden: list[tuple[str, str]] = []
        words = [node.attributes.get(a) or "" for a in ("id", "class", "name", "action", "role")]
        for inp in node.css("input"):
            kind = (inp.attributes.get("type") or "").lower()
            name = inp.attributes.get("name") or ""
            words += [inp.attributes.get(a) or "" for a in ("name", "id", "class", "placeholder")]
            if kind == "hidden" and name:
                hidden.append((name, inp.attributes.get("value") or ""))
            elif kind in _TEXT_INPUT_TYPES and name:
                fields.append(name)
            elif kind in ("submit", "button", "image"):
                words += [inp.attributes.get("value") or "", inp.attributes.get("alt") or ""]
        words += [b.text() for b in node.css("button")]
        method = (node.attributes.get("method") or "get").lower()
        forms.append(Form(action, method, tuple(fields), tuple(hidden), " ".join(words).lower()))
    return tuple(forms)


def _is_leaf_item(node: LexborNode) -> bool:
    # lexbor's css() on a node also matches the node itself.
    return len(node.css("li, tr")) <= 1


def extract_dated_items(tree: LexborHTMLParser, text: str, as_of: dt.date) -> tuple[DatedItem, ...]:
    year = dates.context_year(text[:5000], as_of)
    items: list[DatedItem] = []
    for node in tree.css("li, tr, dd"):
        if node.css_first("a[href]") is None or not _is_leaf_item(node):
            continue
        found = dates.item_date(node.text(separator=" "), year, as_of)
        if found is not None:
            anchor = node.css_first("a[href]")
            title = _node_text(anchor) if anchor is not None else ""
            items.append(DatedItem(found.isoformat(), title))
    return tuple(items)


def _has_empty_list(tree: LexborHTMLParser, text: str) -> bool:
    if any(marker in text for marker in EMPTY_LIST_TEXTS):
        return True
    for node in tree.css("ul, ol, tbody, table"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
        if any(h in names for h in LIST_CONTAINER_HINTS) and len(node.css("li, tr")) == 0:
            return True
    return False


def visible_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    if body is None:
        return ""
    for node in body.css(_INVISIBLE):
        node.decompose()
    lines = (" ".join(line.split()) for line in body.text(separator="\n").splitlines())
    return "\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]


def parse_html(html: str, page_url: str, as_of: dt.date) -> ParsedPage:
    """Everything the checks need from one HTML page."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    links = extract_links(tree, page_url)
    forms = extract_forms(tree, page_url)
    items = extract_dated_items(tree, html_text_head(tree), as_of)
    text = visible_text(tree)
    is_list = len(items) >= 2 or (not items and _has_empty_list(tree, text))
    return ParsedPage(title, links, forms, text, items, is_list)


def html_text_head(tree: LexborHTMLParser) -> str:
    """Title and headings, where a list page names the year its short dates belong to."""
    parts = [n.text() for n in tree.css("title, h1, h2, h3, .year, .position, .crumb")]
    return " ".join(parts)
