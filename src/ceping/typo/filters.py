"""Drop findings that touch a known name or a word the campaign has whitelisted."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ahocorasick_rs import AhoCorasick

from ceping.typo.model import RULE_STATISTICAL, Typo
from ceping.typo.resources import names
from ceping.typo.titles import TITLES


@cache
def name_automaton() -> AhoCorasick:
    """Automaton over the shipped person and place names."""
    return AhoCorasick(sorted(names()))


def changed_positions(typo: Typo) -> range | list[int]:
    """Positions in the text of the characters the suggestion changes."""
    if len(typo.text) != len(typo.suggestion):
        return range(typo.start, typo.end)
    return [typo.start + k for k, (a, b) in enumerate(zip(typo.text, typo.suggestion)) if a != b]


def spans_of(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of each word in `text`, as (start, end)."""
    spans = []
    for word in words:
        at = text.find(word)
        while word and at >= 0:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return spans


def name_spans(text: str) -> list[tuple[int, int]]:
    """Occurrences of shipped names in `text`."""
    return [
        (start, end)
        for _k, start, end in name_automaton().find_matches_as_indexes(text, overlapping=True)
    ]


# Open classes of proper names: what comes before these is a village, community
# or company name, and what follows a title or precedes 同志 is a person.
NAME_SUFFIXES = ("村", "社区", "集团", "公司", "街道", "小区", "大厦", "同志")


def looks_like_proper_name(text: str, typo: Typo) -> bool:
    """True when the finding sits where a proper name usually stands."""
    if text.startswith(NAME_SUFFIXES, typo.end):
        return True
    return any(text.endswith(title, 0, typo.start) for title in TITLES)


def drop_protected(text: str, typos: list[Typo], whitelist: frozenset[str]) -> list[Typo]:
    """Findings none of whose changed characters lies in a whitelisted word or, for a
    statistical guess, in a known name (listed errors are trusted over the name list,
    which holds common words such as 人民大会堂)."""
    if not typos:
        return typos
    allowed = spans_of(text, whitelist)
    named = name_spans(text) if any(t.rule == RULE_STATISTICAL for t in typos) else []
    kept = []
    for typo in typos:
        if typo.text in whitelist:
            continue
        if typo.rule == RULE_STATISTICAL and looks_like_proper_name(text, typo):
            continue
        spans = allowed + named if typo.rule == RULE_STATISTICAL else allowed
        changed = changed_positions(typo)
        if any(s <= p < e for s, e in spans for p in changed):
            continue
        kept.append(typo)
    return kept
