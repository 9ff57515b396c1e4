"""Layers 1 and 2: listed wrong forms and near-misses of official phrases, by automaton."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ahocorasick_rs import AhoCorasick

from ceping.typo.lm import replacement_gain
from ceping.typo.model import RULE_KNOWN, RULE_OFFICIAL, Typo
from ceping.typo.protect import HARD, is_reportable
from ceping.typo.resources import Lexicon, known_errors, lexicon, official_phrases
from ceping.typo.scoring import confidence

# Near-misses are generated only for phrases this long: a changed character
# in a short phrase too often makes another real word.
MIN_PHRASE_CJK = 4
# Pairs learned from odw.train were cut out of sentences automatically and
# some are common text (工作不 from 工作不署): they need the word model's support.
SOURCE_SHIFT = {"odw.train": 6.0}
# A near-miss that is itself a dictionary word this frequent is left alone.
REAL_WORD_FREQ = 5


def is_cjk(ch: str) -> bool:
    """True for a common CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff"


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
        for wrong, right in near_misses(official_phrases(), lexicon()).items()
        if wrong not in known
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
        if rule not in layers or not is_reportable(mask, start, end, HARD):
            continue
        gain = replacement_gain(lex, text, start, end, right)
        found.append(Typo(start, end, wrong, right, confidence(rule, gain - shift), rule))
    return found
