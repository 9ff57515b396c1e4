"""The official embed snippets of the 党政机关网站标识 and the 我为政府网站找错 entry, known by
their element ids whatever host serves them.

Sites paste the snippets as issued, and many serve them through a proxy, a mirror or a local
copy (`pucha.kaipuyun.cn/exposure/jiucuo.js`, `images/blue.png` under `bszs.conac.cn`, a saved
`CA…js`), so the host alone misses them. What stays is the markup (seen in public footers found
with the code search: 国家旅游局, 住建委 and city portals):
- `<span id="_ideConac">` with the badge link and `<img id="imgConac">` inside, or empty beside
  the `dcs.conac.cn/js/…/CA….js` script that fills it (some templates use the class instead);
- `<script id="_jiucuo_" sitecode='…' src='…/exposure/jiucuo.js'>`, which writes
  `<span id="_span_jiucuo"><img …></span>`;
- an image whose alt or title says 我为政府网站找错, inside a link;
- the entry's own image, `jiucuo.png` (or .gif …), inside a link or clicked (`<a
  href="javascript:;"><img src="…/jiucuo.png" onclick="Link('3702000025')">` on 青岛's
  template, whose Link() opens zfwzgl.www.gov.cn/exposure/jiucuo.html);
- a short label with 找错 or 纠错 on an element a reader clicks without an address (`<a
  onclick="Link1()">网页纠错</a>` on 武汉's, opening the platform's jiucuo.html).
An empty `_ideConac` span with no script beside it shows nothing, and is no mark.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import urls

CONAC_ELEMENT = "conac_element"  # PageSignals.markers: the 党政机关网站标识 container
JIUCUO_ELEMENT = "jiucuo_element"  # PageSignals.markers: the 找错 snippet or its image link
JIUCUO_LABEL = "我为政府网站找错"
CONAC_HOST = "conac.cn"
# The conac script is named after the site's registration: CA + digits (CA330000000604401020002.js).
_CONAC_SCRIPT = re.compile(r"/CA\d{12,}\.js$", re.IGNORECASE)
_CONAC_CONTAINERS = '[id="_ideConac"], [class~="_ideConac"]'
_LINK_DEPTH = 4  # how far up from an image its link may be (<a><span><img>)
_JIUCUO_IMAGE = re.compile(r"(?:^|/)jiucuo\.(?:png|gif|jpe?g|svg|webp)$", re.IGNORECASE)
JIUCUO_WORDS = ("找错", "纠错")
MAX_LABEL_CHARS = 12  # a news title about 纠错 is no entry


def _element_siblings(node: LexborNode) -> list[LexborNode]:
    """The elements just before and after `node`, text between them skipped."""
    out: list[LexborNode] = []
    for step in ("prev", "next"):
        sibling = getattr(node, step)
        while sibling is not None and sibling.tag in ("-text", "-comment"):
            sibling = getattr(sibling, step)
        if sibling is not None:
            out.append(sibling)
    return out


def is_conac_script(src: str) -> bool:
    """The dcs.conac.cn script that draws the badge, by its host or by its own file name."""
    try:
        host = (urlsplit(src).hostname or "").lower()
    except ValueError:  # a malformed address, as written
        host = ""
    return urls.is_under(host, CONAC_HOST) or bool(_CONAC_SCRIPT.search(urls.split_path(src)))


def _has_conac_container(tree: LexborHTMLParser) -> bool:
    if tree.css_first("a[href] img#imgConac") is not None:
        return True
    for node in tree.css(_CONAC_CONTAINERS):
        if node.css_first("a[href], img[src]") is not None:
            return True
        for sibling in _element_siblings(node):
            src = sibling.attributes.get("src") or "" if sibling.tag == "script" else ""
            if src.strip() and is_conac_script(src.strip()):
                return True
    return False


def _in_link(node: LexborNode) -> bool:
    parent = node.parent
    for _ in range(_LINK_DEPTH):
        if parent is None:
            return False
        if parent.tag == "a" and (parent.attributes.get("href") or "").strip():
            return True
        parent = parent.parent
    return False


def _has_jiucuo_snippet(tree: LexborHTMLParser) -> bool:
    for node in tree.css('script[id="_jiucuo_"]'):
        if (node.attributes.get("src") or "").strip():
            return True
    if tree.css_first('[id="_span_jiucuo"] img') is not None:
        return True
    for img in tree.css("img[alt], img[title]"):
        label = f"{img.attributes.get('alt') or ''} {img.attributes.get('title') or ''}"
        if JIUCUO_LABEL in label and _in_link(img):
            return True
    for img in tree.css("img[src]"):
        src = urls.split_path((img.attributes.get("src") or "").strip())
        clicked = "onclick" in img.attributes or _in_link(img)
        if clicked and _JIUCUO_IMAGE.search(src):
            return True
    for node in tree.css("a[onclick]:not([href]), button[onclick], span[onclick]"):
        label = " ".join(node.text().split())
        if len(label) <= MAX_LABEL_CHARS and any(word in label for word in JIUCUO_WORDS):
            return True
    return False


def official_marks(tree: LexborHTMLParser) -> set[str]:
    """CONAC_ELEMENT and JIUCUO_ELEMENT, for the snippets the page carries."""
    found: set[str] = set()
    if _has_conac_container(tree):
        found.add(CONAC_ELEMENT)
    if _has_jiucuo_snippet(tree):
        found.add(JIUCUO_ELEMENT)
    return found
