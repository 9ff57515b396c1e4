"""Parse an HTML page with selectolax: links, base, visible text, forms; columns via listpage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import embeds, scriptdata, scriptlinks, urls
from ceping.scan.articles import published_date
from ceping.scan.emptylist import find_script_files
from ceping.scan.listpage import read_list_page
from ceping.scan.models import DatedItem, Form, Link
from ceping.scan.pagesignals import NO_SIGNALS, PageSignals, read_signals

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
    undated_items: tuple[str, ...] = ()
    published: str = ""  # YYYY-MM-DD, the page's own publication date when it names one
    signals: PageSignals = NO_SIGNALS
    next_page: str = ""
    data_sources: tuple[str, ...] = ()
    is_script_built: bool = False


_base_url = embeds.base_url


def _node_text(node: LexborNode) -> str:
    text = " ".join(node.text(separator=" ").split())
    if text:
        return text
    img = node.css_first("img")
    if img is not None:
        return (img.attributes.get("alt") or img.attributes.get("title") or "").strip()
    return (node.attributes.get("title") or "").strip()


def extract_links(tree: LexborHTMLParser, page_url: str) -> tuple[Link, ...]:
    return embeds.extract_links(tree, page_url, _node_text)


def script_links(tree: LexborHTMLParser, scripts: str, base: str) -> tuple[Link, ...]:
    """Links the page's scripts draw: JCMS records, TRS pager pages (tagged SCRIPT_DATA)."""
    found = scriptlinks.record_links(tree, base, _node_text)
    return tuple(found + scriptlinks.pager_links(scripts, base))


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
    scripts = " ".join(node.text() for node in tree.css("script"))
    base = _base_url(tree, page_url)
    links += script_links(tree, scripts, base)
    signals = read_signals(tree, page_url, base)  # before scripts go
    files = find_script_files(tree, base)  # before visible_text strips the scripts
    scriptdata.write_in_place(tree)  # dates a script prints where it stands, as a browser does
    text = visible_text(tree)
    column = read_list_page(tree, html, text, scripts, as_of, base, files)
    published = published_date(tree, text, as_of)
    return ParsedPage(
        title,
        links,
        forms,
        text,
        column.items,
        column.is_list,
        column.undated,
        published.isoformat() if published is not None else "",
        signals,
        column.next_page,
        column.data_sources,
        column.is_script_built,
    )
