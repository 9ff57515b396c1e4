"""Sentence-level detection/correction metrics for Chinese spelling check (strict)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Sentence-level precision, recall and F1 of detection and correction, plus false alarms."""

    det_p: float
    det_r: float
    det_f1: float
    cor_p: float
    cor_r: float
    cor_f1: float
    false_alarms_per_10k: float
    sentences: int
    char_p: float  # of all flagged characters, the share that are wrong in the source


def f1(p: float, r: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def score(rows: Iterable[tuple[str, str, str]]) -> Scores:
    """Score (source, gold, predicted) triples, all of equal length.

    A sentence counts as detected only when the flagged positions are exactly the
    wrong ones, and as corrected only when, in addition, every suggestion is right.
    False alarms: flagged characters in sentences without any error, per 10,000
    characters of those sentences.
    """
    flagged = gold_n = det_tp = cor_tp = clean_chars = clean_flags = n = 0
    flagged_chars = right_chars = 0
    for src, gold, pred in rows:
        n += 1
        want = {i for i, (a, b) in enumerate(zip(src, gold)) if a != b}
        got = {i for i, (a, b) in enumerate(zip(src, pred)) if a != b}
        if not want:
            clean_chars += len(src)
            clean_flags += len(got)
        flagged += bool(got)
        flagged_chars += len(got)
        right_chars += len(got & want)
        gold_n += bool(want)
        if want and got == want:
            det_tp += 1
            cor_tp += all(pred[i] == gold[i] for i in want)
    dp = det_tp / flagged if flagged else 0.0
    dr = det_tp / gold_n if gold_n else 0.0
    cp = cor_tp / flagged if flagged else 0.0
    cr = cor_tp / gold_n if gold_n else 0.0
    fa = clean_flags * 10_000 / clean_chars if clean_chars else 0.0
    char_p = right_chars / flagged_chars if flagged_chars else 0.0
    return Scores(dp, dr, f1(dp, dr), cp, cr, f1(cp, cr), fa, n, char_p)
