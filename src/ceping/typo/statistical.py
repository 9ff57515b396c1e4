"""Layer 3: a character no word explains, replaced by a confusable one that makes a common word."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from ceping.typo.charlm import char_model
from ceping.typo.coverage import orphans
from ceping.typo.homophones import HOMOPHONE_PENALTY, homophones
from ceping.typo.lm import path_scores, window_gain
from ceping.typo.model import RULE_STATISTICAL, Typo
from ceping.typo.protect import FREE, QUOTED, is_reportable
from ceping.typo.resources import Lexicon, lexicon
from ceping.typo.scoring import GAIN_AT_HALF, confidence

# A word must be this frequent (jieba counts) to be proposed as a correction;
# short words need more, since a two-character word forms by chance.
MIN_FREQ_BY_LEN = {2: 100, 3: 20, 4: 5, 5: 5, 6: 5}
# Shorter windows and words keep the per-suspect cost low; longer phrases are
# the official-wording layer's job.
WINDOW_CONTEXT = 3
WINDOW_MAX_WORD = 6
# Slips of the same sound and tone (IME picks) and slips seen in odw.train are
# likelier than other confusions; tuned on odw.train.
TONE_BONUS = 1.0
SEEN_BONUS = 1.0
# Weight of the character-bigram model's gain beside the word model's.
CHAR_WEIGHT = 0.5
# Two adjacent suspects may be one word typed wrong whole (淡味 for 单位, an
# IME's pick): such a word must be this common, and its evidence, which counts
# two replaced characters, is discounted; tuned on odw.train.
PAIR_WORD_FREQ = 100
PAIR_PENALTY = 10.0
# A whole-word replacement (a double slip, a homophone) is weighed by the word
# model only when the character-pair model already prefers it by this much:
# the cheap test rules out most, at no cost in F1 on odw.train.
CHAR_SUPPORT = 3.0
# A slip the character-pair model rates this badly never reaches the threshold
# on odw.train: its window is never scored (13 % fewer Viterbi runs on ODW text).
CHAR_FLOOR = -3.0
# Evidence forgiven to a line's other suspects once it has a confident finding.
CLUSTER_DISCOUNT = 3.0
SENTENCE_END_RE = re.compile("[。！？；!?;\n]")
MAX_CANDIDATE_LEN = max(MIN_FREQ_BY_LEN)
HOLE = "\0"
MaskedIndex = dict[str, dict[str, str]]
# Context → the characters that fill a word's hole in that context.
Neighbours = dict[str, frozenset[str]]
NO_NEIGHBOURS: frozenset[str] = frozenset()


def min_freq(length: int) -> int:
    """Frequency a proposed word of this length needs."""
    return MIN_FREQ_BY_LEN.get(length, 1_000_000_000)


@cache
def masked_index() -> MaskedIndex:
    """Word with one character holed out → {that character: word}, for common words."""
    index: MaskedIndex = {}
    for word, freq in lexicon().words.items():
        if freq < min_freq(len(word)):
            continue
        for i, ch in enumerate(word):
            index.setdefault(word[:i] + HOLE + word[i + 1 :], {})[ch] = word
    return index


@dataclass(frozen=True)
class Contexts:
    """Which characters can stand in a hole of a masked-index word, by its neighbours."""

    heads: Neighbours  # next char → first characters of words whose second is next
    tails: Neighbours  # previous char → last characters of words whose last-but-one is it
    inner: Neighbours  # previous + next char → characters between them inside a word


@cache
def contexts() -> Contexts:
    """The hole contexts of the masked index's words.

    A suspect has a candidate only if one of its slips fits one of these with
    its neighbours, so most suspects are ruled out by three set tests before
    the index look-ups of candidates_at, and most look-ups of the others.
    """
    heads: dict[str, set[str]] = {}
    tails: dict[str, set[str]] = {}
    inner: dict[str, set[str]] = {}
    for word, freq in lexicon().words.items():
        if freq < min_freq(len(word)):
            continue
        heads.setdefault(word[1], set()).add(word[0])
        tails.setdefault(word[-2], set()).add(word[-1])
        for k in range(1, len(word) - 1):
            inner.setdefault(word[k - 1] + word[k + 1], set()).add(word[k])
    return Contexts(*({k: frozenset(v) for k, v in d.items()} for d in (heads, tails, inner)))


def hole_places(text: str, i: int, slips: frozenset[str]) -> tuple[bool, bool, bool]:
    """Whether a slip of text[i] can be the first, an inner or the last character of a
    common word, judged by its neighbours alone."""
    ctx = contexts()
    prev = text[i - 1] if i else ""
    nxt = text[i + 1 : i + 2]
    return (
        not ctx.heads.get(nxt, NO_NEIGHBOURS).isdisjoint(slips),
        not ctx.inner.get(prev + nxt, NO_NEIGHBOURS).isdisjoint(slips),
        not ctx.tails.get(prev, NO_NEIGHBOURS).isdisjoint(slips),
    )


@cache
def slips_for() -> dict[str, str]:
    """Written character → the characters it may be a slip for (same sound or similar shape)."""
    out: dict[str, set[str]] = {}
    for meant, conf in lexicon().confusion.items():
        for written in conf.sound + conf.shape:
            out.setdefault(written, set()).add(meant)
    return {written: "".join(sorted(meant)) for written, meant in out.items()}


@cache
def slip_sets() -> dict[str, frozenset[str]]:
    """slips_for() as sets, whose hashes are kept: the set tests of hole_places."""
    return {written: frozenset(meant) for written, meant in slips_for().items()}


def candidates_at(
    text: str, i: int, slips: str, index: MaskedIndex, places: tuple[bool, bool, bool]
) -> list[tuple[int, str, str]]:
    """(start, word, meant char) for each common word made by text[i] replaced by one of `slips`;
    `places` (hole_places) skips the look-ups that cannot succeed."""
    found: list[tuple[int, str, str]] = []
    n = len(text)
    first, inner, last = places
    for length in MIN_FREQ_BY_LEN:
        for start in range(max(0, i - length + 1), min(i, n - length) + 1):
            hole = i - start
            if not (first if hole == 0 else last if hole == length - 1 else inner):
                continue
            hits = index.get(text[start:i] + HOLE + text[i + 1 : start + length])
            if not hits:
                continue
            if len(hits) < len(slips):
                found.extend((start, w, m) for m, w in hits.items() if m in slips)
            else:
                found.extend((start, hits[m], m) for m in slips if m in hits)
    return found


def slip_prior(lex: Lexicon, written: str, meant: str) -> float:
    """Log-odds bonus for likelier slips: same tone, or seen in odw.train."""
    conf = lex.confusion[meant]
    return TONE_BONUS * (written in conf.tone) + SEEN_BONUS * (written in conf.seen)


@dataclass(frozen=True)
class Option:
    """One possible correction of a suspect character, with its evidence."""

    start: int
    word: str
    word_gain: float  # word-unigram model, plus the slip prior
    char_gain: float  # character-bigram model


@cache
def pair_words() -> dict[str, frozenset[str]]:
    """First character → the second characters of the common two-character words it starts."""
    out: dict[str, set[str]] = {}
    for word, freq in lexicon().words.items():
        if len(word) == 2 and freq >= PAIR_WORD_FREQ:
            out.setdefault(word[0], set()).add(word[1])
    return {first: frozenset(seconds) for first, seconds in out.items()}


@cache
def pair_starts() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Written character → (slip, pair_words()[slip]) for each of its slips (in slips_for()
    order) that starts a common two-character word."""
    words = pair_words()
    return {
        written: tuple((m, words[m]) for m in meant if m in words)
        for written, meant in slips_for().items()
    }


