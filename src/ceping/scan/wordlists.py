"""Word lists of the page checks: the shipped list of dark-link words and lists read from files."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

MAX_WORDS = 20_000
MAX_WORD_CHARS = 50


def parse_words(text: str) -> tuple[str, ...]:
    """One word a line, `#` lines are notes; blanks and repeats dropped, order kept, bounded."""
    words: dict[str, None] = {}
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#") and len(word) <= MAX_WORD_CHARS:
            words.setdefault(word, None)
            if len(words) >= MAX_WORDS:
                break
    return tuple(words)


def read_words(path: Path) -> tuple[str, ...]:
    """A word list file in UTF-8 (a BOM, as Windows editors write it, is allowed)."""
    return parse_words(path.read_text(encoding="utf-8-sig"))


@lru_cache(maxsize=1)
def default_hidden_link_words() -> tuple[str, ...]:
    return parse_words(
        (resources.files("ceping.scan") / "hidden_link_words.txt").read_text(encoding="utf-8")
    )
