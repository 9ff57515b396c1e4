"""A character-bigram model (People's Daily counts): how well a character fits its neighbours."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from ceping.typo.resources import read_rows

# Dirichlet smoothing towards the unigram: how many pseudo-observations the
# unigram distribution is worth.
SMOOTHING = 50.0


@dataclass(frozen=True)
class CharModel:
    """Counts of characters and adjacent character pairs."""

    counts: dict[str, int]
    total: int

    def log_p(self, prev: str, ch: str) -> float:
        """log P(ch | prev), smoothed; prev may be "" at a boundary."""
        unigram = (self.counts.get(ch, 0) + 0.5) / (self.total + 0.5 * 8000)
        if not prev:
            return math.log(unigram)
        pair = self.counts.get(prev + ch, 0)
        return math.log((pair + SMOOTHING * unigram) / (self.counts.get(prev, 0) + SMOOTHING))

    def gain(self, text: str, i: int, new: str) -> float:
        """How much likelier (natural log) text reads with text[i] replaced by `new`."""
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        old = text[i]
        delta = self.log_p(prev, new) - self.log_p(prev, old)
        if nxt:
            delta += self.log_p(new, nxt) - self.log_p(old, nxt)
        return delta

    def span_gain(self, text: str, start: int, new: str) -> float:
        """How much likelier text reads with text[start:start + len(new)] replaced by `new`."""
        end = start + len(new)
        prev = text[start - 1] if start > 0 else ""
        nxt = text[end] if end < len(text) else ""
        return self.chain_logp(prev + new + nxt, bool(prev)) - self.chain_logp(
            prev + text[start:end] + nxt, bool(prev)
        )

    def chain_logp(self, seq: str, has_prev: bool) -> float:
        """log P of seq's characters (after the first when has_prev), each given the one before."""
        total = 0.0 if has_prev else self.log_p("", seq[0])
        for a, b in pairwise(seq):
            total += self.log_p(a, b)
        return total


@cache
def char_model() -> CharModel:
    """The shipped character and character-pair counts (loaded once)."""
    counts = {row[0]: int(row[1]) for row in read_rows("char_bigrams.tsv.gz")}
    return CharModel(counts, sum(n for k, n in counts.items() if len(k) == 1))
