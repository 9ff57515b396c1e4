"""Score text under a word-unigram model: the best segmentation's log probability."""

from __future__ import annotations

import math

from ceping.typo.resources import Lexicon

MAX_WORD_LEN = 8
# A character outside the dictionary costs as much as a very rare word and a
# bit more, so that a replacement forming a real word wins clearly.
UNKNOWN_PENALTY = 4.0
# Context kept on each side of a suspect span when comparing two readings.
CONTEXT_CHARS = 4


def best_path_score(lex: Lexicon, text: str) -> float:
    """Log probability of the most likely segmentation of `text` (Viterbi over words)."""
    unknown = -lex.log_total - UNKNOWN_PENALTY
    words = lex.words
    best = [0.0] + [-math.inf] * len(text)
    for end in range(1, len(text) + 1):
        top = -math.inf
        for start in range(max(0, end - MAX_WORD_LEN), end):
            prev = best[start]
            if prev == -math.inf:
                continue
            freq = words.get(text[start:end], 0)
            if freq:
                score = prev + math.log(freq) - lex.log_total
            elif end - start == 1:
                score = prev + unknown
            else:
                continue
            if score > top:
                top = score
        best[end] = top
    return best[-1]


def replacement_gain(lex: Lexicon, text: str, start: int, end: int, new: str) -> float:
    """How much more likely (natural log) the text reads with text[start:end] replaced by `new`."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    before = text[lo:hi]
    after = text[lo:start] + new + text[end:hi]
    return best_path_score(lex, after) - best_path_score(lex, before)