@lru_cache(maxsize=65_536)
def pair_candidates(written: str) -> tuple[str, ...]:
    """Common two-character words that `written` may be a double slip for (拐卖 for 乖买).

    Cached by the two characters: the same unknown pairs (names, rare terms)
    recur across the pages of a site.
    """
    starts = pair_starts().get(written[0])
    second = slips_for().get(written[1:])
    if not starts or not second:
        return ()
    # The set of the second's slips keeps its characters' hashes: testing it
    # against each first slip's followers costs no string hashing.
    seconds = slip_sets()[written[1]]
    found: list[str] = []
    for m1, follows in starts:
        if not follows.isdisjoint(seconds):
            found.extend(m1 + m2 for m2 in second if m2 in follows)
    return tuple(found)


# Suspects whose options are remembered, by their window (see options_at).
OPTIONS_CACHE_SIZE = 50_000
# A suspect's options read the text this far on each side of it: the candidate
# words (MAX_CANDIDATE_LEN) and the word model's context; the homophone
# window reaches one character further (the written word is two long).
REACH = MAX_CANDIDATE_LEN - 1 + WINDOW_CONTEXT


def suspects(text: str, mask: bytearray) -> Iterator[tuple[int, list[Option]]]:
    """Each suspect character's position and its scored corrections: one character
    replaced, or, when the next character is a suspect too, both (PAIR_PENALTY)."""
    for i, lo, options in windowed_suspects(text, mask):
        yield i, [shifted(o, lo) for o in options]


def windowed_suspects(text: str, mask: bytearray) -> Iterator[tuple[int, int, tuple[Option, ...]]]:
    """suspects(), each with the start of its window and its options' starts in that window.

    A suspect's options depend on its window alone, and a site repeats its
    sentences: they are computed once per distinct window (options_at).
    """
    slips = slips_for()
    positions, similar = orphans(text, mask)
    paired = {i for i, j in pairwise(positions) if j == i + 1}
    # Most lines protect nothing: their windows' masks are all FREE, which an
    # empty mask stands for (is_reportable reads past its end as FREE).
    is_free = mask.count(FREE) == len(mask)
    for i in positions:
        if text[i] not in slips:
            continue
        lo = max(0, i - REACH)
        hi = i + REACH + 1
        window_mask = b"" if is_free else bytes(mask[lo:hi])
        options = options_at(text[lo:hi], i - lo, i in paired, window_mask)
        if options:
            yield i, lo, options
    for i in similar:
        if is_reportable(mask, i, i + 2, QUOTED):
            lo = max(0, i - REACH)
            options = homophone_options(text[lo : i + REACH + 2], i - lo)
            if options:
                yield i, lo, options


