"""Layers 1 and 2: listed wrong forms and near-misses of official phrases, by automaton."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ahocorasick_rs import AhoCorasick

from ceping.typo.coverage import splits_into_words
from ceping.typo.lm import replacement_gain
from ceping.typo.model import RULE_DOMAIN, RULE_KNOWN, RULE_OFFICIAL, Typo
from ceping.typo.protect import HARD, is_reportable
from ceping.typo.resources import (
    Lexicon,
    known_errors,
    lexicon,
    official_phrases,
    official_terms,
)
from ceping.typo.scoring import confidence

# Near-misses are generated only for phrases this long: a changed character
# in a short phrase too often makes another real word.
MIN_PHRASE_CJK = 4
# Pairs learned from odw.train were cut out of sentences automatically and
# some are common text (工作不 from 工作不署): they need the word model's support.
SOURCE_SHIFT = {"odw.train": 6.0}
# A near-miss that is itself a dictionary word this frequent is left alone.
REAL_WORD_FREQ = 5
# Common long words (idioms, set phrases: 按部就班, 一视同仁) typed with one character of
# similar shape, found like the official phrases' near-misses (issue 19, recall; same-reading
# slips of these words are the sound-alikes of soundalike.py). Such a form is reported only
# when it is no dictionary word at all and the word model prefers the right form by e^7, as
# for the sound-alikes: SHAPE_SHIFT puts confidence 0.5 at a gain of 7.
SHAPE_WORD_LEN = 4
SHAPE_WORD_FREQ = 50
SHAPE_SHIFT = 13.0
# Official terms of three characters (放管服, 林长制, 医共体) have near-misses too, but only
# as a whole quoted term (“放馆服”): unquoted, a near-miss sits across word boundaries of
# correct text (落实林长职责 holds 林长职). The pattern carries its quote marks; the finding
# does not.
QUOTED_TERM_LEN = 3
QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"))
QUOTE_MARKS = frozenset(q[0] for q in QUOTES)


def is_cjk(ch: str) -> bool:
    """True for a common CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff"


def domain_rule(listed: bool, text: str, start: int, end: int) -> str | None:
    """The rule of a finding towards a term whose count the laws raised (lexicon().domain),
    or None to drop it. `listed`: jieba's own count made the term a target of its layer.

    Written in real words that fit (可再生能源发 in 可再生能源发电 read as 可再生能源法), a
    slip is for context to judge: a term only the laws brought is not reported, a term
    jieba knew is reported as a suspect. Otherwise a term only the laws brought is a
    guess from counts (RULE_DOMAIN, a suspect unless the word model is sure).
    """
    if splits_into_words(text, start, end):
        return RULE_DOMAIN if listed else None
    return RULE_KNOWN if listed else RULE_DOMAIN


def near_misses(phrases: tuple[str, ...], lex: Lexicon) -> dict[str, str]:
    """Wrong form → phrase, for every one-character confusable substitution of a phrase."""
    listed = set(phrases)
    out: dict[str, str] = {}
    for phrase in phrases:
        if sum(map(is_cjk, phrase)) < MIN_PHRASE_CJK:
            continue
        for i, ch in enumerate(phrase):
            conf = lex.confusion.get(ch)
            if conf is None:
                continue
            for alt in conf.sound + conf.shape:
                wrong = phrase[:i] + alt + phrase[i + 1 :]
                if wrong in listed or lex.words.get(wrong, 0) >= REAL_WORD_FREQ:
                    continue
                out.setdefault(wrong, phrase)
    return out


def shape_misses(lex: Lexicon) -> dict[str, str]:
    """Wrong form → common long word, for every one-character similar-shape substitution."""
    out: dict[str, str] = {}
    # Commonest first, so a form shared by two words names the commoner.
    for word, freq in sorted(lex.words.items(), key=lambda item: -item[1]):
        if freq < SHAPE_WORD_FREQ or len(word) < SHAPE_WORD_LEN or not all(map(is_cjk, word)):
            continue
        # A term only the laws' counts made common is matched by sound only: its shape
        # forms would add 290k patterns and 1.4 s to every load for 0.005 of two-fold
        # odw.train F1 (decision 0028).
        if lex.domain.get(word, SHAPE_WORD_FREQ) < SHAPE_WORD_FREQ:
            continue
        for i, ch in enumerate(word):
            conf = lex.confusion.get(ch)
            if conf is None:
                continue
            for alt in conf.shape:
                wrong = word[:i] + alt + word[i + 1 :]
                if wrong not in lex.words:
                    out.setdefault(wrong, word)
    return out


