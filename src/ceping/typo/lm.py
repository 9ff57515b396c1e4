"""Score text under a word-unigram model: the best segmentation's log probability."""

from __future__ import annotations

from ceping.typo.resources import Lexicon

MAX_WORD_LEN = 8
# A character outside the dictionary costs as much as a very rare word and a
# bit more, so that a replacement forming a real word wins clearly.
UNKNOWN_PENALTY = 4.0
# Context kept on each side of a suspect span when comparing two readings.
CONTEXT_CHARS = 4


def best_path_score(lex: Lexicon, text: str, max_len: int = MAX_WORD_LEN) -> float:
    """Log probability of the most likely segmentation of `text` (Viterbi over words)."""
    unknown = -lex.log_total - UNKNOWN_PENALTY
    logp = lex.logp
    best = [0.0] * (len(text) + 1)
    for end in range(1, len(text) + 1):
        # A single character always has a reading, known or not.
        top = best[end - 1] + logp.get(text[end - 1], unknown)
        for start in range(max(0, end - max_len), end - 1):
            lp = logp.get(text[start:end])
            if lp is not None and best[start] + lp > top:
                top = best[start] + lp
        best[end] = top
    return best[-1]


def replacement_gain(lex: Lexicon, text: str, start: int, end: int, new: str) -> float:
    """How much more likely (natural log) the text reads with text[start:end] replaced by `new`."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    before = text[lo:hi]
    after = text[lo:start] + new + text[end:hi]
    return best_path_score(lex, after) - best_path_score(lex, before)


def window_gain(
    lex: Lexicon, window: str, base: float, start: int, end: int, new: str, max_len: int
) -> float:
    """Gain of replacing window[start:end] by `new`, given the window's own score `base`."""
    return best_path_score(lex, window[:start] + new + window[end:], max_len) - base
