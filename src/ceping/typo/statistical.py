"""Layer 3: a character no word explains, replaced by a confusable one that makes a common word."""

from __future__ import annotations

from functools import cache

import ahocorasick

from ceping.typo.lm import replacement_gain
from ceping.typo.model import RULE_STATISTICAL, Typo
from ceping.typo.protect import QUOTED, is_reportable
from ceping.typo.resources import COVER_MAX_LEN, COVER_MIN_FREQ, Lexicon, lexicon
from ceping.typo.scoring import confidence

# A word must be this frequent (jieba counts) to be proposed as a correction;
# short words need more, since a two-character word forms by chance.
MIN_FREQ_BY_LEN = {2: 100, 3: 20, 4: 5, 5: 5}
HOLE = "\0"

MaskedIndex = dict[str, list[tuple[str, str]]]


def min_freq(length: int) -> int:
    """Frequency a proposed word of this length needs."""
    return MIN_FREQ_BY_LEN.get(length, 1_000_000_000)


@cache
def cover_automaton() -> ahocorasick.Automaton:
    """Automaton over dictionary words, to find characters that no word explains."""
    auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for word, freq in lexicon().words.items():
        if 2 <= len(word) <= COVER_MAX_LEN and freq >= COVER_MIN_FREQ:
            auto.add_word(word)
    auto.make_automaton()
    return auto


@cache
def masked_index() -> MaskedIndex:
    """Word with one character holed out → [(that character, word)], for common words."""
    index: MaskedIndex = {}
    for word, freq in lexicon().words.items():
        if freq < min_freq(len(word)):
            continue
        for i, ch in enumerate(word):
            index.setdefault(word[:i] + HOLE + word[i + 1 :], []).append((ch, word))
    return index


def orphans(text: str, mask: bytearray) -> list[int]:
    """Positions of CJK characters outside every word of a greedy longest-match segmentation."""
    covered = bytearray(len(text))
    for last, length in cover_automaton().iter_long(text):
        covered[last - length + 1 : last + 1] = b"\1" * length
    return [
        i
        for i, ch in enumerate(text)
        if not covered[i] and "\u4e00" <= ch <= "\u9fff" and mask[i] < QUOTED
    ]


def is_confusable(lex: Lexicon, written: str, meant: str) -> bool:
    """True when `written` is a plausible slip for `meant` (same sound or similar shape)."""
    conf = lex.confusion.get(meant)
    return conf is not None and (written in conf.sound or written in conf.shape)


def candidates_at(text: str, i: int, lex: Lexicon, index: MaskedIndex) -> list[tuple[int, str]]:
    """(start, word) for each common word that text[i] replaced by a confusable char would make."""
    found = []
    n = len(text)
    written = text[i]
    for length in MIN_FREQ_BY_LEN:
        for start in range(max(0, i - length + 1), min(i, n - length) + 1):
            hits = index.get(text[start:i] + HOLE + text[i + 1 : start + length])
            for meant, word in hits or ():
                if meant != written and is_confusable(lex, written, meant):
                    found.append((start, word))
    return found


def find_statistical(text: str, mask: bytearray) -> list[Typo]:
    """Suspect characters whose best confusable replacement makes the text far more likely."""
    lex = lexicon()
    index = masked_index()
    found = []
    for i in orphans(text, mask):
        best: tuple[float, int, str] | None = None
        for start, word in candidates_at(text, i, lex, index):
            end = start + len(word)
            if not is_reportable(mask, start, end, QUOTED):
                continue
            gain = replacement_gain(lex, text, start, end, word)
            if best is None or gain > best[0]:
                best = (gain, start, word)
        if best is not None:
            gain, start, word = best
            end = start + len(word)
            conf = confidence(RULE_STATISTICAL, gain)
            found.append(Typo(start, end, text[start:end], word, conf, RULE_STATISTICAL))
    return found
