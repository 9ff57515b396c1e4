"""Decode a page: BOM, HTTP header, <meta charset>, <meta http-equiv>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_SCAN_BYTES = 4096
# A page that declares its encoding but carries a few bytes that do not fit it (a pasted
# fragment in another encoding, a truncated character) is read as declared with those bytes
# replaced: detection would cost ~1 ms and could guess the whole page wrong. One bad character
# in 2,000 at most; a wrong declaration gives far more and goes on to detection.
_STRAY_PER_CHAR = 1 / 2000
# GB2312 and GBK pages routinely contain characters only GB18030 (their superset) names.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}


def _canonical(name: str) -> str | None:
    try:
        found = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    key = name.strip().lower()
    return _SUPERSETS.get(key) or _SUPERSETS.get(found) or found


def _try(body: bytes, name: str | None) -> tuple[str, str] | None:
    if name is None:
        return None
    try:
        return body.decode(name), name
    except (UnicodeDecodeError, LookupError):
        return None


def _with_stray_bytes(body: bytes, name: str | None) -> tuple[str, str] | None:
    if name is None:
        return None
    text = body.decode(name, errors="replace")
    if text.count("\ufffd") > max(1.0, len(text) * _STRAY_PER_CHAR):
        return None
    return text, name


# The crawl decodes each page twice in a row: to see whether it is a script challenge
# (scan/challenge.py), then to parse it (scan/pages.py). The last answer is kept for the same
# bytes object: a page without a declared charset costs a detection of ~1 ms, the largest single
# cost of a page (docs/decisions/0017-crawl-cpu.md). Keyed by identity, not value: bytes are
# immutable, and the reference held keeps the object (and so its id) alive.
_last: tuple[bytes, str, tuple[str, str]] | None = None


def decode(body: bytes, content_type: str = "") -> tuple[str, str]:
    """The text of a page and the encoding used, trying the declared ones in order."""
    global _last
    last = _last
    if last is not None and last[0] is body and last[1] == content_type:
        return last[2]
    found = _decode(body, content_type)
    _last = (body, content_type, found)
    return found


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    header = _HEADER_CHARSET.search(content_type)
    declared = _canonical(header.group(1)) if header else None
    if done := _try(body, declared):
        return done
    meta = _META_CHARSET.search(body[:_META_SCAN_BYTES])
    in_page = _canonical(meta.group(1).decode("ascii", "ignore")) if meta else None
    if done := _try(body, in_page):
        return done
    if done := _try(body, "utf-8"):
        return done
    for name in dict.fromkeys(n for n in (declared, in_page) if n is not None):
        if done := _with_stray_bytes(body, name):
            return done
    best = from_bytes(body[:65536]).best()
    guessed = _canonical(best.encoding) if best is not None else None
    if guessed is None:
        return body.decode("gb18030", errors="replace"), "gb18030"
    return body.decode(guessed, errors="replace"), guessed
