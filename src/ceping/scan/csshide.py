"""How a CSS declaration block hides what it styles: the techniques of hidden (dark) links.

Dark links injected into government sites hide a block of links with inline CSS or a `<style>`
rule: display:none, visibility:hidden, a box of zero size that clips its content, a position
far off-screen, a far negative text-indent, a font too small to see, or text coloured like its
background. Each technique is named by a key the finding's `reason` carries. `style_rules`
reads the rules of a `<style>` element that hide what they select.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DISPLAY_NONE = "display_none"
VISIBILITY_HIDDEN = "visibility_hidden"
OFF_SCREEN = "off_screen"
TEXT_INDENT = "text_indent"
ZERO_SIZE = "zero_size"
FONT_SIZE_ZERO = "font_size_zero"
SAME_COLOUR = "same_colour"
MARQUEE = "marquee"
# Display and visibility are also how menus, drop-downs and tab panels are folded away: a block
# hidden that way counts only when nothing could unfold it (see pagesignals).
FOLDING = frozenset({DISPLAY_NONE, VISIBILITY_HIDDEN})
# An image inside the link still shows through these (image replacement of a logo or badge).
TEXT_ONLY = frozenset({TEXT_INDENT, FONT_SIZE_ZERO, SAME_COLOUR})

OFF_SCREEN_PX = -999.0  # left/top/text-indent at or beyond this: nowhere on any screen
TINY_PX = 1.0  # a box or font this small shows nothing
TINY_TEXT_PX = 6.0  # text coloured like its background is hidden when also this small
EM_PX = 16.0
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
MAX_SELECTOR_CHARS = 200
# Every technique needs one of these words, or a negative length (off-screen, text-indent).
_HINTS = ("none", "hidden", "collapse", "clip", "font", "color")
_NEGATIVE = re.compile(r"-\s*\.?\d")
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|em|rem|pt)?$")
_UNIT_PX = {"px": 1.0, "em": EM_PX, "rem": EM_PX, "pt": 4 / 3, None: 1.0}


def declarations(style: str) -> dict[str, str]:
    """`prop: value;` pairs of a declaration block, lower-cased, `!important` dropped."""
    out: dict[str, str] = {}
    for part in style.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            value = value.lower().replace("!important", "").strip()
            out[name.strip().lower()] = " ".join(value.split())
    return out


def length_px(value: str | None) -> float | None:
    """A CSS length in pixels; None for anything else (auto, percentages, calc())."""
    if value is None:
        return None
    match = _LENGTH.match(value.strip())
    if match is None:
        return None
    return float(match.group(1)) * _UNIT_PX[match.group(2)]


def _at_most(value: str | None, limit: float) -> bool:
    px = length_px(value)
    return px is not None and px <= limit


def _background_colour(decl: dict[str, str]) -> str:
    colour = decl.get("background-color", "")
    if colour:
        return colour
    parts = decl.get("background", "").split()
    return parts[0] if len(parts) == 1 else ""


def _has_background_image(decl: dict[str, str]) -> bool:
    return "url(" in decl.get("background", "") or "url(" in decl.get("background-image", "")


def may_hide(style: str) -> bool:
    """A quick test that lets most declaration blocks go without parsing them."""
    low = style.lower()
    for hint in _HINTS:  # a loop of `in`: faster than one regex alternation
        if hint in low:
            return True
    return "-" in low and _NEGATIVE.search(low) is not None


def hiding(style: str) -> str | None:
    """The technique by which this declaration block hides its element, None when it shows."""
    if not may_hide(style):
        return None  # most inline styles (float, width, line-height) cannot hide: skip parsing
    decl = declarations(style)
    if decl.get("display") == "none":
        return DISPLAY_NONE
    if decl.get("visibility") in ("hidden", "collapse"):
        return VISIBILITY_HIDDEN
    if decl.get("position") in ("absolute", "fixed") and any(
        _at_most(decl.get(side), OFF_SCREEN_PX) for side in ("left", "top", "right")
    ):
        return OFF_SCREEN
    if decl.get("overflow") in ("hidden", "clip") and any(
        _at_most(decl.get(side), TINY_PX) for side in ("height", "width", "max-height", "max-width")
    ):
        return ZERO_SIZE
    # With a background image the element is a picture (a logo, a badge): the text is pushed
    # out of it on purpose and the picture still shows.
    if _has_background_image(decl):
        return None
    if _at_most(decl.get("text-indent"), OFF_SCREEN_PX):
        return TEXT_INDENT
    if _at_most(decl.get("font-size"), TINY_PX):
        return FONT_SIZE_ZERO
    colour = decl.get("color", "")
    if (
        colour
        and colour == _background_colour(decl)
        and _at_most(decl.get("font-size"), TINY_TEXT_PX)
    ):
        return SAME_COLOUR
    return None


def style_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selector, technique) of the rules that hide what they select, outside @media blocks
    (a rule inside one hides on some screens only) and without pseudo-classes (:hover shows)."""
    css = CSS_COMMENT.sub(" ", css)
    for match in _CSS_RULE.finditer(_drop_at_blocks(css)):
        technique = hiding(match.group(2))
        if technique is None:
            continue
        for selector in match.group(1).split(","):
            selector = selector.strip()
            if selector and ":" not in selector and len(selector) <= MAX_SELECTOR_CHARS:
                yield selector, technique


def _drop_at_blocks(css: str) -> str:
    """The style sheet without its @media/@supports/... blocks."""
    out: list[str] = []
    i, n = 0, len(css)
    while i < n:
        at = css.find("@", i)
        if at < 0:
            out.append(css[i:])
            break
        out.append(css[i:at])
        brace, semi = css.find("{", at), css.find(";", at)
        if brace < 0 or (0 <= semi < brace):  # @import ...; / @charset ...;
            i = semi + 1 if semi >= 0 else n
            continue
        depth, j = 0, brace
        while j < n:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
            if depth == 0:
                break
        i = j
    return "".join(out)
