"""Measure a real-word check with Debian's word-trigram model beside ceping.typo (not shipped).

    apt-get install libime-data-language-model      # zh_CN.lm, KenLM binary, LGPL-2.1+
    .venv/bin/pip install 'kenlm>=0.2,<0.4'
    .venv/bin/python bench/typo_ngram.py [--model PATH] [--throughput-mb 5]

At each suspect of the statistical layer, the same-sound replacements that the
character-pair model prefers by CHAR_SUPPORT (and has seen beside both
neighbours) are scored by the word-trigram model over the suspect's clause, the
clause segmented by the word-unigram model; an n-gram gain of
NGRAM_GAIN_AT_HALF is confidence 0.5 (both tuned on odw.train). --everywhere
checks every character instead of the suspects only. Prints, without and with the check:
odw.train with the false alarms of its corrected side, odw.test, SIGHAN 2015,
and the rate of check_many (the check here repeats the suspect pass, which a
built-in version would share). docs/typo.md ("Limits") says why it is not shipped.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kenlm  # type: ignore[import-not-found]
from typo import evaluate, load_odw, load_sighan, run_ours, throughput

from ceping.typo import Options, Typo, checker
from ceping.typo.charlm import char_model
from ceping.typo.coverage import orphans
from ceping.typo.lm import MAX_WORD_LEN, path_scores
from ceping.typo.model import RULE_STATISTICAL
from ceping.typo.protect import QUOTED, is_reportable
from ceping.typo.resources import Lexicon, lexicon
from ceping.typo.scoring import GAIN_AT_HALF, confidence

DEBIAN_MODEL = Path("/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm")
CHAR_SUPPORT = 2.0
NGRAM_GAIN_AT_HALF = 12.0
CONTEXT = 6  # characters each side of the suspect, within its clause
CLAUSE_END_RE = re.compile(r"[\s，。！？；：、,.!?;:“”‘’\"'《》（）()【】\[\]]")
LN10 = math.log(10)


def segment(lex: Lexicon, text: str) -> list[str]:
    """The word-unigram model's most likely segmentation of `text`: traced back through
    lm.path_scores, each word the one whose score reaches the best score where it ends."""
    best = path_scores(lex, text)
    words, end = [], len(text)
    while end > 0:
        start = next(
            (
                start
                for start in range(max(0, end - MAX_WORD_LEN), end - 1)
                if best[start] + lex.logp.get(text[start:end], -math.inf) == best[end]
            ),
            end - 1,  # else a single character, known or not
        )
        words.append(text[start:end])
        end = start
    return words[::-1]


@cache
def sound_slips() -> dict[str, frozenset[str]]:
    """Written character → the characters of the same sound it may stand for."""
    out: dict[str, set[str]] = {}
    for meant, conf in lexicon().confusion.items():
        for written in conf.sound:
            out.setdefault(written, set()).add(meant)
    return {written: frozenset(meant) for written, meant in out.items()}


@cache
def neighbours() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Character → the characters seen right after it, and right before it."""
    after: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for key in char_model().counts:
        if len(key) == 2:
            after.setdefault(key[0], set()).add(key[1])
            before.setdefault(key[1], set()).add(key[0])
    return (
        {ch: frozenset(s) for ch, s in after.items()},
        {ch: frozenset(s) for ch, s in before.items()},
    )


def clause_gains(model: kenlm.Model, text: str, i: int, news: list[str]) -> list[tuple[float, str]]:
    """Natural-log gain of the clause around text[i] with it replaced by each of `news`."""
    lo, hi = i, i + 1
    while lo > 0 and i - lo < CONTEXT and not CLAUSE_END_RE.match(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi - i - 1 < CONTEXT and not CLAUSE_END_RE.match(text[hi]):
        hi += 1
    bos = lo == 0 or bool(CLAUSE_END_RE.match(text[lo - 1]))
    eos = hi == len(text) or bool(CLAUSE_END_RE.match(text[hi]))

    def log_p(clause: str) -> float:
        return float(model.score(" ".join(segment(lexicon(), clause)), bos=bos, eos=eos)) * LN10

    before = log_p(text[lo:hi])
    return [(log_p(text[lo:i] + new + text[i + 1 : hi]) - before, new) for new in news]


def ngram_findings(
    model: kenlm.Model, text: str, mask: bytearray, everywhere: bool, at_half: float
) -> list[Typo]:
    """The check's findings in one line: at the suspects, or at every character."""
    chars = char_model()
    after, before = neighbours()
    found = []
    positions = range(len(text)) if everywhere else orphans(text, mask)[0]
    for i in positions:
        meant = sound_slips().get(text[i])
        if not meant or not is_reportable(mask, i, i + 1, QUOTED):
            continue
        if i > 0 and text[i - 1] in after:
            meant = meant & after[text[i - 1]]
        if i + 1 < len(text) and text[i + 1] in before:
            meant = meant & before[text[i + 1]]
        likely = [m for m in meant if chars.gain(text, i, m) >= CHAR_SUPPORT]
        if likely:
            gain, best = max(clause_gains(model, text, i, likely))
            conf = confidence(RULE_STATISTICAL, gain - at_half + GAIN_AT_HALF[RULE_STATISTICAL])
            found.append(Typo(i, i + 1, text[i], best, conf, RULE_STATISTICAL))
    return found


Finder = Callable[[str, bytearray], list[Typo]]


def with_ngram(model: kenlm.Model, find: Finder, everywhere: bool, at_half: float) -> Finder:
    """The statistical layer's finder, plus the check."""
    return lambda text, mask: (
        find(text, mask) + ngram_findings(model, text, mask, everywhere, at_half)
    )


def report(label: str) -> None:
    """odw.train (with its corrected side's false alarms), odw.test and SIGHAN."""
    train = load_odw("odw.train")
    clean = [(b, b) for _a, b in train]
    fa = evaluate(clean, run_ours(clean, Options())).false_alarms_per_10k
    s = evaluate(train, run_ours(train, Options()))
    print(f"{label}: odw.train det F1 {s.det_f1:.3f} (false alarms/10k, corrected side {fa:.2f})")
    for name, pairs in (("odw.test", load_odw("odw.test")), ("SIGHAN 2015", load_sighan())):
        s = evaluate(pairs, run_ours(pairs, Options()))
        print(
            f"{label}: {name} det P {s.det_p:.3f} R {s.det_r:.3f} F1 {s.det_f1:.3f}, "
            f"false alarms/10k {s.false_alarms_per_10k:.2f}"
        )


def main() -> None:
    """Both runs, one after the other."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=DEBIAN_MODEL)
    ap.add_argument("--throughput-mb", type=float, default=5.0)
    ap.add_argument("--everywhere", action="store_true", help="every character, not suspects")
    ap.add_argument("--gain-at-half", type=float, default=NGRAM_GAIN_AT_HALF)
    args = ap.parse_args()
    model = kenlm.Model(str(args.model))
    checker.load()
    sound_slips()
    neighbours()
    pairs = load_odw("odw.train") + load_odw("odw.test")
    report("without")
    if args.throughput_mb > 0:
        throughput(args.throughput_mb, pairs)
    checker.find_statistical = with_ngram(
        model, checker.find_statistical, args.everywhere, args.gain_at_half
    )
    report("with the n-gram check")
    if args.throughput_mb > 0:
        throughput(args.throughput_mb, pairs)


if __name__ == "__main__":
    main()
