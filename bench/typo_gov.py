"""False alarms of ceping.typo on correct official text (bench/typo_gov/), per 10,000 characters.

    .venv/bin/python bench/typo_gov.py [--part tuning|heldout|public|congress|local|both] [--show]
                                       [--dump F]

`public` is the held-out set of published government prose (815k characters,
bench/typo_gov_public.py builds it; read from $CEPING_TYPO_PUBLIC, by default
$CEPING_SHARED_DATA/typo-gov-public); `congress` its blind second part (the
reports to the 18th-20th Party congresses, 92k characters, $CEPING_TYPO_CONGRESS,
by default $CEPING_SHARED_DATA/typo-gov-congress); `local` its third part, 市/县
and 乡镇 prose (86k characters, $CEPING_TYPO_LOCAL, by default
$CEPING_SHARED_DATA/typo-gov-local). Findings listed in
bench/typo_gov/public/real_typos.tsv are real typos of the source, not false alarms.

Every line of bench/typo_gov/*.txt is correct, so every finding is a false
alarm. Prints findings per 10k characters among all findings and among the
non-suspects (those that would cost points without a person confirming).
Tune on `tuning.txt` only; `heldout.txt` is for reporting.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

from ceping.typo import check
from ceping.typo.checker import load

DATA = Path(__file__).resolve().parent / "typo_gov"
PARTS = ("tuning", "heldout", "public", "congress", "local")
PUBLISHED = ("public", "congress", "local")
SHARED = Path(os.environ.get("CEPING_SHARED_DATA", "/work/shared/data"))
PUBLIC = Path(os.environ.get("CEPING_TYPO_PUBLIC", SHARED / "typo-gov-public"))
CONGRESS = Path(os.environ.get("CEPING_TYPO_CONGRESS", SHARED / "typo-gov-congress"))
LOCAL = Path(os.environ.get("CEPING_TYPO_LOCAL", SHARED / "typo-gov-local"))
REAL_TYPOS = DATA / "public" / "real_typos.tsv"


def lines_of(part: str) -> list[str]:
    """The non-empty lines of one part."""
    if part in PUBLISHED:
        folder = {"public": PUBLIC, "congress": CONGRESS, "local": LOCAL}[part]
        files = sorted(folder.glob("[0-9][0-9][0-9].txt"))
        if not files:
            raise SystemExit(f"{folder}: no NNN.txt; build it with bench/typo_gov_public.py")
        text = "".join(f.read_text(encoding="utf-8") for f in files)
    else:
        text = (DATA / f"{part}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def real_typos() -> set[tuple[str, str]]:
    """(context, wrong text) of the findings reviewed as real typos of the public set's sources."""
    if not REAL_TYPOS.exists():
        return set()
    with REAL_TYPOS.open(encoding="utf-8") as fh:
        return {(r["context"], r["text"]) for r in csv.DictReader(fh, delimiter="\t")}


def context(line: str, start: int, end: int) -> str:
    """Up to 8 characters either side of a finding: enough to find it again in its line."""
    return line[max(0, start - 8) : end + 8]


def measure(part: str, show: bool, dump: Path | None = None) -> str:
    """One summary line: characters, false alarms per 10k (all, not suspect, suspect), rate."""
    lines = lines_of(part)
    chars = sum(map(len, lines))
    real = real_typos() if part in PUBLISHED else set()
    total = firm = true = 0
    out = dump.open("w", encoding="utf-8") if dump else None
    load()  # data loads once per process; not part of the rate
    t0 = time.process_time()
    for line in lines:
        for typo in check(line):
            is_suspect = getattr(typo, "suspect", False)
            ctx = context(line, typo.start, typo.end)
            if (ctx, typo.text) in real:
                true += 1
                continue
            total += 1
            firm += not is_suspect
            if show:
                mark = "?" if is_suspect else "!"
                found = f"{typo.text}->{typo.suggestion} {typo.rule} {typo.confidence}"
                print(f"  {mark} {found}: {ctx}")
            if out:
                row = {"context": ctx, "suspect": is_suspect, **typo.__dict__}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    dt = time.process_time() - t0
    if out:
        out.close()
    size = sum(len(line.encode("utf-8")) for line in lines)
    return (
        f"{part}: {len(lines)} lines, {chars:,} chars; false alarms {total} "
        f"({firm} not suspect, {total - firm} suspect), per 10k: all {total * 10_000 / chars:.2f}, "
        f"not suspect {firm * 10_000 / chars:.2f}, suspect {(total - firm) * 10_000 / chars:.2f}; "
        f"real typos of the source found {true}; {size / dt / 1e6:.2f} MB/s CPU line by line"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both")
    parser.add_argument("--show", action="store_true", help="print every finding")
    parser.add_argument("--dump", type=Path, help="write the false alarms (JSON lines) here")
    args = parser.parse_args()
    for part in PARTS if args.part == "both" else (args.part,):
        print(measure(part, args.show, args.dump))


if __name__ == "__main__":
    main()
