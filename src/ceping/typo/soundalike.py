"""Layers 1 and 2, by sound: a long word or official phrase typed with characters of the
same reading (乡村阵型 for 乡村振兴, 罐车落实 for 贯彻落实), whatever the number changed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ahocorasick_rs import AhoCorasick

from ceping.typo.homophones import reading_key
from ceping.typo.known import MIN_PHRASE_CJK, domain_rule, is_cjk
from ceping.typo.lm import replacement_gain
from ceping.typo.model import RULE_KNOWN, RULE_OFFICIAL, Typo
from ceping.typo.protect import HARD, is_reportable
from ceping.typo.resources import lexicon, official_phrases, official_terms
from ceping.typo.scoring import GAIN_AT_HALF as RULE_GAIN
from ceping.typo.scoring import confidence

# Dictionary words this long and this frequent are matched by sound; shorter
# words collide by chance (on odw.train three-character words gave as many
# false alarms as finds, four-character words 111 finds and 4 false alarms).
# Frequency 10 rather than 50 finds more on odw.train; lower ones (3) brought
# sure false alarms on correct prose (decision 0021).
MIN_WORD_LEN = 4
MIN_WORD_FREQ = 10
# Quantities are words in jieba's list (三十万两, 一千五百) but never what a slip
# meant: 两 reads like 辆 and 量, so 三十万辆 read as 三十万两. Numeral idioms
# without 百, 千, 万 or 亿 (三三两两, 一五一十) stay.
NUMERALS = frozenset("〇零一二两三四五六七八九十百千万亿")
PLACE_VALUES = frozenset("百千万亿")


def is_quantity(word: str) -> bool:
    """True for a number written in Chinese numerals with a place value (三十万两)."""
    return NUMERALS.issuperset(word) and not PLACE_VALUES.isdisjoint(word)


# A reading matches more than a listed near-miss does, so the word model must
# prefer the right form by this much (natural log) for confidence 0.5. Tuned
# on odw.train: it spares 检查委员会 (a real body, gain 6.8) at the cost of 6
# of 114 finds.
GAIN_AT_HALF = 7.0


@dataclass(frozen=True)
class Soundalikes:
    """An automaton over the reading keys of long words and phrases."""

    automaton: AhoCorasick
    targets: list[tuple[str, str]]  # per pattern: (word or phrase, rule)
    keys: str  # str.translate table: each BMP character → its reading key (or itself)


@cache
def soundalikes() -> Soundalikes:
    """Official phrases (layer 2) and long common words (layer 1), by reading."""
    lex = lexicon()
    # A string table translates faster than a dict; characters beyond it stay.
    keys = "".join(
        reading_key(chr(c)) if chr(c) in lex.confusion else chr(c) for c in range(0x10000)
    )
    by_key: dict[str, tuple[str, str]] = {}
    for phrase in official_phrases() + official_terms():
        if sum(map(is_cjk, phrase)) >= MIN_PHRASE_CJK:
            by_key.setdefault(phrase.translate(keys), (phrase, RULE_OFFICIAL))
    # Commonest first, so a reading shared by two words names the commoner.
    for word, freq in sorted(lex.words.items(), key=lambda item: -item[1]):
        if (
            freq >= MIN_WORD_FREQ
            and len(word) >= MIN_WORD_LEN
            and all(map(is_cjk, word))
            and not is_quantity(word)
        ):
            by_key.setdefault(word.translate(keys), (word, RULE_KNOWN))
    patterns = list(by_key)
    return Soundalikes(AhoCorasick(patterns), [by_key[p] for p in patterns], keys)


def find_soundalikes(text: str, mask: bytearray, layers: frozenset[str]) -> list[Typo]:
    """Spans that read like a listed phrase or long word but are written otherwise and
    are no dictionary word themselves."""
    table = soundalikes()
    matches = table.automaton.find_matches_as_indexes(text.translate(table.keys), overlapping=True)
    if not matches:
        return []
    lex = lexicon()
    found = []
    for k, start, end in matches:
        right, rule = table.targets[k]
        written = text[start:end]
        if written == right or written in lex.words:
            continue
        if rule == RULE_KNOWN and right in lex.domain:  # hand-listed phrases stay as they are
            domain = domain_rule(lex.domain[right] >= MIN_WORD_FREQ, text, start, end)
            if domain is None:
                continue
            rule = domain
        if rule not in layers or not is_reportable(mask, start, end, HARD):
            continue
        gain = replacement_gain(lex, text, start, end, right) - GAIN_AT_HALF
        found.append(
            Typo(start, end, written, right, confidence(rule, gain + RULE_GAIN[rule]), rule)
        )
    return found
