"""Every URL a browser would load or follow from a page: links, frames, images, CSS, media."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import metalinks, urls
from ceping.scan.csshide import CSS_COMMENT
from ceping.scan.metalinks import Found
from ceping.scan.models import (
    DOWNLOAD,
    FONT,
    FORM,
    FRAME,
    IMAGE,
    MEDIA,
    OBJECT,
    OTHER_RESOURCE,
    PAGE_LINK,
    PLUGIN,
    SCRIPT,
    STYLESHEET,
    Link,
)

# (selector, attribute, kind): one URL per attribute.
_SINGLE = (
    ("a[href]", "href", PAGE_LINK),
    ("area[href]", "href", PAGE_LINK),
    ("frame[src]", "src", FRAME),
    ("iframe[src]", "src", FRAME),
    ("img[src]", "src", IMAGE),
    ("input[src]", "src", IMAGE),  # <input type=image>
    ("script[src]", "src", SCRIPT),
    ("audio[src]", "src", MEDIA),
    ("video[src]", "src", MEDIA),
    ("video[poster]", "poster", IMAGE),
    ("source[src]", "src", MEDIA),
    ("track[src]", "src", MEDIA),
    ("embed[src]", "src", OBJECT),
    ("html[manifest]", "manifest", OTHER_RESOURCE),
    ("body[background]", "background", IMAGE),
    ("table[background], tr[background], td[background], th[background]", "background", IMAGE),
    # What older pages (and the editors that wrote them) still carry: a low-resolution image
    # loaded first, IE's background sound, Netscape layers, an applet's file under `src`, a
    # plug-in's installer, a menu command's icon.
    ("img[lowsrc]", "lowsrc", IMAGE),
    ("bgsound[src]", "src", MEDIA),
    ("layer[src], ilayer[src]", "src", FRAME),
    ("layer[background], ilayer[background]", "background", IMAGE),
    ("applet[src]", "src", OBJECT),
    ("embed[pluginurl]", "pluginurl", PLUGIN),  # the plug-in's own installer
    ("command[icon]", "icon", IMAGE),
    ("isindex[action]", "action", FORM),
    # Addresses a person follows rather than the browser loads: a long description (read out
    # by screen readers), a quotation's source, where to get a plug-in. (`usemap` names a map
    # in the page, `#map`; IE took `map` alike, so it is no address to check.)
    ("img[longdesc], frame[longdesc], iframe[longdesc]", "longdesc", PAGE_LINK),
    ("blockquote[cite], q[cite], del[cite], ins[cite]", "cite", PAGE_LINK),
    ("embed[pluginspage]", "pluginspage", PLUGIN),
    ("embed[href]", "href", PAGE_LINK),  # QuickTime: the page a click on the movie opens
)
# Attributes authors also fill with words (`cite="国务院办公厅"`, `longdesc="a bar chart of…"`):
# taken only when the value reads as an address, one word with a dot, a slash or a colon.
_PROSE_PRONE = frozenset({"cite", "longdesc"})
_ADDRESS_LIKE = re.compile(r"^[^\s]*[./:?][^\s]*$")


def _by_tag(table: tuple[tuple[str, str, str], ...]) -> dict[str, list[tuple[int, str, str]]]:
    """tag -> (row of the table, attribute, kind) of each row whose selector names the tag."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for index, (selector, attr, kind) in enumerate(table):
        for part in selector.split(","):
            out.setdefault(part.strip().split("[", 1)[0], []).append((index, attr, kind))
    return out