def shifted(option: Option, offset: int) -> Option:
    """The option with its start moved from its window into the text."""
    return Option(option.start + offset, option.word, option.word_gain, option.char_gain)


@lru_cache(maxsize=OPTIONS_CACHE_SIZE)
def options_at(window: str, i: int, is_paired: bool, mask: bytes) -> tuple[Option, ...]:
    """The scored corrections of the suspect window[i], starts in the window.

    `window` holds the text up to REACH characters on each side of the suspect
    (fewer at the text's ends), `mask` its protection codes, `is_paired` whether
    the next character is a suspect too. Nothing else is read, so the options
    equal those computed on the whole text.
    """
    lex = lexicon()
    chars = char_model()
    written = slips_for()[window[i]]
    places = hole_places(window, i, slip_sets()[window[i]])
    found = [
        (start, word, meant, char_gain)
        for start, word, meant in (
            candidates_at(window, i, written, masked_index(), places) if any(places) else ()
        )
        if (char_gain := chars.gain(window, i, meant)) > CHAR_FLOOR
    ]
    # A whole-word replacement must be preferred by the character-pair
    # model before the word model is asked (most are not, cheaply).
    doubles = [
        (word, gain)
        for word in (pair_candidates(window[i : i + 2]) if is_paired else ())
        if (gain := chars.span_gain(window, i, word)) > CHAR_SUPPORT
    ]
    if not found and not doubles:
        return ()
    # One window per suspect, scored once, shared by all its candidates.
    base = path_scores(lex, window, WINDOW_MAX_WORD)
    options = []
    for start, word, meant, char_gain in found:
        end = start + len(word)
        if not is_reportable(mask, start, end, QUOTED):
            continue
        gain = window_gain(lex, window, base, start, end, word, WINDOW_MAX_WORD)
        gain += slip_prior(lex, window[i], meant)
        options.append(Option(start, word, gain, char_gain))
    if doubles and is_reportable(mask, i, i + 2, QUOTED):
        for word, char_gain in doubles:
            gain = window_gain(lex, window, base, i, i + 2, word, WINDOW_MAX_WORD)
            gain += slip_prior(lex, window[i], word[0]) + slip_prior(lex, window[i + 1], word[1])
            gain -= PAIR_PENALTY
            options.append(Option(i, word, gain, char_gain))
    return tuple(options)


@lru_cache(maxsize=OPTIONS_CACHE_SIZE)
def homophone_options(text: str, i: int) -> tuple[Option, ...]:
    """The far commoner homophones of the word text[i:i + 2] that the character-pair
    model prefers in context, scored by both models.

    `text` may be the window of REACH characters before the word and REACH after
    it (suspects passes that, and remembers the options per distinct window).
    """
    lex = lexicon()
    chars = char_model()
    preferred = [
        (word, gain)
        for word in homophones()[text[i : i + 2]]
        if (gain := chars.span_gain(text, i, word)) > CHAR_SUPPORT
    ]
    if not preferred:
        return ()
    lo = max(0, i - WINDOW_CONTEXT - WINDOW_MAX_WORD + 1)
    window = text[lo : i + 2 + WINDOW_CONTEXT + WINDOW_MAX_WORD - 1]
    base = path_scores(lex, window, WINDOW_MAX_WORD)
    return tuple(
        Option(
            i,
            word,
            window_gain(lex, window, base, i - lo, i - lo + 2, word, WINDOW_MAX_WORD)
            - HOMOPHONE_PENALTY,
            char_gain,
        )
        for word, char_gain in preferred
    )


def combined_gain(option: Option, char_weight: float = CHAR_WEIGHT) -> float:
    """The evidence of both models for one correction."""
    return option.word_gain + char_weight * option.char_gain


def sentence_of(text: str) -> Callable[[int], int]:
    """Position → the number of sentence ends (。！？；) before it."""
    ends = [m.start() for m in SENTENCE_END_RE.finditer(text)]
    return lambda i: bisect_left(ends, i)


def find_statistical(text: str, mask: bytearray) -> list[Typo]:
    """Suspect characters whose best confusable replacement makes the text far more likely.

    Typos cluster: once a sentence has one confident finding, its other suspects
    need less evidence (CLUSTER_DISCOUNT), as a proofreader reads it twice.
    """
    best_options = []
    for i, lo, options in windowed_suspects(text, mask):
        best = max(options, key=combined_gain)
        best_options.append((i, combined_gain(best), lo + best.start, best.word))
    if not best_options:
        return []
    threshold = GAIN_AT_HALF[RULE_STATISTICAL]
    sentence = sentence_of(text)
    flagged = {sentence(i) for i, gain, _s, _w in best_options if gain >= threshold}
    found = []
    for i, gain, start, word in best_options:
        bonus = CLUSTER_DISCOUNT if sentence(i) in flagged else 0.0
        end = start + len(word)
        conf = confidence(RULE_STATISTICAL, gain + bonus)
        found.append(Typo(start, end, text[start:end], word, conf, RULE_STATISTICAL))
    return found
