"""What the page checks need from a page's markup, read in one walk of its parsed tree.

`PageResult` keeps no HTML: parsing (possibly in a worker process) reduces the page to a small
frozen `PageSignals` — the `<html lang>`, the viewport, the 网站标识码 `<meta>`, marks left by
inline scripts (the 党政机关 mark, 找错, an accessibility toolbar), hidden links to other sites,
and the content images with whether each has alternative text. Every list is bounded: a
hostile page cannot make the value large.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ceping.scan import csshide, urls
from ceping.scan.officialmarks import official_marks

CONAC = "conac"  # 党政机关网站标识
JIUCUO = "jiucuo"  # 我为政府网站找错
ACCESSIBLE = "accessible"  # an accessibility (无障碍/适老化) toolbar or entry icon
MOBILE = "mobile"  # a script sends phones to a mobile site (user-agent redirect)
FOOTER_SLOT = "footer_slot"  # an empty footer container a script fills (from another file)

MAX_HIDDEN_LINKS = 100
MAX_HIDDEN_BLOCKS = 50
MAX_HIDDEN_ANCHORS = 2000  # links looked at inside hidden blocks, all blocks together
MAX_IMAGES = 300
MAX_STYLE_RULES = 32  # `<style>` rules whose selectors are matched against the page
MAX_SCRIPT_CHARS = 100_000
MAX_VALUE_CHARS = 200
MAX_LINK_TEXT_CHARS = 100
TINY_IMAGE_PX = 2  # spacers and tracking pixels are no content
# Words of an image's file name that mark it as layout, not content.
SPACER_NAMES = ("spacer", "blank.", "pixel.", "transparent.", "1x1", "clear.gif", "dot.gif")
# Elements a folded block lives in when it is a menu, a drop-down or a tab panel.
MENU_TAGS = frozenset({"li", "nav", "menu", "dd", "dt", "select", "ul", "ol"})
MENU_ROLES = frozenset({"menu", "menubar", "navigation", "tablist", "tabpanel", "listbox"})
MENU_DEPTH = 8

# Inline scripts mark what they load by these words (lower-case), as the sites' footers do:
#   conac: document.write(unescape("%3Cspan id='_ideConac'...dcs.conac.cn/js/...")) and the
#          bszs.conac.cn badge link;
#   jiucuo: <script id="_jiucuo_" sitecode=... src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">,
#          or a loader naming that URL;
#   accessible: toolbars loaded as .../wza/aria.js?appid= (e.g. slhsrv.southcn.com for
#          Foshan), cniil and assist loaders; also an image labelled 无障碍 (read_signals).
# Seen in public footers found with the code search (e.g. 邯郸, 徐州, 佛山 templates).
SCRIPT_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (CONAC, ("conac.cn", "_ideconac")),
    (JIUCUO, ("zfwzgl.www.gov.cn", "zfwzzc.www.gov.cn", "_jiucuo_", "jiucuo.js")),
    (ACCESSIBLE, ("/wza/", "wza.js", "aria.js", "cniil", "/assist/", "assist.js", "wza_")),
    (MOBILE, ("uaredirect",)),  # uaredirect("http://m.example.gov.cn/"), a common helper
)
# Labels of an accessible-browsing entry (a link, a button, an image's alt).
ENTRY_WORDS = (
    "无障碍", "长者模式", "长者版", "长辈版", "老年模式", "适老化", "关怀版", "关怀模式", "读屏",
    "大字版", "大字模式", "语音阅读", "辅助浏览",
)  # fmt: skip
MAX_LABEL_CHARS = 12  # 无障碍浏览 / 进入长者模式; longer lines are sentences, not labels
# An inline user-agent redirect names the user agent, a phone and the location it goes to.
_MOBILE_SNIFF = ("useragent", "location")
_PHONE_WORDS = ("iphone", "android", "mobile")
MAX_WRITTEN_TEXT_CHARS = 10_000

_SELECTOR = "html, meta, link[media], img, marquee, script, style, [style], [hidden]"
_WRITE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")
_LITERAL = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)\"""")
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)


@dataclass(frozen=True)
class HiddenLink:
    """A link to another site inside a block no reader sees; `reason` names the technique."""

    url: str
    text: str
    reason: str
    scripted: bool = False  # written by a script (document.write), not in the page's HTML