_SINGLE_SELECTOR = ", ".join(selector for selector, _, _ in _SINGLE)
_SINGLE_BY_TAG = _by_tag(_SINGLE)
_FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMAGE_SET = re.compile(r"image-set\(((?:[^()]|\([^()]*\))*)\)", re.IGNORECASE)
_CSS_FUNCTION = re.compile(r"[\w-]+\([^()]*\)")
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$""", re.IGNORECASE | re.DOTALL)
_SPLIT_LIST = re.compile(r"[\s,]+")
# Lazy loading (jQuery lazyload, lazysizes, echo.js, the slick, Swiper and Owl carousels of
# home-page banners, and the CMSs that ship them): the real address waits in a data attribute
# until the element scrolls into view. A browser loads it all the same, so it is checked like
# `src`; the `src` beside it is often a placeholder (a TRS WCM news portal, cjn.cn: `<img
# data-src=".../W020201005049929722227.jpeg" src=".../blank.png">`). Government article pages
# rarely do it: none of 24 saved ones (docs/scan.md, "Lazy images"), though their templates
# ship Owl Carousel (data-src, data-src-retina for high-density screens, i.e. phones) and
# HopeUI (hope-src, and hope-xl-src / hope-md-src / hope-xs-src by screen width).
_LAZY_SRC = (
    "data-src", "data-original", "data-lazy-src", "lazy-src", "data-lazyload", "data-echo",
    "data-lazy", "data-actualsrc", "data-background", "data-bg", "data-src-retina",
    "hope-src", "hope-xl-src", "hope-md-src", "hope-xs-src",
)  # fmt: skip
_LAZY_SRCSET = ("data-srcset", "data-lazy-srcset")
_LAZY_SELECTOR = ", ".join(f"[{attr}]" for attr in _LAZY_SRC + _LAZY_SRCSET)
_LAZY_KINDS = {"img": IMAGE, "iframe": FRAME, "video": MEDIA, "audio": MEDIA}
# On another element (a <div> with a lazy background), a data attribute is only taken for an
# image when it names one: `data-src="tab2"` on a tab is a script's key, not an address.
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".ico", ".avif")
# An unrendered template (`{{item.pic}}`, `${src}`, `<%=img%>`) is not an address yet, nor is
# a placeholder drawn by a script in the page (Holder.js: `data-src="holder.js/300x200"`).
_TEMPLATE = re.compile(r"\{\{|\$\{|<%|\{%|^holder\.js/", re.IGNORECASE)
_BREAKS = str.maketrans("", "", "\t\n\r")
LOCAL_FILE = "malformed URL: local file"
_PLAYER_PARAMS = frozenset({"movie", "src", "url", "filename"})

TextOf = Callable[[LexborNode], str]


def base_url(tree: LexborHTMLParser, page_url: str) -> str:
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    joined = urls.absolute(page_url, href) if href else None
    return joined or page_url


def srcset_urls(value: str) -> list[str]:
    """The URLs of a `srcset`, without their width or density descriptors."""
    out: list[str] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0  # skip the descriptors up to the next comma outside parentheses
            while i < n and (value[i] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[i], 0)
                i += 1
        if url:
            out.append(url)
    return out


def css_urls(css: str) -> list[tuple[str, str]]:
    """(href, kind) of every `url()` and `@import` of a style sheet, comments left out."""
    css = CSS_COMMENT.sub(" ", css)
    out: list[tuple[str, str]] = []
    for match in _CSS_IMPORT.finditer(css):
        out.append((match.group(1) or match.group(2) or "", STYLESHEET))
    for match in _CSS_URL.finditer(css):
        href = next((g for g in match.groups() if g is not None), "")
        before = css[max(match.start() - 12, 0) : match.start()].lower()
        kind = STYLESHEET if "@import" in before else _css_kind(href)
        out.append((href, kind))
    # image-set("a.png" 1x, "a-2x.png" 2x): a bare string there is an image's address too.
    for match in _CSS_IMAGE_SET.finditer(css):
        inner = _CSS_FUNCTION.sub(" ", match.group(1))  # url() is read above, type() is no URL
        for string in _CSS_STRING.finditer(inner):
            out.append((string.group(1) or string.group(2) or "", IMAGE))
    return [(href, kind) for href, kind in out if href.strip()]


def _css_kind(href: str) -> str:
    path = href.split("?", 1)[0].split("#", 1)[0].lower()
    return FONT if path.endswith(_FONT_SUFFIXES) else IMAGE


def refresh_target(content: str) -> str:
    """The URL of a `<meta http-equiv=refresh content="5; url=...">`; "" for a plain reload."""
    match = _REFRESH.match(content)
    target = match.group(1).strip() if match else ""
    return target.strip("'\"").strip()


def _is_get_form(node: LexborNode) -> bool:
    return (node.attributes.get("method") or "get").strip().lower() == "get"


def _enclosing_form(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != "form":
        parent = parent.parent
    return parent


def _single(tree: LexborHTMLParser, base: str, text_of: TextOf) -> Iterator[Found]:
    # One walk of the tree for the whole table (a walk per selector cost three times as much),
    # yielded in the table's order: when two elements name one URL, the first entry's kind
    # wins downstream, as it did with a walk per selector.
    found: list[list[Found]] = [[] for _ in _SINGLE]
    for node in tree.css(_SINGLE_SELECTOR):
        tag = node.tag or ""
        attributes = node.attributes
        if tag == "input" and (attributes.get("type") or "").strip().lower() != "image":
            continue
        for index, attr, kind in _SINGLE_BY_TAG.get(tag, ()):
            if attr not in attributes:
                continue
            href = attributes.get(attr) or ""
            if attr in _PROSE_PRONE and not _ADDRESS_LIKE.match(href.strip()):
                continue
            if kind == PAGE_LINK and urls.split_path(href).endswith(urls.DOCUMENT_SUFFIXES):
                kind = DOWNLOAD
            found[index].append((href, base, kind, text_of(node) if tag == "a" else "", tag))
    for entries in found:
        yield from entries


def _found(tree: LexborHTMLParser, base: str, text_of: TextOf) -> Iterator[Found]:
    yield from _single(tree, base, text_of)
    for node in tree.css("img[srcset], source[srcset]"):
        for href in srcset_urls(node.attributes.get("srcset") or ""):
            yield href, base, IMAGE, "", node.tag or ""
    yield from _lazy(tree, base)
    yield from metalinks.link_elements(tree, base)
    yield from metalinks.meta_links(tree, base)
    yield from metalinks.json_ld_links(tree, base)
    yield from _objects(tree, base)
    yield from _forms(tree, base)
    for node in tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            target = refresh_target(node.attributes.get("content") or "")
            if target:
                yield target, base, PAGE_LINK, "", "meta"
    for node in tree.css("image, use"):  # SVG: href, or xlink:href in SVG 1.1
        href = node.attributes.get("href") or node.attributes.get("xlink:href") or ""
        yield href, base, IMAGE, "", node.tag or ""
    for node in tree.css("svg a"):  # an SVG 1.1 link has xlink:href only
        if node.attributes.get("href") is None and node.attributes.get("xlink:href"):
            yield node.attributes.get("xlink:href") or "", base, PAGE_LINK, "", "a"
    for node in tree.css("style"):
        for href, kind in css_urls(node.text()):
            yield href, base, kind, "", "style"
    for node in tree.css("[style]"):
        for href, kind in css_urls(node.attributes.get("style") or ""):
            yield href, base, kind, "", "style"


def _lazy(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    for node in tree.css(_LAZY_SELECTOR):
        tag = node.tag or ""
        for attr in _LAZY_SRC:
            href = (node.attributes.get(attr) or "").strip()
            kind = _lazy_kind(node, href) if href and not _TEMPLATE.search(href) else None
            if kind is not None:
                yield href, base, kind, "", tag
        if tag in ("img", "source"):
            for attr in _LAZY_SRCSET:
                for href in srcset_urls(node.attributes.get(attr) or ""):
                    if not _TEMPLATE.search(href):
                        yield href, base, IMAGE, "", tag


def _lazy_kind(node: LexborNode, href: str) -> str | None:
    kind = _LAZY_KINDS.get(node.tag or "")
    if kind is None and node.tag == "source":
        parent = node.parent.tag if node.parent is not None else ""
        kind = MEDIA if parent in ("video", "audio") else IMAGE
    if kind is None and urls.split_path(href).endswith(_IMAGE_SUFFIXES):
        kind = IMAGE
    return kind


def _objects(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    # `data` and `archive` are relative to `codebase`; spaces or commas separate the URLs of
    # `archive`; an applet's `code` is a class file under the codebase.
    for node in tree.css("object, applet"):
        codebase = (node.attributes.get("codebase") or "").strip()
        classid = (node.attributes.get("classid") or "").strip()
        is_activex = node.tag == "object" and classid.lower().startswith("clsid:")
        if is_activex:
            # An ActiveX control (a player, a signing plug-in): `codebase` is not a directory
            # but the installer (`plugin.cab#version=1,0,0,1`) the browser downloads when the
            # control is missing; the rest is relative to the page.
            under = base
            if codebase:
                yield codebase, base, PLUGIN, "", "object"
        else:
            under = (urls.absolute(base, codebase) if codebase else None) or base
            if node.tag == "object" and classid:
                yield classid, under, OBJECT, "", "object"  # the implementation's address
        if node.tag == "object":
            yield from _object_parts(node, under)
        for href in _SPLIT_LIST.split(node.attributes.get("archive") or ""):
            yield href, under, OBJECT, "", node.tag or ""
        if node.tag == "applet" and not node.attributes.get("archive"):
            yield node.attributes.get("code") or "", under, OBJECT, "", "applet"


def _object_parts(node: LexborNode, under: str) -> Iterator[Found]:
    if node.attributes.get("data"):
        yield node.attributes.get("data") or "", under, OBJECT, "", "object"
    # What an ActiveX player loads (Flash's `movie`, Windows Media Player's `URL`), the
    # `<embed>` beside it being for other browsers.
    for param in node.css("param[name][value]"):
        if (param.attributes.get("name") or "").strip().lower() in _PLAYER_PARAMS:
            yield param.attributes.get("value") or "", under, OBJECT, "", "param"


def _forms(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    # Only a GET form's address is requested the way a check requests it; a POST endpoint
    # answers a bare GET with 405 or an error page, which says nothing about the form.
    for node in tree.css("form[action]"):
        if _is_get_form(node):
            yield node.attributes.get("action") or "", base, FORM, "", "form"
    for node in tree.css("button[formaction], input[formaction]"):
        method = node.attributes.get("formmethod")
        form = _enclosing_form(node)
        is_get = method.strip().lower() == "get" if method else (form is None or _is_get_form(form))
        if is_get:
            yield node.attributes.get("formaction") or "", base, FORM, "", node.tag or ""


def _strip_breaks(href: str) -> str:
    # A browser drops tabs and line breaks anywhere in a URL (an href wrapped by an editor).
    return href.translate(_BREAKS) if "\t" in href or "\n" in href or "\r" in href else href


def unusable(href: str) -> str | None:
    """Why no visitor can open `href` (a malformed URL, a file on the author's own computer)."""
    if href.lstrip()[:5].lower() == "file:":
        # file:///C:/Users/... works on the computer the page was written on, nowhere else; a
        # browser refuses it from a web page anyway.
        return LOCAL_FILE
    return urls.malformed(href)


def extract_links(tree: LexborHTMLParser, page_url: str, text_of: TextOf) -> tuple[Link, ...]:
    """Every URL of the page with its kind; malformed ones kept as written, with the reason."""
    base = base_url(tree, page_url)
    resolvers: dict[str, urls.Resolver] = {}
    out: list[Link] = []
    for written, under, kind, text, tag in _found(tree, base, text_of):
        href = _strip_breaks(written)
        reason = unusable(href)
        if reason is not None:
            out.append(Link(href.strip(), text, tag, kind, reason))
            continue
        resolve = resolvers.get(under)
        if resolve is None:
            resolve = resolvers[under] = urls.Resolver(under)
        target = resolve(href)
        if target is not None:
            out.append(Link(target, text, tag, kind))
    return tuple(out)


def linked_css_links(css: str, css_url: str) -> tuple[Link, ...]:
    """The url()s and @imports of a style sheet file, resolved against the sheet's own URL."""
    resolve = urls.Resolver(css_url)
    out: list[Link] = []
    for written, kind in css_urls(css):
        href = _strip_breaks(written)
        reason = unusable(href)
        if reason is not None:
            out.append(Link(href.strip(), "", "css", kind, reason))
            continue
        target = resolve(href)
        if target is not None:
            out.append(Link(target, "", "css", kind))
    return tuple(out)
