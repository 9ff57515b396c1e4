"""Correct wording no finding may touch: official phrases, current terms, recommended variants.

A deduction for correct official wording is the worst error an evaluation can
make, so these rules overrule every layer: a finding is dropped when a
character it changes lies in a listed phrase or term as written, or when its
suggestion would write the non-recommended form of a 《第一批异形词整理表》
pair and nothing else (勠力同心 is never "corrected" to 戮力同心); a suggestion
that fixes a typo in a non-recommended form gets the recommended one
(毋用讳言 → 毋庸讳言, not 无庸讳言).
"""

from __future__ import annotations

import dataclasses
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
def recommended_automaton() -> AhoCorasick:
    """Automaton over the recommended forms."""
    return AhoCorasick(sorted({right for right, _wrong in variants()}))


@cache
def to_recommended() -> dict[str, str]:
    """Non-recommended form → its recommended form."""
    return {wrong: right for right, wrong in variants()}


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


def variant_spans(text: str, typo: Typo) -> tuple[int, list[tuple[int, int]]]:
    """Where the corrected text has a non-recommended form over a changed character.

    Returns the offset of the corrected window in `text` and the spans, in the
    window, of those forms; a form inside a recommended one (蓝缕 in 筚路蓝缕)
    does not count.
    """
    longest = longest_variant()
    left = max(0, typo.start - longest)
    fixed = text[left : typo.start] + typo.suggestion + text[typo.end : typo.end + longest]
    if len(typo.text) == len(typo.suggestion):
        changed = [p - left for p in changed_positions(typo)]
    else:
        changed = list(range(typo.start - left, typo.start - left + len(typo.suggestion)))
    spans = [
        (start, end)
        for _k, start, end in variant_automaton().find_matches_as_indexes(fixed, overlapping=True)
        if any(start <= p < end for p in changed)
    ]
    if spans:
        allowed = recommended_automaton().find_matches_as_indexes(fixed, overlapping=True)
        spans = [(a, b) for a, b in spans if not any(s <= a and b <= e for _k, s, e in allowed)]
    return typo.start - left, spans


def writes_variant(text: str, typo: Typo) -> bool:
    """True when the corrected text has a non-recommended form over a changed character."""
    return bool(variant_spans(text, typo)[1])


def recommended(text: str, typo: Typo) -> Typo | None:
    """The finding with its suggestion in recommended forms; None when that leaves the
    text as written (勠力同心 "corrected" to 戮力同心) or the form reaches outside the
    suggestion."""
    at, spans = variant_spans(text, typo)
    if not spans:
        return typo
    # The longest form wins where two overlap (荜路蓝缕 over its 蓝缕).
    chosen: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda span: span[0] - span[1]):
        if all(b <= s or a >= e for s, e in chosen):
            chosen.append((a, b))
    suggestion = typo.suggestion
    for start, end in sorted(chosen, reverse=True):
        if start < at or end > at + len(suggestion):
            return None
        wrong = suggestion[start - at : end - at]
        suggestion = suggestion[: start - at] + to_recommended()[wrong] + suggestion[end - at :]
    if suggestion == typo.text:
        return None
    return dataclasses.replace(typo, suggestion=suggestion)


def drop_wrong_wording(text: str, typos: list[Typo]) -> list[Typo]:
    """The findings that touch no protected wording, their suggestions in recommended forms."""
    kept = []
    for typo in typos:
        if is_in_protected(text, typo):
            continue
        fixed = recommended(text, typo)
        if fixed is not None:
            kept.append(fixed)
    return kept
