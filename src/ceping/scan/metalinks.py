"""Addresses in a page's metadata: `<link>` elements, `<meta>` contents and JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from ceping.scan.models import (
    FONT,
    IMAGE,
    MEDIA,
    OTHER_RESOURCE,
    PAGE_LINK,
    SCRIPT,
    STYLESHEET,
)

Found = tuple[str, str, str, str, str]  # (href as written, base, kind, text, tag)

# <link rel=...>: the first of these the rel names decides; any other rel (canonical, next,
# search, author, a missing rel) names a document a person, a search engine or a feed reader
# follows, so it is a page link.
_LINK_RELS = {
    "stylesheet": STYLESHEET,
    "icon": IMAGE,
    "apple-touch-icon": IMAGE,
    "apple-touch-icon-precomposed": IMAGE,
    "mask-icon": IMAGE,
    "preload": OTHER_RESOURCE,
    "prefetch": OTHER_RESOURCE,
    "modulepreload": SCRIPT,
    "manifest": OTHER_RESOURCE,
}
# Rels whose href is not fetched as it is: a host to look up or connect to early, or an endpoint
# that only takes POST (a GET answers 405, which says nothing about the page).
_LINK_RELS_SKIPPED = frozenset({"dns-prefetch", "preconnect", "pingback", "webmention"})
_PRELOAD_AS = {"image": IMAGE, "style": STYLESHEET, "script": SCRIPT, "font": FONT}
_PRELOAD_AS.update({"audio": MEDIA, "video": MEDIA, "track": MEDIA})
# A <meta> content is an address when its property says so (Open Graph, Twitter cards, the
# Windows tile), relative ones included as crawlers resolve them; for any other name, when it
# is a whole web address, an image when "image", "icon" or "logo" is in the name.
_META_ADDRESSES = {
    name: kind
    for names, kind in (
        ("og:image og:image:url og:image:secure_url twitter:image twitter:image:src", IMAGE),
        ("msapplication-tileimage thumbnail", IMAGE),
        ("og:audio og:audio:url og:audio:secure_url", MEDIA),
        ("og:video og:video:url og:video:secure_url", MEDIA),
        ("og:url", PAGE_LINK),
    )
    for name in names.split()
}  # fmt: skip
_ABSOLUTE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_IMAGE_WORDS = ("image", "icon", "logo")
_TEMPLATE = re.compile(r"\{\{|\$\{|<%|\{%")
# schema.org properties that hold an address, in JSON-LD; an image's own `url` is an image.
_JSON_LD_PAGES = frozenset(
    {"url", "sameAs", "mainEntityOfPage", "contentUrl", "embedUrl", "downloadUrl", "hasMap"}
)
_JSON_LD_IMAGES = frozenset({"image", "logo", "photo", "thumbnailUrl", "thumbnail"})
_JSON_LD_MAX_DEPTH = 20


def link_elements(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    for node in tree.css("link[href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        if _LINK_RELS_SKIPPED.intersection(rels):
            continue
        # By the table's order, not the attribute's: "alternate stylesheet" is a style sheet.
        kind = next((k for rel, k in _LINK_RELS.items() if rel in rels), PAGE_LINK)
        if kind == OTHER_RESOURCE and ("preload" in rels or "prefetch" in rels):
            kind = _PRELOAD_AS.get((node.attributes.get("as") or "").strip().lower(), kind)
        yield node.attributes.get("href") or "", base, kind, "", "link"


def meta_links(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    for node in tree.css("meta[href]"):
        # `<meta rel="shortcut icon" href>`: not HTML, but what some pages write for their icon.
        if "icon" in (node.attributes.get("rel") or "").lower().split():
            yield node.attributes.get("href") or "", base, IMAGE, "", "meta"
    for node in tree.css("meta[content]"):
        content = (node.attributes.get("content") or "").strip()
        if node.attributes.get("http-equiv") is not None or not content:
            continue  # refresh is read apart; other http-equiv values are headers
        name = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        kind = _META_ADDRESSES.get(name.strip())
        if (node.attributes.get("scheme") or "").strip().lower() == "dcterms.uri":
            kind = PAGE_LINK  # Dublin Core: the scheme says the content is an address
        if kind is None and _ABSOLUTE.match(content):
            kind = IMAGE if any(word in name for word in _IMAGE_WORDS) else PAGE_LINK
        if kind is not None and not _TEMPLATE.search(content):
            yield content, base, kind, "", "meta"


def json_ld_links(tree: LexborHTMLParser, base: str) -> Iterator[Found]:
    for node in tree.css("script[type]"):
        if (node.attributes.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(node.text())
        except ValueError:
            continue  # a broken block is the page's problem, not an address
        for url, kind in _json_ld_urls(data, "", 0):
            yield url, base, kind, "", "script"


def _json_ld_urls(value: object, key: str, depth: int) -> Iterator[tuple[str, str]]:
    if depth > _JSON_LD_MAX_DEPTH:
        return
    if isinstance(value, dict):
        for name, item in value.items():
            # The `url` of an ImageObject under `logo` or `image` is the image itself.
            inner = key if name == "url" and key in _JSON_LD_IMAGES else name
            yield from _json_ld_urls(item, inner, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _json_ld_urls(item, key, depth + 1)
    elif isinstance(value, str) and _ABSOLUTE.match(value.strip()) and "{" not in value:
        # A SearchAction's `target` template (`…?q={search_term_string}`) is no address.
        if key in _JSON_LD_IMAGES:
            yield value.strip(), IMAGE
        elif key in _JSON_LD_PAGES:
            yield value.strip(), PAGE_LINK
