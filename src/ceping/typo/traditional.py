"""Convert traditional characters to simplified, keeping a map back to the original positions."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def converter() -> opencc.OpenCC:
    """OpenCC's traditional-to-simplified converter (its data ships in the wheel)."""
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, list[int] | None]:
    """Simplified text and, when lengths differ, each simplified char's original position.

    OpenCC converts phrase by phrase and nearly always keeps the length; when it
    does not, the text is converted one character at a time so positions stay aligned.
    """
    simple = converter().convert(text)
    if len(simple) == len(text):
        return simple, None
    convert = converter().convert
    pieces = [convert(ch) for ch in text]
    positions = [i for i, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), positions
