"""Score text under a word-unigram model: the best segmentation's log probability."""

from __future__ import annotations

from ceping.typo.resources import MAX_SEGMENT_LEN, Lexicon

MAX_WORD_LEN = MAX_SEGMENT_LEN
# A character outside the dictionary costs as much as a very rare word and a
# bit more, so that a replacement forming a real word wins clearly.
UNKNOWN_PENALTY = 4.0
# Context kept on each side of a suspect span when comparing two readings.
CONTEXT_CHARS = 4


def best_path_score(lex: Lexicon, text: str, max_len: int = MAX_WORD_LEN) -> float:
    """Log probability of the most likely segmentation of `text` (Viterbi over words)."""
    return path_scores(lex, text, max_len)[-1]


def path_scores(
    lex: Lexicon, text: str, max_len: int = MAX_WORD_LEN, prefix: list[float] | None = None
) -> list[float]:
    """Best log probability of each prefix text[:k], k = 0..len(text).

    `prefix` holds the scores already known for the first prefixes (they depend
    on nothing after them), so a text changed from position p on is rescored
    from p with the unchanged scores[:p + 1].
    """
    unknown = -lex.log_total - UNKNOWN_PENALTY
    single = lex.logp.get
    word = lex.suffix_logp.get
    best = [0.0] if prefix is None else prefix[:]
    for end in range(len(best), len(text) + 1):
        # A single character always has a reading, known or not.
        top = best[end - 1] + single(text[end - 1], unknown)
        start = end - 2
        stop = end - max_len if end > max_len else 0
        while start >= stop:
            lp = word(text[start:end])
            if lp is None:
                break  # no longer word ends here either
            score = best[start] + lp
            if score > top:  # noqa: PLR1730 - max() is a call in the hot loop
                top = score
            start -= 1
        best.append(top)
    return best


def replacement_gain(lex: Lexicon, text: str, start: int, end: int, new: str) -> float:
    """How much more likely (natural log) the text reads with text[start:end] replaced by `new`."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    before = text[lo:hi]
    after = text[lo:start] + new + text[end:hi]
    return best_path_score(lex, after) - best_path_score(lex, before)


def window_gain(
    lex: Lexicon, window: str, base: list[float], start: int, end: int, new: str, max_len: int
) -> float:
    """Gain of replacing window[start:end] by `new`, given the window's path_scores `base`."""
    changed = window[:start] + new + window[end:]
    return path_scores(lex, changed, max_len, base[: start + 1])[-1] - base[-1]
