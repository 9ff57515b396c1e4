"""Load the shipped data files once per process, on first use."""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from ceping.errors import CepingError

DATA_DIR = Path(__file__).resolve().parent / "data"

# Words shorter than this many jieba counts do not "cover" a character: the
# dictionary has junk entries (e.g. 堂务, 3) that would hide real typos.
COVER_MIN_FREQ = 5
COVER_MAX_LEN = 8
# The longest word the word-unigram model segments text into.
MAX_SEGMENT_LEN = 8


class TypoDataError(CepingError):
    """A shipped typo data file is missing or malformed."""


@dataclass(frozen=True)
class Confusable:
    """Characters a writer may put in place of one character."""

    sound: str  # same main reading, tones ignored
    shape: str  # visually similar, plus pairs learned from odw.train
    tone: str  # same main reading and tone (a subset of sound)
    seen: str  # written for this character in odw.train


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies and confusion sets, the statistical layer's model."""

    words: dict[str, int]
    log_total: float
    confusion: dict[str, Confusable]
    # Words whose count domain_terms.tsv.gz raised (信访事项, 限期改正: terms of legal and
    # administrative prose that jieba's general counts barely know) → jieba's own count.
    domain: dict[str, int] = field(default_factory=dict)

    @cached_property
    def logp(self) -> dict[str, float]:
        """Natural-log unigram probability of every dictionary word."""
        return {w: math.log(f) - self.log_total for w, f in self.words.items()}

    @cached_property
    def suffix_logp(self) -> dict[str, float]:
        """Every suffix of ≥ 2 characters of a word of 2–MAX_SEGMENT_LEN characters → the
        word's log probability, or -inf when the suffix is not a word itself.

        The Viterbi search reads words backwards from each position and stops at
        the first string that ends no word, instead of trying every length.
        """
        out: dict[str, float] = {}
        for word, lp in self.logp.items():
            if 2 <= len(word) <= MAX_SEGMENT_LEN:
                out[word] = lp
                for k in range(1, len(word) - 1):
                    out.setdefault(word[k:], -math.inf)
        return out


def read_rows(name: str) -> Iterator[list[str]]:
    """Tab-separated rows of a data file (gzip or plain), comments skipped."""
    path = DATA_DIR / name
    try:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line and not line.startswith("#"):
                    yield line.split("\t")
    except OSError as exc:
        raise TypoDataError(f"{path}: cannot read typo data ({exc})") from exc


@cache
def lexicon() -> Lexicon:
    """The word list and confusion sets (loaded once)."""
    words = {row[0]: int(row[1]) for row in read_rows("words.tsv.gz")}
    # The domain terms are scaled to jieba's total and counted in it: their text
    # is counted through their parts there already.
    log_total = math.log(sum(words.values()))
    domain: dict[str, int] = {}
    wrong_forms = known_errors()
    for row in read_rows("domain_terms.tsv.gz"):
        count = int(row[1])
        # A wrong form the laws repeat is still no word of the model.
        if count > words.get(row[0], 0) and row[0] not in wrong_forms:
            domain[row[0]] = words.get(row[0], 0)
            words[row[0]] = count
    confusion = {row[0]: Confusable(*row[1:5]) for row in read_rows("confusion.tsv.gz")}
    return Lexicon(words, log_total, confusion, domain)


@cache
def known_errors() -> dict[str, tuple[str, str]]:
    """Wrong form → (right form, source) from the shipped lexicon, plus the hand-written
    pairs of gov_pairs.tsv, read here too so that pairs added to it count without
    rebuilding known_errors.tsv.gz (the rebuild needs the upstream packages)."""
    known = {row[0]: (row[1], row[2]) for row in read_rows("known_errors.tsv.gz")}
    for row in read_rows("gov_pairs.tsv"):
        # A wrong form inside its own correction would fire on correct text.
        if row[0] not in row[1]:
            known[row[0]] = (row[1], "ceping")
    return known


@cache
def official_phrases() -> tuple[str, ...]:
    """The fixed official phrases checked for near-misses."""
    return tuple(row[0] for row in read_rows("official_phrases.txt"))


@cache
def official_terms() -> tuple[str, ...]:
    """Set phrases of current official prose checked for near-misses (official_terms.txt)."""
    return tuple(row[0] for row in read_rows("official_terms.txt"))


@cache
def names() -> frozenset[str]:
    """Person and place names never reported as typos: pycorrector's lists and the
    place names down to township level (places.txt.gz, build/build_places.py)."""
    rows = [*read_rows("names.txt.gz"), *read_rows("places.txt.gz")]
    return frozenset(row[0] for row in rows)


@cache
def protected_words() -> tuple[str, ...]:
    """Current terms, service names and compounds that are never reported."""
    return tuple(row[0] for row in read_rows("protected_words.txt"))


@cache
def variants() -> tuple[tuple[str, str], ...]:
    """(recommended, non-recommended) pairs of 《第一批异形词整理表》."""
    pairs = []
    for row in read_rows("variants.tsv"):
        if len(row) != 2 or not row[0] or not row[1]:
            raise TypoDataError(f"{DATA_DIR / 'variants.tsv'}: bad row {row!r}")
        pairs.append((row[0], row[1]))
    return tuple(pairs)