def quoted_near_misses(phrases: tuple[str, ...], lex: Lexicon) -> dict[str, str]:
    """Quoted wrong form → quoted term, for the three-character official terms."""
    terms = tuple(p for p in phrases if len(p) == QUOTED_TERM_LEN and all(map(is_cjk, p)))
    listed = set(phrases)
    out: dict[str, str] = {}
    for term in terms:
        for i, ch in enumerate(term):
            conf = lex.confusion.get(ch)
            if conf is None:
                continue
            for alt in conf.sound + conf.shape:
                wrong = term[:i] + alt + term[i + 1 :]
                if wrong in listed or wrong in lex.words:
                    continue
                # A changed character that makes a word with its neighbour makes
                # another term more likely than a slip (“村长制”: 村长).
                pairs = (wrong[max(0, i - 1) : i + 1], wrong[i : i + 2])
                if any(len(w) == 2 and lex.words.get(w, 0) >= REAL_WORD_FREQ for w in pairs):
                    continue
                for left, right in QUOTES:
                    out.setdefault(left + wrong + right, left + term + right)
    return out


@dataclass(frozen=True)
class Patterns:
    """Every listed wrong form in one automaton; entries[k] describes pattern k."""

    automaton: AhoCorasick
    entries: list[tuple[str, str, str, float]]  # (wrong, right, rule, shift)


@cache
def pattern_automaton() -> Patterns:
    """One automaton over every listed wrong form and official near-miss."""
    known = known_errors()
    entries = [
        (wrong, right, RULE_KNOWN, SOURCE_SHIFT.get(source, 0.0))
        for wrong, (right, source) in known.items()
    ]
    entries += [
        (wrong, right, RULE_OFFICIAL, 0.0)
        for wrong, right in near_misses(official_phrases() + official_terms(), lexicon()).items()
        if wrong not in known
    ]
    entries += [
        (wrong, right, RULE_OFFICIAL, 0.0)
        for wrong, right in quoted_near_misses(official_phrases(), lexicon()).items()
    ]
    listed = {e[0] for e in entries}
    entries += [
        (wrong, right, RULE_KNOWN, SHAPE_SHIFT)
        for wrong, right in shape_misses(lexicon()).items()
        if wrong not in listed
    ]
    return Patterns(AhoCorasick([e[0] for e in entries]), entries)


def find_listed(text: str, mask: bytearray, layers: frozenset[str]) -> list[Typo]:
    """Every listed wrong form or official near-miss in `text`, with its confidence."""
    patterns = pattern_automaton()
    matches = patterns.automaton.find_matches_as_indexes(text, overlapping=True)
    if not matches:
        return []
    lex = lexicon()
    found = []
    # By end, then the longer first: the order ties are broken in.
    for k, start, end in sorted(matches, key=lambda m: (m[2], m[1])):
        wrong, right, rule, shift = patterns.entries[k]
        if wrong[0] in QUOTE_MARKS:  # a quoted term: report the term, not its quotes
            start, end, wrong, right = start + 1, end - 1, wrong[1:-1], right[1:-1]
        if shift == SHAPE_SHIFT and right in lex.domain:
            # a word jieba's count made a target (shape_misses), whose count the laws raised
            domain = domain_rule(True, text, start, end)
            if domain is None:
                continue
            rule = domain
        if rule not in layers or not is_reportable(mask, start, end, HARD):
            continue
        gain = replacement_gain(lex, text, start, end, right)
        found.append(Typo(start, end, wrong, right, confidence(rule, gain - shift), rule))
    return found
