"""How deep a page nests block elements, read before parsing: the HTML parser (lexbor, as every
HTML5 tree builder) is quadratic in that depth — 20,000 nested <div> take seconds, 200,000 take
minutes — so a page nested beyond MAX_NESTING is cut where it gets that deep.

Only elements that close an open <p> (the scope walk that makes the parser quadratic) count, and
only those a page must close itself; sloppy but real pages (unclosed <p>, <li>, <td>, <font>) do
not come near the limit.
"""

from __future__ import annotations

import re

# Real government pages nest a few dozen levels; 1,000 block levels parse in milliseconds.
MAX_NESTING = 1000
_BLOCKS = frozenset(
    {
        b"address", b"article", b"aside", b"blockquote", b"center", b"details", b"dialog",
        b"dir", b"div", b"dl", b"fieldset", b"figcaption", b"figure", b"footer", b"header",
        b"hgroup", b"main", b"menu", b"nav", b"ol", b"search", b"section", b"summary", b"ul",
    }
)  # fmt: skip
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)")


def cut_deep_nesting(html: bytes, limit: int = MAX_NESTING) -> tuple[bytes, bool]:
    """`html` up to where its block nesting passes `limit` (and whether it was cut)."""
    depth = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() not in _BLOCKS:
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > limit:
            return html[: match.start()], True
    return html, False
