"""Real words typed for a far commoner word of the same reading (桂花 for 规划, 暴涨 for 保障)."""

from __future__ import annotations

from functools import cache

from ceping.typo.resources import lexicon

# A homophone is proposed only when it is this many times commoner than the
# written word, and common itself; its evidence must then come from the
# context (both models), less HOMOPHONE_PENALTY. Tuned on odw.train.
HOMOPHONE_RATIO = 10
HOMOPHONE_MIN_FREQ = 100
HOMOPHONE_PENALTY = 2.0
WRITTEN_MIN_FREQ = 5


def reading_key(ch: str) -> str:
    """One character standing for every character of ch's reading (tones ignored)."""
    conf = lexicon().confusion.get(ch)
    return min(ch + conf.sound) if conf else ch


@cache
def homophones() -> dict[str, tuple[str, ...]]:
    """Two-character word → the far commoner words of the same reading, commonest first."""
    words = lexicon().words
    groups: dict[str, list[str]] = {}
    for word, freq in words.items():
        if len(word) == 2 and freq >= WRITTEN_MIN_FREQ:
            groups.setdefault(reading_key(word[0]) + reading_key(word[1]), []).append(word)
    out: dict[str, tuple[str, ...]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda w: (-words[w], w))
        for word in group:
            floor = max(HOMOPHONE_MIN_FREQ, HOMOPHONE_RATIO * words[word])
            commoner = tuple(w for w in group if words[w] >= floor)
            if commoner:
                out[word] = commoner
    return out
