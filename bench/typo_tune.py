"""Sweep the statistical layer's weight and threshold on a tuning file (never a test set).

    .venv/bin/python bench/typo_tune.py HELDOUT_FILE

Prints, per (char weight, gain at 0.5): statistical-layer sentence detection
P/R/F1 on the file and the false alarms on its corrected side plus odw.train's.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typo import apply, load_odw, load_pairs
from typo_metrics import score

from ceping.typo import Typo
from ceping.typo.checker import load
from ceping.typo.filters import drop_protected
from ceping.typo.protect import protection_mask
from ceping.typo.statistical import Option, combined_gain, suspects

Raw = list[tuple[int, list[Option]]]


def pick(text: str, raw: Raw, weight: float, threshold: float) -> list[Typo]:
    """Findings the layer would report with these settings."""
    out = []
    for _i, options in raw:
        best = max(options, key=lambda o: combined_gain(o, weight))
        if combined_gain(best, weight) >= threshold:
            end = best.start + len(best.word)
            out.append(Typo(best.start, end, text[best.start : end], best.word, 1.0, "statistical"))
    return drop_protected(text, out, frozenset())


def main() -> None:
    """Run the sweep."""
    load()
    pairs = load_pairs(Path(sys.argv[1]))
    clean = [b for _a, b in load_odw("odw.train")]
    raw_pairs = [list(suspects(a, protection_mask(a))) for a, _b in pairs]
    raw_clean = [list(suspects(b, protection_mask(b))) for b in clean]
    clean_chars = sum(map(len, clean))
    for weight in (0.25, 0.5, 0.75, 1.0, 1.5):
        for threshold in (8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 16.0):
            rows = [
                (a, b, apply(a, pick(a, raw, weight, threshold)))
                for (a, b), raw in zip(pairs, raw_pairs, strict=True)
            ]
            s = score(rows)
            fa = sum(len(pick(b, raw, weight, threshold)) for b, raw in zip(clean, raw_clean))
            print(
                f"w={weight:<4} g={threshold:<5} P={s.det_p:.3f} R={s.det_r:.3f} "
                f"F1={s.det_f1:.3f} FA/10k(clean train)={fa * 10_000 / clean_chars:.2f}"
            )


if __name__ == "__main__":
    main()