@dataclass(frozen=True)
class Image:
    """A content image of the page and whether it says what it shows (a non-empty alt)."""

    url: str
    has_alt: bool


@dataclass(frozen=True)
class PageSignals:
    lang: str = ""  # <html lang> (or xml:lang), "" when absent
    viewport: str = ""  # content of <meta name="viewport">
    site_code: str = ""  # content of <meta name="SiteIDCode">
    mobile_url: str = ""  # a separate mobile site the page names (mobile-agent, alternate)
    # CONAC, JIUCUO, ACCESSIBLE found in inline scripts; CONAC_ELEMENT, JIUCUO_ELEMENT for the
    # official snippets' elements (scan/officialmarks)
    markers: tuple[str, ...] = ()
    hidden_links: tuple[HiddenLink, ...] = ()
    images: tuple[Image, ...] = ()
    written_text: str = ""  # the text of what inline scripts write (document.write), bounded


NO_SIGNALS = PageSignals()  # a page without HTML, or parsed before signals were read
Resolve = Callable[[str], str | None]


Attrs = dict[str, str | None]


def _value(attrs: Attrs, name: str) -> str:
    return (attrs.get(name) or "").strip()[:MAX_VALUE_CHARS]


def _attr(node: LexborNode, name: str) -> str:
    return _value(node.attributes, name)


def _is_tiny(attrs: Attrs) -> bool:
    sizes = [_value(attrs, "width"), _value(attrs, "height")]
    style = attrs.get("style") or ""
    if "width" in style or "height" in style:
        decl = csshide.declarations(style)
        sizes += [decl.get("width", ""), decl.get("height", "")]
    for size in sizes:
        # Most images say 120, 300px or nothing: only a size starting 0, 1, 2 is read.
        if size[:1] in ("0", "1", "2", "."):
            px = csshide.length_px(size)
            if px is not None and px <= TINY_IMAGE_PX:
                return True
    return False


def is_entry_label(text: str) -> bool:
    """Whether a short text names an accessible-browsing entry (无障碍浏览, 长者模式 …)."""
    text = "".join(text.split())
    return 0 < len(text) <= MAX_LABEL_CHARS and any(word in text for word in ENTRY_WORDS)


def _is_decoration(attrs: Attrs) -> bool:
    role = attrs.get("role")
    if role is not None and role.strip().lower() in ("presentation", "none"):
        return True
    hidden = attrs.get("aria-hidden")
    return hidden is not None and hidden.strip().lower() == "true"


def content_image(attrs: Attrs, resolve: Resolve) -> Image | None:
    """The `<img>` of these attributes as content, None for decoration (role=presentation,
    aria-hidden), spacers and pixels; `has_alt` is False for a missing or blank alt."""
    src = _value(attrs, "src")
    if not src or src[:5].lower() == "data:" or _is_decoration(attrs) or _is_tiny(attrs):
        return None
    name = urls.split_path(src).rsplit("/", 1)[-1].lower()
    for word in SPACER_NAMES:
        if word in name:
            return None
    url = resolve(src) if urls.malformed(src) is None else None
    if url is None:
        return None
    alt = attrs.get("alt")
    return Image(url, alt is not None and alt.strip() != "")


def script_markers(script: str) -> set[str]:
    low = script.lower()
    found = {name for name, words in SCRIPT_MARKERS if any(w in low for w in words)}
    if all(w in low for w in _MOBILE_SNIFF) and any(w in low for w in _PHONE_WORDS):
        found.add(MOBILE)
    return found


def _unescape_js(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if len(code) > 1 and code[0] in "ux":
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "r": "\r"}.get(code, code)

    return _JS_ESCAPE.sub(one, text)


def written_html(script: str) -> str:
    """The HTML a script writes with document.write: its string literals joined, decoded.

    Only the markup matters (which links, inside what style), so literals that are not HTML
    do no harm; `unescape("%3Cdiv ...")` is percent-decoded as the browser would."""
    script = script[:MAX_SCRIPT_CHARS]
    if _WRITE.search(script) is None:
        return ""
    html = _unescape_js("".join(a or b for a, b in _LITERAL.findall(script)))
    if "%3c" in html.lower():
        html = unquote(html)
    return html


def _in_menu(node: LexborNode) -> bool:
    parent, steps = node.parent, 0
    while parent is not None and steps < MENU_DEPTH:
        if parent.tag in MENU_TAGS or _attr(parent, "role").lower() in MENU_ROLES:
            return True
        parent, steps = parent.parent, steps + 1
    return False


