"""Compare findings by the characters they change, not by their spans."""

from __future__ import annotations

from ceping.typo import Typo


def changes(typos: list[Typo]) -> set[tuple[int, str, str]]:
    """(position, written, meant) of every character the findings change."""
    return {
        (t.start + k, a, b)
        for t in typos
        for k, (a, b) in enumerate(zip(t.text, t.suggestion, strict=True))
        if a != b
    }


def slip(text: str, wrong: str, right: str) -> list[Typo]:
    """The one finding that changes `wrong` to `right` where `wrong` first occurs."""
    start = text.index(wrong)
    return [Typo(start, start + len(wrong), wrong, right, 1.0, "statistical")]
