"""Which characters no dictionary word explains: the statistical layer's suspects,
found by one automaton pass and a few C-level passes over each line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ahocorasick_rs import AhoCorasick, MatchKind

from ceping.typo.charlm import char_model
from ceping.typo.homophones import homophones
from ceping.typo.resources import COVER_MAX_LEN, COVER_MIN_FREQ, lexicon

# Coverage codes: 0 no word, 2 a two-character word rarer than PAIR_CHECK_BELOW
# (its characters are checked against the pair counts), 3 trusted; 4 marks a
# function character outside every word (the OR of orphans() keeps the rest).
UNCOVERED, PAIR_CHECKED, TRUSTED, FUNCTION = 0, 2, 3, 4
SUSPECT_RE = re.compile(b"[\\x00\\x02\\x04]")
# A trusted two-character word with a far commoner homophone is marked by two
# more bits, on its first and second character (they survive the OR of orphans()).
HOMOPHONE_FIRST, HOMOPHONE_SECOND = 8, 16
HOMOPHONE_RE = re.compile(b"[\\x08-\\x0f][\\x10-\\x17]")
PAIR_CHECK_BELOW = 1000
# An uncovered character seen at least this often with each neighbour is not suspect.
FITS_CONTEXT = 10
# Characters this frequent on their own (的, 和, 在, 是 …) stand alone so often
# that they are suspect only when they fit neither neighbour (不门 for 部门).
FUNCTION_CHAR_FREQ = 100_000
# A character this frequent alone (可, 之, 以) is a word in its own right to splits_into_words().
SINGLE_WORD_FREQ = 50_000


@dataclass(frozen=True)
class Cover:
    """Dictionary words, to find characters that no word explains, and each word's codes."""

    automaton: AhoCorasick
    fills: list[bytes]  # per word (automaton pattern index): its coverage code per character


@cache
def cover_automaton() -> Cover:
    """The cover automaton, matching leftmost-longest, non-overlapping words."""
    words, fills = [], []
    pairs = char_model().counts
    similar = homophones()
    for word, freq in lexicon().words.items():
        if 2 <= len(word) <= COVER_MAX_LEN and freq >= COVER_MIN_FREQ:
            # A rarer two-character word may be a typo's accident (休养 in 维休养护),
            # unless the pair counts know it: then each of its characters has
            # been seen beside the other, which is all orphans() would check.
            is_rare_pair = len(word) == 2 and freq < PAIR_CHECK_BELOW and word not in pairs
            code = PAIR_CHECKED if is_rare_pair else TRUSTED
            words.append(word)
            if code == TRUSTED and word in similar:
                fills.append(bytes([TRUSTED | HOMOPHONE_FIRST, TRUSTED | HOMOPHONE_SECOND]))
            else:
                fills.append(bytes([code]) * len(word))
    return Cover(AhoCorasick(words, matchkind=MatchKind.LeftmostLongest), fills)


@cache
def kind_table() -> str:
    """str.translate table: each CJK character → \\x00, or \\x04 for a function
    character; any other → \\x03.

    Non-CJK text is ruled out for a whole line in C (translate, then one
    integer OR) instead of one Python test per character.
    """
    words = lexicon().words
    return "".join(
        ("\x04" if words.get(chr(c), 0) >= FUNCTION_CHAR_FREQ else "\x00")
        if "\u4e00" <= chr(c) <= "\u9fff"
        else "\x03"
        for c in range(0x10000)
    )


def orphans(text: str, mask: bytearray) -> tuple[list[int], list[int]]:
    """Positions of CJK characters outside every word of a greedy longest-match segmentation,
    or inside a rarer two-character word but unseen beside both neighbours in the pair counts;
    and the start of each word of that segmentation that has a far commoner homophone."""
    pairs = char_model().counts
    cover = cover_automaton()
    fills = cover.fills
    n = len(text)
    # The matches do not overlap and come in order: the codes of the words, and
    # between them the mask (protected characters count as covered), are
    # joined in C, one join per line.
    pieces: list[bytes | bytearray] = []
    at = 0
    for k, start, end in cover.automaton.find_matches_as_indexes(text):
        if start > at:
            pieces.append(mask[at:start])
        pieces.append(fills[k])
        at = end
    pieces.append(mask[at:])
    covered = b"".join(pieces)
    # Characters beyond the table (outside the BMP) are left as they are and
    # encoded as "?", which is not a suspect code either.
    kinds = text.translate(kind_table()).encode("latin-1", "replace")
    codes = (int.from_bytes(covered, "little") | int.from_bytes(kinds, "little")).to_bytes(
        n, "little"
    )
    found = []
    last = n - 1
    for m in SUSPECT_RE.finditer(codes):
        i = m.start()
        if codes[i] == UNCOVERED:
            # A character seen often beside both neighbours fits its context.
            if (
                i == 0
                or pairs.get(text[i - 1 : i + 1], 0) < FITS_CONTEXT
                or pairs.get(text[i : i + 2], 0) < FITS_CONTEXT
            ):
                found.append(i)
        elif codes[i] == FUNCTION:
            # A function character is suspect only when it fits neither neighbour.
            if (i == 0 or pairs.get(text[i - 1 : i + 1], 0) < FITS_CONTEXT) and (
                i == last or pairs.get(text[i : i + 2], 0) < FITS_CONTEXT
            ):
                found.append(i)
        elif (
            0 < i < last
            and text[i - 1 : i + 1] not in pairs
            and text[i : i + 2] not in pairs
            and "\u4e00" <= text[i - 1] <= "\u9fff"
            and "\u4e00" <= text[i + 1] <= "\u9fff"
        ):
            found.append(i)
    return found, [m.start() for m in HOMOPHONE_RE.finditer(codes)]


def splits_into_words(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a run of dictionary words and common single characters,
    its first and last word allowed to run past its ends (可再生能源发 in 可再生能源发电):
    written so, a slip would have made real words, which only context can judge."""
    words = lexicon().words

    def is_word(a: int, b: int) -> bool:
        return words.get(text[a:b], 0) >= COVER_MIN_FREQ

    def is_piece(a: int, b: int) -> bool:
        if b - a >= 2:
            return is_word(a, b)
        if words.get(text[a], 0) >= SINGLE_WORD_FREQ:
            return True
        # The span's first or last character may end or start a word outside it.
        reach = range(1, COVER_MAX_LEN)
        return (a == start and any(a - k >= 0 and is_word(a - k, b) for k in reach)) or (
            b == end and any(is_word(a, b + k) for k in reach if b + k <= len(text))
        )

    reached = {start}
    for a in range(start, end):
        if a in reached:
            ends = range(a + 1, min(end, a + COVER_MAX_LEN) + 1)
            reached.update(b for b in ends if is_piece(a, b))
    return end in reached
