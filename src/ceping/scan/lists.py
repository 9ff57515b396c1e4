"""Lists of dated items found by shape: a run of sibling blocks alike, each a link and a date.

CMSs print the same thing in many tags: `li`, table rows, `div.item`, `p`, `dl`, `dt` + `dd`,
bare `<a>` followed by a date and `<br>`. The tag is therefore no clue; the shape is. Menus and
link boxes are runs of links too, but without dates, so they never make a list.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from ceping.scan import dates
from ceping.scan.sitewords import PIN_CLASSES, PIN_TEXT

# An item holds one article: its title link, maybe an image and a "详情" link to the same page.
MAX_ITEM_LINKS = 3
# Longer blocks are boxes of many items or article bodies, not items.
MAX_ITEM_CHARS = 500
# A text piece longer than this is a title or a summary, never a date by itself.
MAX_DATE_PIECE_CHARS = 40
# Between two items' links in a flat run (`<a>…</a> 2012-11-02<br>`) only a date fits.
MAX_GAP_CHARS = 40

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "select", "head", "svg"})
# Class words that only say where an item sits or how it is drawn: items alike differ by them.
_STATE_CLASSES = frozenset(
    {"odd", "even", "first", "last", "on", "active", "cur", "current", "hot", "new", "alt"}
    | set(PIN_CLASSES)
)
_PIN_MARK_TAGS = frozenset({"i", "em", "span", "img", "b", "font", "sup", "label"})
_TRAILING_DIGITS = re.compile(r"[\d_-]+$")
# Pin pictures: zhiding.gif, zd.png, top1.gif, ding.gif, icon_top.png.
_PIN_PICTURE = re.compile(r"(?:zhiding|zd|top|(?<![a-z])ding)\d*\.\w+$")
# A badge whose whole text says pinned: <em class="tag">顶</em>.
_PIN_MARK_TEXTS = frozenset({"顶", "置顶", "[顶]", "【顶】"})


@dataclass(frozen=True)
class ListItem:
    """One dated item of a list: where it links, what it is called, when it was published."""

    href: str
    title: str
    date: dt.date
    is_pinned: bool
    text: str = ""  # everything the item shows, summary included


class _Block:
    """A sibling block that holds a link, with the text pieces its date may be read from.

    Its title and pin are read only when asked: most blocks of a page (menus, link boxes) are
    never dated, and the title and pin were a sixth of the time spent finding lists."""

    def __init__(
        self,
        href: str,
        pieces: tuple[tuple[str, bool], ...],  # (text, inside the link)
        anchor: LexborNode,
        node: LexborNode,
        text: str,
    ) -> None:
        self.href = href
        self.pieces = pieces
        self._anchor, self._node, self._text = anchor, node, text

    @functools.cached_property
    def title(self) -> str:
        return _title(self._anchor)

    @functools.cached_property
    def is_pinned(self) -> bool:
        return _is_pinned(self._node, self._text)


def _class_words(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").lower().split())


def _signature(node: LexborNode) -> str:
    return _shape(node.tag, node.attributes.get("class") or "")


# Every element of a page is given a signature, and a page's few class names repeat: the same
# (tag, class) pair is worked out once per process.
@functools.lru_cache(maxsize=4096)
def _shape(tag: str | None, classes: str) -> str:
    words = {_TRAILING_DIGITS.sub("", w) for w in set(classes.lower().split())} - _STATE_CLASSES
    return f"{tag}.{'.'.join(sorted(w for w in words if w))}"


def _is_pinned(node: LexborNode, text: str) -> bool:
    if _class_words(node) & PIN_CLASSES or PIN_TEXT.search(text):
        return True
    for mark in node.css("i, em, span, img, b, font, sup, label"):
        if mark.tag not in _PIN_MARK_TAGS:
            continue
        if _class_words(mark) & PIN_CLASSES or mark.text(strip=True) in _PIN_MARK_TEXTS:
            return True
        if mark.tag == "img":
            words = " ".join(mark.attributes.get(a) or "" for a in ("alt", "title", "src"))
            if PIN_TEXT.search(words) or _PIN_PICTURE.search(words):
                return True
    return False


def _pieces(node: LexborNode, in_link: bool, out: list[tuple[str, bool]]) -> None:
    """Text nodes, and the whole text of short elements (a date split over spans)."""
    for child in node.iter(include_text=True):
        if child.is_text_node:
            text = " ".join((child.text_content or "").split())
            if text:
                out.append((text, in_link))
        elif child.is_element_node and child.tag not in _SKIP_TAGS:
            inside = in_link or child.tag == "a"
            whole = " ".join(child.text(separator=" ").split())
            if whole and len(whole) <= MAX_DATE_PIECE_CHARS and child.first_child is not None:
                out.append((whole, inside))
            for attr in ("title", "data-date", "datetime"):
                value = child.attributes.get(attr)
                if value:
                    out.append((" ".join(value.split()), False))
            _pieces(child, inside, out)


def _link(node: LexborNode) -> tuple[LexborNode | None, int]:
    anchors = node.css("a[href]")
    hrefs = {a.attributes.get("href") or "" for a in anchors}
    titled = [a for a in anchors if a.text(strip=True) or a.attributes.get("title")]
    first = titled[0] if titled else (anchors[0] if anchors else None)
    return first, len(hrefs)


def _title(anchor: LexborNode) -> str:
    """The longest words of the link that are not its date (cards put the date inside the link)."""
    tooltip = (anchor.attributes.get("title") or "").splitlines()
    shown: list[tuple[str, bool]] = []
    _pieces(anchor, True, shown)
    words = [" ".join(t.split()) for t in tooltip] + [t for t, _ in shown]
    words = [w for w in words if w and not dates.is_date_only(w)]
    return max(words, key=len) if words else " ".join(anchor.text().split())


def _block(node: LexborNode) -> _Block | None:
    anchor, n_links = _link(node)
    if anchor is None or n_links > MAX_ITEM_LINKS:
        return None
    text = node.text(separator=" ")
    if len(text) > MAX_ITEM_CHARS * 2 or len(" ".join(text.split())) > MAX_ITEM_CHARS:
        return None
    pieces: list[tuple[str, bool]] = []
    if node.tag == "a":
        pieces.append((" ".join((node.attributes.get("title") or "").split()), False))
    else:
        value = node.attributes.get("title")
        if value:
            pieces.append((" ".join(value.split()), False))
    _pieces(node, node.tag == "a", pieces)
    href = anchor.attributes.get("href") or ""
    return _Block(href, tuple(p for p in pieces if p[0]), anchor, node, text)


def _block_date(block: _Block, year: int, as_of: dt.date) -> dt.date | None:
    """A piece that is only a date wins; then a full date outside the title link; then a date
    closing the title or its tooltip. A date inside a title ("关于2012年…的通知") never counts."""
    year = dates.url_year(block.href) or year
    own = [dates.date_only_text(t, year, as_of) for t, _ in block.pieces]
    found = [d for d in own if d is not None]
    if not found:
        outside = [t for t, in_link in block.pieces if not in_link]
        found = [d for t in outside for d in dates.full_dates(t) if d <= as_of]
    if not found:
        ends = [dates.trailing_date(t, year, as_of) for t, _ in block.pieces]
        found = [d for d in ends if d is not None]
    return max(found) if found else None


def _element_children(node: LexborNode) -> list[LexborNode]:
    return [c for c in node.iter() if c.is_element_node and c.tag not in _SKIP_TAGS]


def _gaps(parent: LexborNode, members: list[LexborNode]) -> list[str]:
    """Text between the members of a flat run: before the first, between each, after the last."""
    ids = {m.mem_id for m in members}
    gaps: list[list[str]] = [[]]
    for child in parent.iter(include_text=True):
        if child.mem_id in ids:
            gaps.append([])
        elif child.is_text_node:
            gaps[-1].append(child.text_content or "")
        elif child.is_element_node and child.tag not in _SKIP_TAGS:
            gaps[-1].append(child.text(separator=" "))
    return [" ".join(" ".join(g).split()) for g in gaps]


def _flat_run_dates(
    parent: LexborNode, members: list[tuple[LexborNode, _Block]], year: int, as_of: dt.date
) -> list[dt.date | None]:
    """Dates of a run whose items are links with the date beside them, not inside (`dt`+`dd`,
    `<a>…</a> (2012-11-02)<br>`): after each link, or before each when the page puts them first."""
    gaps = _gaps(parent, [m for m, _ in members])

    def read(text: str, block: _Block) -> dt.date | None:
        if len(text) > MAX_GAP_CHARS:
            return None
        return dates.date_only_text(text, dates.url_year(block.href) or year, as_of)

    after = [read(g, b) for g, (_, b) in zip(gaps[1:], members, strict=True)]
    before = [read(g, b) for g, (_, b) in zip(gaps[:-1], members, strict=True)]
    is_after = sum(d is not None for d in after) >= sum(d is not None for d in before)
    return after if is_after else before


def _heading_or_items_year(blocks: list[_Block], heading_year: int | None, as_of: dt.date) -> int:
    if heading_year is not None:
        return heading_year
    years = [
        d.year
        for b in blocks
        for t, _ in b.pieces
        if dates.is_date_only(t)
        for d in dates.full_dates(t)
        if d <= as_of
    ]
    return max(years) if years else as_of.year


def find_lists(
    root: LexborNode, as_of: dt.date, heading_year: int | None = None
) -> list[list[ListItem]]:
    """Every run of at least two sibling blocks of one shape that hold a link and a date."""
    runs: list[tuple[LexborNode, list[LexborNode], list[_Block | None]]] = []
    for parent in root.traverse():
        if not parent.is_element_node or parent.tag in _SKIP_TAGS:
            continue
        children = _element_children(parent)
        if len(children) < 2:
            continue
        groups: dict[str, list[LexborNode]] = defaultdict(list)
        for child in children:
            groups[_signature(child)].append(child)
        for members in groups.values():
            if len(members) >= 2:
                blocks = [_block(m) for m in members]
                if sum(b is not None for b in blocks) >= 2:
                    runs.append((parent, members, blocks))
    year = _heading_or_items_year(
        [b for _, _, blocks in runs for b in blocks if b is not None], heading_year, as_of
    )
    lists: list[list[ListItem]] = []
    for parent, members, blocks in runs:
        linked = [(m, b) for m, b in zip(members, blocks, strict=True) if b is not None]
        found = [_block_date(b, year, as_of) for _, b in linked]
        if sum(d is not None for d in found) < 2:
            beside = _flat_run_dates(parent, linked, year, as_of)
            found = [own or near for own, near in zip(found, beside, strict=True)]
        items = [
            ListItem(b.href, b.title, d, b.is_pinned, "\n".join(t for t, _ in b.pieces))
            for (_, b), d in zip(linked, found, strict=True)
            if d is not None
        ]
        # Half the links of a run dated: a list. A menu where two labels look like dates is not.
        if len(items) >= 2 and 2 * len(items) >= len(linked):
            lists.append(items)
    return lists


def find_title_runs(root: LexborNode, min_items: int, min_title_chars: int) -> list[list[str]]:
    """Runs of sibling blocks of one shape, each one article title link and no date: the hrefs of
    each run's items, pinned ones left out, in page order."""
    runs: list[list[str]] = []
    for parent in root.traverse():
        if not parent.is_element_node or parent.tag in _SKIP_TAGS:
            continue
        groups: dict[str, list[LexborNode]] = defaultdict(list)
        for child in _element_children(parent):
            groups[_signature(child)].append(child)
        for members in groups.values():
            if len(members) < min_items:
                continue
            blocks = [_block(m) for m in members]
            titled = [b for b in blocks if b is not None and len(b.title) >= min_title_chars]
            if len(titled) >= min_items and 2 * len(titled) >= len(members):
                # The long titles show the run lists articles; its short-titled items are
                # articles all the same, and one may be the newest (a head item of 10
                # characters left out dated a column by its second item).
                items = [b for b in blocks if b is not None and b.title and not b.is_pinned]
                runs.append([b.href for b in items])
    return runs


def lone_item(container: LexborNode, as_of: dt.date, year: int) -> ListItem | None:
    """The item of a list container that holds one (a column with a single article): runs need
    two blocks alike, so a list of one is read here, from a container named as a list."""
    linked = [c for c in _element_children(container) if c.css_first("a[href]") is not None]
    if len(linked) != 1:
        return None
    block = _block(linked[0])
    if block is None:
        return None
    found = _block_date(block, year, as_of)
    if found is None:
        return None
    return ListItem(
        block.href, block.title, found, block.is_pinned, "\n".join(t for t, _ in block.pieces)
    )
