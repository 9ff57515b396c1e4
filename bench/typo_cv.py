"""Two-fold cross-validation of ceping.typo on odw.train (decision 0023).

    PYTHONPATH=src .venv/bin/python bench/typo_cv.py

The shipped data learns from odw.train (the `seen` confusions and the known errors of
source "odw.train"), so `bench/typo.py --split train` scores sentences whose own errors
were learned. Here each half of odw.train (odd and even lines) is checked with what was
learned from the other half only: the figure to compare a learned prior with. The shape
confusions that the build added from odw.train stay (the build does not keep them apart),
so the figures are still a little optimistic.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typo import apply, load_odw
from typo_metrics import Scores, score

from ceping.typo import check_many, known
from ceping.typo.build.build_data import train_char_pairs, train_word_pairs
from ceping.typo.checker import load
from ceping.typo.resources import known_errors, lexicon

Pair = tuple[str, str]
FOLDS = 2


def learn_from(pairs: list[Pair]) -> None:
    """Replace what the checker learned from odw.train by what `pairs` teach."""
    lex = lexicon()
    seen: dict[str, set[str]] = {}
    for written, meant in train_char_pairs(pairs):
        seen.setdefault(meant, set()).add(written)
    for ch, conf in list(lex.confusion.items()):
        lex.confusion[ch] = dataclasses.replace(conf, seen="".join(sorted(seen.get(ch, ()))))
    learned = train_word_pairs(pairs, lex.words)
    listed = known_errors()
    for wrong, (right, source) in list(listed.items()):
        if source == "odw.train" and learned.get(wrong) != right:
            del listed[wrong]
    known.pattern_automaton.cache_clear()


def line(label: str, s: Scores) -> str:
    """One result line."""
    return (
        f"{label}: det P {s.det_p:.3f} R {s.det_r:.3f} F1 {s.det_f1:.3f}, "
        f"false alarms {s.false_alarms_per_10k:.2f} per 10k, char P {s.char_p:.3f}"
    )


def main() -> None:
    """Check each fold with what the others teach and print the scores."""
    pairs = load_odw("odw.train")
    load()
    full = dict(lexicon().confusion)
    listed = dict(known_errors())
    rows: list[tuple[str, str, str]] = []
    for fold in range(FOLDS):
        held = [p for i, p in enumerate(pairs) if i % FOLDS == fold]
        learn_from([p for i, p in enumerate(pairs) if i % FOLDS != fold])
        got = check_many(a for a, _b in held)
        fold_rows = [(a, b, apply(a, t)) for (a, b), t in zip(held, got, strict=True)]
        print(line(f"fold {fold} ({len(held)} sentences)", score(fold_rows)))
        rows += fold_rows
        lexicon().confusion.update(full)
        known_errors().update(listed)
    print(line("both folds", score(rows)))


if __name__ == "__main__":
    main()