def _has_handler(node: LexborNode | None) -> bool:
    return node is not None and any(name.startswith("on") for name in node.attributes)


def can_unfold(node: LexborNode) -> bool:
    """Whether a folded (display:none) block could be shown by the page itself: a script or a
    style finds it by id or class, a handler sits on it or its parent, or it is part of a menu,
    drop-down or tab set. Injected dark-link blocks are bare `<div style="display:none">`."""
    if _attr(node, "id") or _attr(node, "class") or _attr(node, "role").lower() in MENU_ROLES:
        return True
    return _has_handler(node) or _has_handler(node.parent) or _in_menu(node)


def _styles_text(anchor: LexborNode, block: LexborNode) -> bool:
    """Whether the anchor, or an element between it and the block, sets its own font size or
    colour inline: then the block's tiny or background-coloured text does not reach it."""
    node: LexborNode | None = anchor
    while node is not None and node != block:  # wrappers differ, `==` compares the elements
        decl = csshide.declarations(_attr(node, "style"))
        if "font-size" in decl or "color" in decl or "font" in decl:
            return True
        node = node.parent
    return False


def _anchors(block: LexborNode) -> list[LexborNode]:
    return [block] if block.tag == "a" else list(block.css("a[href]"))


def hidden_links(
    blocks: list[tuple[LexborNode, str]], resolve: Resolve, page_key: str, scripted: bool
) -> list[HiddenLink]:
    """The links to other hosts inside blocks no reader sees, each once per page."""
    out: dict[tuple[str, str], HiddenLink] = {}
    budget = MAX_HIDDEN_ANCHORS  # nested hidden blocks would otherwise revisit the same links
    for block, reason in blocks[:MAX_HIDDEN_BLOCKS]:
        if reason in csshide.FOLDING and can_unfold(block):
            continue
        anchors = _anchors(block)[:budget]
        budget -= len(anchors)
        for anchor in anchors:
            href = anchor.attributes.get("href") or ""
            url = resolve(href) if urls.malformed(href) is None else None
            if url is None or urls.site_key(url) == page_key:
                continue
            if reason in csshide.TEXT_ONLY and (
                anchor.css_first("img") is not None or _styles_text(anchor, block)
            ):
                continue
            text = " ".join(anchor.text(separator=" ").split())[:MAX_LINK_TEXT_CHARS]
            out.setdefault((url, text), HiddenLink(url, text, reason, scripted))
            if len(out) >= MAX_HIDDEN_LINKS:
                return list(out.values())
    return list(out.values())


def _marquee_hidden(node: LexborNode) -> bool:
    style = csshide.declarations(_attr(node, "style"))
    for size in (_attr(node, "height"), style.get("height")):
        px = csshide.length_px(size)
        if px is not None and px <= csshide.TINY_PX:
            return True
    return False


def _block_of(node: LexborNode, attrs: Attrs) -> str | None:
    if node.tag == "marquee" and _marquee_hidden(node):
        return csshide.MARQUEE
    if "hidden" in attrs and node.tag not in ("input", "html", "body"):
        return csshide.DISPLAY_NONE
    style = attrs.get("style")
    return csshide.hiding(style) if style else None


def _rule_blocks(tree: LexborHTMLParser, css: str) -> list[tuple[LexborNode, str]]:
    """Blocks hidden by `<style>` rules, for the techniques that never fold a menu away."""
    blocks: list[tuple[LexborNode, str]] = []
    rules = [
        (selector, technique)
        for selector, technique in csshide.style_rules(css)
        # A class-hidden block is how menus fold; font-size:0 on a list is how inline-block
        # items lose their gaps. Neither says anything on its own.
        if technique not in csshide.FOLDING and technique != csshide.FONT_SIZE_ZERO
    ]
    for selector, technique in rules[:MAX_STYLE_RULES]:
        try:
            found = tree.css(selector)
        except SelectolaxError:
            continue  # a selector lexbor cannot read is one no browser applied either
        blocks.extend((node, technique) for node in found[:MAX_HIDDEN_BLOCKS])
    return blocks


