"""Correct wording no finding may touch: official phrases, current terms, recommended variants.

A deduction for correct official wording is the worst error an evaluation can
make, so these rules overrule every layer: a finding is dropped when a
character it changes lies in a listed phrase or term as written, or when its
suggestion would write the non-recommended form of a 《第一批异形词整理表》
pair (勠力同心 is never "corrected" to 戮力同心).
"""

from __future__ import annotations

from functools import cache

from ahocorasick_rs import AhoCorasick

from ceping.typo.filters import changed_positions
from ceping.typo.model import Typo
from ceping.typo.resources import official_phrases, protected_words, variants

# Two-character recommended forms (计划, 参与) are common words that a typo
# may sit beside; they are guarded by the suggestion test alone.
MIN_PROTECTED_VARIANT = 3


@cache
def protected_automaton() -> AhoCorasick:
    """Automaton over every phrase and term that is right as written."""
    words = set(official_phrases()) | set(protected_words())
    words |= {right for right, _wrong in variants() if len(right) >= MIN_PROTECTED_VARIANT}
    return AhoCorasick(sorted(words))


@cache
def variant_automaton() -> AhoCorasick:
    """Automaton over the non-recommended variant forms."""
    return AhoCorasick(sorted({wrong for _right, wrong in variants()}))


@cache
def longest_variant() -> int:
    """Length of the longest non-recommended form."""
    return max((len(wrong) for _right, wrong in variants()), default=0)


def is_in_protected(text: str, typo: Typo) -> bool:
    """True when a character the finding changes lies in a protected phrase as written."""
    changed = changed_positions(typo)
    return any(
        any(start <= p < end for p in changed)
        for _k, start, end in protected_automaton().find_matches_as_indexes(text, overlapping=True)
    )


def writes_variant(text: str, typo: Typo) -> bool:
    """True when the corrected text has a non-recommended form over a changed character."""
    longest = longest_variant()
    left = max(0, typo.start - longest)
    fixed = text[left : typo.start] + typo.suggestion + text[typo.end : typo.end + longest]
    changed = [p - left for p in changed_positions(typo)]
    if len(typo.text) != len(typo.suggestion):
        changed = list(range(typo.start - left, typo.start - left + len(typo.suggestion)))
    return any(
        any(start <= p < end for p in changed)
        for _k, start, end in variant_automaton().find_matches_as_indexes(fixed, overlapping=True)
    )


def drop_wrong_wording(text: str, typos: list[Typo]) -> list[Typo]:
    """The findings that neither touch protected wording nor suggest a non-recommended form."""
    return [t for t in typos if not is_in_protected(text, t) and not writes_variant(text, t)]
