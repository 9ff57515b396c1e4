"""What a page's inline scripts carry or load for its list: `document.write` strings, and the
same-site addresses (a JSON endpoint, a list fragment) its list is fetched from.

Many current sites ship an empty `<ul>` and fill it in the browser, from `$.getJSON("/api/…")`,
`fetch(…)`, `$.ajax({url: …})` or `$("#list").load(…)`; older ones write their rows with
`document.write('<li>…')`. Reading these without a browser is cheap and exact; a browser is the
last resort (scan/render.py).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ceping.scan import urls

# Bounds on hostile scripts: how much of them is read, and how many addresses are kept.
MAX_SCRIPT_CHARS = 500_000
MAX_WRITTEN_CHARS = 200_000
MAX_SOURCES = 3
# A script writing a date or a word where it stands is short, and so is what it writes.
MAX_IN_PLACE_CODE_CHARS = 400
MAX_IN_PLACE_CHARS = 80

_WRITE_CALL = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")
_STRING = re.compile(r"""\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")\s*""")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": ""}
# The address argument of a loader call, or the `url:` of an options object.
_LOADERS = re.compile(
    r"""(?:\burl\s*[:=]\s*|(?:getJSON|\$\.get|\$\.post|jQuery\.get|\bfetch|\.load|axios\.get|"""
    r"""axios\.post|\.open\s*\(\s*['"]GET['"]\s*,)\s*\(?\s*)(['"])([^'"\s]{1,300})\1""",
    re.IGNORECASE,
)


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(one, text)


def _literal_sum(scripts: str, start: int) -> str:
    """The string a `document.write(` argument adds up from its literals ('<li>' + "…"), as far
    as it is literals; a variable ends it."""
    parts: list[str] = []
    pos = start
    while True:
        match = _STRING.match(scripts, pos)
        if match is None:
            break
        parts.append(_unescape(match.group(1) if match.group(1) is not None else match.group(2)))
        pos = match.end()
        if not scripts.startswith("+", pos):
            break
        pos += 1
    return "".join(parts)


def written_html(scripts: str) -> list[str]:
    """The HTML the page's scripts write with `document.write`, literals only."""
    scripts = scripts[:MAX_SCRIPT_CHARS]
    out: list[str] = []
    total = 0
    for call in _WRITE_CALL.finditer(scripts):
        text = _literal_sum(scripts, call.end())
        total += len(text)
        if total > MAX_WRITTEN_CHARS:
            break
        if text:
            out.append(text)
    return out


def write_in_place(tree: LexborHTMLParser) -> None:
    """Put the few words an inline script writes where it stands in place of the script, as a
    browser shows them: TRS templates print a list's dates so,
    `<span class="time"><script>document.write('2025-01-05');</script></span>`. Plain text only,
    and only a little of it; markup a script writes is read as a list of its own
    (`written_html`)."""
    if tree.body is None:
        return
    for node in tree.body.css("script"):
        if node.attributes.get("src") is not None:
            continue
        code = node.text() or ""
        if len(code) > MAX_IN_PLACE_CODE_CHARS or "write" not in code:
            continue
        text = "".join(written_html(code))
        if text and len(text) <= MAX_IN_PLACE_CHARS and "<" not in text:
            node.replace_with(text)


def data_sources(scripts: str, page_url: str) -> tuple[str, ...]:
    """Same-site addresses the page's scripts load data from; other sites' are never read."""
    resolve = urls.Resolver(page_url)
    site = urls.site_key(page_url)
    found: dict[str, None] = {}
    for match in _LOADERS.finditer(scripts[:MAX_SCRIPT_CHARS]):
        value = match.group(2)
        if "${" in value or "+" in value or value.lower().startswith(("javascript:", "data:")):
            continue
        target = resolve(value)
        if target is not None and urls.site_key(target) == site and target != page_url:
            found[target] = None
            if len(found) >= MAX_SOURCES:
                break
    return tuple(found)
