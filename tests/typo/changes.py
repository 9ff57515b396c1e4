"""Compare findings by the characters they change, not by their spans."""

from __future__ import annotations

from ceping.typo import Typo
from ceping.typo.filters import changed_positions


def changes(typos: list[Typo]) -> set[tuple[int, str, str]]:
    """(position, written, meant) of every character the findings change."""
    return {
        (p, t.text[p - t.start], t.suggestion[p - t.start])
        for t in typos
        for p in changed_positions(t)
    }


def slip(text: str, wrong: str, right: str) -> list[Typo]:
    """The one finding that changes `wrong` to `right` where `wrong` first occurs."""
    start = text.index(wrong)
    return [Typo(start, start + len(wrong), wrong, right, 1.0, "statistical")]
