"""Mark the parts of a text that must not be reported: URLs, numbers, code, short quotes."""

from __future__ import annotations

import re

FREE = 0  # every layer may report here
QUOTED = 1  # a short quoted name or slogan: only the lexicon layers report
HARD = 2  # URL, e-mail, number, Latin text, code: nothing is reported

# Latin letters, digits and the punctuation of URLs and code; Chinese text
# around them is still checked.
HARD_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[!-~]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[A-Za-z0-9_./:#%&=?+\-\\<>{}\[\]()$@*^|~`'\";]+",
    re.ASCII,
)
ASCII_RUN_RE = re.compile(r"[!-~]+")
# A quoted name or slogan (“放管服”, 《条例》) this short is likely a proper
# name the dictionary does not know; longer titles are still checked.
QUOTE_RE = re.compile(r"“([^”]{1,8})”|「([^」]{1,8})」|《([^》]{1,8})》|\"([^\"]{1,8})\"")


def protection_mask(text: str) -> bytearray:
    """One byte per character: FREE, QUOTED or HARD."""
    mask = bytearray(len(text))
    for m in QUOTE_RE.finditer(text):
        mask[m.start() : m.end()] = bytes([QUOTED]) * (m.end() - m.start())
    # Every HARD_RE match is made of printable ASCII only: it is searched for in
    # such runs alone, not tried at each Chinese character.
    for run in ASCII_RUN_RE.finditer(text):
        for m in HARD_RE.finditer(text, run.start(), run.end()):
            mask[m.start() : m.end()] = bytes([HARD]) * (m.end() - m.start())
    return mask


def is_reportable(mask: bytes | bytearray, start: int, end: int, level: int) -> bool:
    """True when no character of text[start:end] is protected at or above `level`."""
    return max(mask[start:end], default=FREE) < level
