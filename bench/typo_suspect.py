"""Calibrate when a finding stops being a suspect, and how low a suspect may go.

    .venv/bin/python bench/typo_suspect.py            # calibration: odw.train + typo_gov/tuning
    .venv/bin/python bench/typo_suspect.py --report   # report: odw.test + typo_gov/heldout

For each (min_confidence, confidence from which a statistical finding is firm)
it prints ODW sentence detection P/R/F1 over all findings, the per-character
precision of the non-suspects on ODW's wrong side, and false alarms per 10k
(all findings and non-suspects) on the clean text: ODW's corrected side plus
the correct official text of bench/typo_gov. Listed errors (known-error,
official-wording, name-title) at confidence ≥ scoring.FIRM_AT are firm.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typo import apply, load_odw
from typo_gov import lines_of
from typo_metrics import score

from ceping.typo import Options, Typo, check
from ceping.typo.filters import changed_positions
from ceping.typo.model import RULE_STATISTICAL
from ceping.typo.scoring import FIRM_AT

MIN_CONFIDENCES = (0.5, 0.3, 0.2, 0.1, 0.05)
FIRM_STATISTICAL = (0.9, 0.99, 0.999, 0.9999, 2.0)
LOW = Options(min_confidence=min(MIN_CONFIDENCES))


def is_firm(typo: Typo, firm_statistical: float) -> bool:
    """True when this finding would count without a person confirming it."""
    if typo.rule == RULE_STATISTICAL:
        return typo.confidence >= firm_statistical
    return typo.confidence >= FIRM_AT[typo.rule]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="the held-out sets, not tuning")
    args = parser.parse_args()
    odw = load_odw("odw.test" if args.report else "odw.train")
    gov = lines_of("heldout" if args.report else "tuning")
    wrong = [(a, b, check(a, LOW)) for a, b in odw]
    clean_texts = [b for _a, b in odw] + gov
    clean = [check(t, LOW) for t in clean_texts]
    clean_chars = sum(map(len, clean_texts))
    gov_chars = sum(map(len, gov))
    print(f"ODW {len(odw)} pairs; clean text {clean_chars:,} chars (gov {gov_chars:,})")
    for low in MIN_CONFIDENCES:
        for firm_at in FIRM_STATISTICAL:
            rows = []
            firm_n = firm_right = 0
            for a, b, typos in wrong:
                kept = [t for t in typos if t.confidence >= low]
                rows.append((a, b, apply(a, kept)))
                for t in kept:
                    if is_firm(t, firm_at):
                        changed = changed_positions(t)
                        firm_n += len(changed)
                        firm_right += sum(a[p] != b[p] for p in changed)
            s = score(rows)
            kept_clean = [[t for t in ts if t.confidence >= low] for ts in clean]
            fa_all = sum(map(len, kept_clean))
            fa_firm = sum(is_firm(t, firm_at) for ts in kept_clean for t in ts)
            fa_gov = sum(map(len, kept_clean[len(odw) :]))
            print(
                f"min={low:<5} firm≥{firm_at:<6} det P={s.det_p:.3f} R={s.det_r:.3f} "
                f"F1={s.det_f1:.3f}  firm charP={firm_right / max(firm_n, 1):.3f} "
                f"({firm_n})  FA/10k all={fa_all * 10_000 / clean_chars:.2f} "
                f"firm={fa_firm * 10_000 / clean_chars:.2f} "
                f"gov-all={fa_gov * 10_000 / gov_chars:.2f}"
            )


if __name__ == "__main__":
    main()
