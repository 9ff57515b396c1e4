"""Run the layers over a text and merge their findings: the front of ceping.typo."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ceping.typo.charlm import char_model
from ceping.typo.coverage import cover_automaton, kind_table
from ceping.typo.filters import drop_protected, name_automaton
from ceping.typo.known import find_listed, pattern_automaton
from ceping.typo.model import (
    RULE_DOMAIN,
    RULE_KNOWN,
    RULE_OFFICIAL,
    RULE_STATISTICAL,
    RULE_TITLE,
    Options,
    Typo,
)
from ceping.typo.protect import protection_mask
from ceping.typo.resources import lexicon
from ceping.typo.scoring import is_suspect
from ceping.typo.soundalike import find_soundalikes, soundalikes
from ceping.typo.statistical import (
    contexts,
    find_statistical,
    masked_index,
    pair_starts,
    pair_words,
    slip_sets,
    slips_for,
)
from ceping.typo.structure import drop_explained
from ceping.typo.titles import find_titles
from ceping.typo.traditional import converter, to_simplified
from ceping.typo.wording import drop_wrong_wording, protected_automaton, variant_automaton

DEFAULT_OPTIONS = Options()
BLOCK_CACHE_SIZE = 20_000
# When two findings overlap, the more specific layer wins.
PRIORITY = {RULE_TITLE: 0, RULE_KNOWN: 1, RULE_DOMAIN: 1, RULE_OFFICIAL: 2, RULE_STATISTICAL: 3}


def check(text: str, options: Options = DEFAULT_OPTIONS) -> list[Typo]:
    """Suspected typos in `text`, sorted by position, each above the confidence threshold."""
    return check_blocks(text, options, {})


def check_many(texts: Iterable[str], options: Options = DEFAULT_OPTIONS) -> Iterator[list[Typo]]:
    """check() over many texts (e.g. every page of a site), lazily, in order.

    Pages of one site repeat their navigation and footer lines, so each distinct
    line is checked once per call (up to BLOCK_CACHE_SIZE lines are remembered).
    """
    seen: dict[str, list[Typo]] = {}
    for text in texts:
        yield check_blocks(text, options, seen)


def check_blocks(text: str, options: Options, seen: dict[str, list[Typo]]) -> list[Typo]:
    """Check `text` line by line, reusing the findings of lines already in `seen`."""
    found: list[Typo] = []
    offset = 0
    for block in text.splitlines(keepends=True):
        typos = seen.get(block)
        if typos is None:
            typos = check_block(block, options)
            if len(seen) < BLOCK_CACHE_SIZE:
                seen[block] = typos
        found.extend(
            dataclasses.replace(t, start=t.start + offset, end=t.end + offset) for t in typos
        )
        offset += len(block)
    return found


def check_block(text: str, options: Options) -> list[Typo]:
    """Suspected typos in one line of text."""
    if not text.strip():
        return []
    simple, positions = to_simplified(text) if options.convert_traditional else (text, None)
    typos = [t for t in find_all(simple, options) if t.confidence >= options.min_confidence]
    typos = drop_explained(simple, drop_wrong_wording(simple, typos))
    typos = drop_protected(simple, resolve_overlaps(typos), options.whitelist)
    typos = [dataclasses.replace(t, suspect=is_suspect(t.rule, t.confidence)) for t in typos]
    if simple is not text:
        typos = [map_back(text, t, positions) for t in typos]
    return typos


def load() -> None:
    """Load every data file and build every automaton now rather than on first use."""
    lexicon().suffix_logp  # noqa: B018 - computed on first access
    char_model()
    pattern_automaton()
    soundalikes()
    cover_automaton()
    masked_index()
    contexts()
    pair_words()
    pair_starts()
    kind_table()
    slips_for()
    slip_sets()
    name_automaton()
    protected_automaton()
    variant_automaton()
    converter()


def find_all(text: str, options: Options) -> list[Typo]:
    """Every layer's raw findings, before thresholds and overlap resolution."""
    mask = protection_mask(text)
    found = find_listed(text, mask, options.layers)
    found += find_soundalikes(text, mask, options.layers)
    if RULE_TITLE in options.layers and options.titles:
        found += find_titles(text, mask, options.titles)
    if RULE_STATISTICAL in options.layers:
        found += find_statistical(text, mask)
    return found


def resolve_overlaps(typos: list[Typo]) -> list[Typo]:
    """Keep, among overlapping findings, the most specific layer's most confident one."""
    ranked = sorted(typos, key=lambda t: (PRIORITY[t.rule], -t.confidence, -(t.end - t.start)))
    kept: list[Typo] = []
    for typo in ranked:
        if all(typo.end <= k.start or typo.start >= k.end for k in kept):
            kept.append(typo)
    return sorted(kept, key=lambda t: t.start)


def map_back(original: str, typo: Typo, positions: list[int] | None) -> Typo:
    """The finding with its span and text taken from the original (traditional) text."""
    start, end = typo.start, typo.end
    if positions is not None:
        start, end = positions[start], positions[end - 1] + 1
    return dataclasses.replace(typo, start=start, end=end, text=original[start:end])
