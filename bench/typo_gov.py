"""False alarms of ceping.typo on correct official text (bench/typo_gov/), per 10,000 characters.

    .venv/bin/python bench/typo_gov.py [--part tuning|heldout|both] [--show]

Every line of bench/typo_gov/*.txt is correct, so every finding is a false
alarm. Prints findings per 10k characters among all findings and among the
non-suspects (those that would cost points without a person confirming).
Tune on `tuning.txt` only; `heldout.txt` is for reporting.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ceping.typo import check

DATA = Path(__file__).resolve().parent / "typo_gov"
PARTS = ("tuning", "heldout")


def lines_of(part: str) -> list[str]:
    """The non-empty lines of one part."""
    text = (DATA / f"{part}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def measure(part: str, show: bool) -> str:
    """One summary line: characters, findings and false alarms per 10k."""
    lines = lines_of(part)
    chars = sum(map(len, lines))
    total = firm = 0
    for line in lines:
        for typo in check(line):
            is_suspect = getattr(typo, "suspect", False)
            total += 1
            firm += not is_suspect
            if show:
                mark = "?" if is_suspect else "!"
                print(
                    f"  {mark} {typo.text}->{typo.suggestion} {typo.rule} {typo.confidence}: {line}"
                )
    return (
        f"{part}: {len(lines)} lines, {chars:,} chars, {total} findings, "
        f"FA/10k all {total * 10_000 / chars:.2f}, non-suspect {firm * 10_000 / chars:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both")
    parser.add_argument("--show", action="store_true", help="print every finding")
    args = parser.parse_args()
    for part in PARTS if args.part == "both" else (args.part,):
        print(measure(part, args.show))


if __name__ == "__main__":
    main()