# Footer containers by the names templates give them; one left empty in the HTML is filled by a
# script, often from another file (`<div id="footer"></div>` and `$("#footer").load(...)`, as
# on a saved page of 辽阳's site): what it will show cannot be read from the page.
_FOOTER_SLOTS = ", ".join(
    f'[id="{name}"], [class~="{name}"]' for name in ("footer", "foot", "bottom", "ft", "dibu")
)


def has_footer_slot(tree: LexborHTMLParser) -> bool:
    for node in tree.css(_FOOTER_SLOTS)[:8]:
        has_elements = next(node.iter(include_text=False), None) is not None
        if not has_elements and not node.text().strip():
            return True
    return False


def read_written(html: str, resolve: Resolve, page_key: str) -> tuple[list[HiddenLink], str]:
    """The hidden links and the text of the HTML inline scripts write: some templates write
    their whole footer (标识码, 备案号) with document.write."""
    tree = LexborHTMLParser(html)
    nodes = tree.css("marquee, [style], [hidden]")
    blocks = [(n, r) for n in nodes if (r := _block_of(n, n.attributes))]
    found = hidden_links(blocks, resolve, page_key, scripted=True)
    for node in tree.css("script, style"):
        node.decompose()
    text = " ".join(tree.text(separator=" ").split()) if tree.body is not None else ""
    return found, text[:MAX_WRITTEN_TEXT_CHARS]


def head_values(node: LexborNode) -> dict[str, str]:
    """What an `<html>`, `<meta>` or `<link>` element declares about the page."""
    tag = node.tag
    if tag == "html":
        return {"lang": _attr(node, "lang") or _attr(node, "xml:lang")}
    if tag == "meta":
        name = _attr(node, "name").lower()
        content = _attr(node, "content")
        if name == "mobile-agent":  # format=html5; url=http://m.example.gov.cn/
            return {"mobile_url": content.partition("url=")[2].strip()}
        return {{"viewport": "viewport", "siteidcode": "site_code"}.get(name, ""): content}
    media = _attr(node, "media").lower()
    is_mobile = "max-width" in media or "handheld" in media
    if is_mobile and "alternate" in _attr(node, "rel").lower().split():
        return {"mobile_url": _attr(node, "href")}
    return {}


def read_signals(tree: LexborHTMLParser, page_url: str, base: str) -> PageSignals:
    """The page's signals; call before scripts and styles are removed from the tree."""
    resolve = urls.Resolver(base)
    head: dict[str, str] = {}
    markers: set[str] = set()
    blocks: list[tuple[LexborNode, str]] = []
    images: list[Image] = []
    css: list[str] = []
    written: list[str] = []
    written_chars = 0
    for node in tree.css(_SELECTOR):
        tag, attrs = node.tag, node.attributes
        if tag in ("html", "meta", "link"):
            for name, value in head_values(node).items():
                if name and value and not head.get(name):  # the first declaration wins
                    head[name] = value
        elif tag == "img":
            image = content_image(attrs, resolve) if len(images) < MAX_IMAGES else None
            if image is not None:
                images.append(image)
            if is_entry_label(_value(attrs, "alt")):  # an icon entry, often on a javascript: link
                markers.add(ACCESSIBLE)
        elif tag == "script" and not attrs.get("src"):
            script = node.text()[:MAX_SCRIPT_CHARS]
            markers |= script_markers(script)
            if written_chars < MAX_SCRIPT_CHARS:
                written.append(written_html(script))
                written_chars += len(written[-1])
        elif tag == "style":
            css.append(node.text()[:MAX_SCRIPT_CHARS])
        reason = _block_of(node, attrs) if len(blocks) < MAX_HIDDEN_BLOCKS else None
        if reason is not None:
            blocks.append((node, reason))
    markers |= official_marks(tree)
    if has_footer_slot(tree):
        markers.add(FOOTER_SLOT)
    blocks += _rule_blocks(tree, "\n".join(css)[:MAX_SCRIPT_CHARS]) if css else []
    page_key = urls.site_key(page_url)
    found = hidden_links(blocks, resolve, page_key, scripted=False)
    html = "".join(written)[:MAX_SCRIPT_CHARS]
    written_text = ""
    if html:
        written_links, written_text = read_written(html, resolve, page_key)
        found += written_links
    return PageSignals(
        written_text=written_text,
        markers=tuple(sorted(markers)),
        hidden_links=tuple(found[:MAX_HIDDEN_LINKS]),
        images=tuple(images),
        **head,
    )
