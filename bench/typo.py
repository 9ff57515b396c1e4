"""Benchmark ceping.typo per layer on ECSpell ODW and SIGHAN 2015, beside pycorrector.

    .venv/bin/python bench/typo.py                 # test sets, all figures
    .venv/bin/python bench/typo.py --split train   # odw.train only (for tuning)
    .venv/bin/python bench/typo.py --throughput-mb 0 --no-peers

Data (see /work/shared/data/README.md): ECSpell "odw" domain (aopolin-lv/ECSpell,
MIT) and SIGHAN 2015 test, simplified (onebula/sighan_raw). Peers run in their own
venv (var/peers-venv, made by bench/typo_peers.py --setup) and are skipped with a
printed reason when it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typo_metrics import Scores, score

from ceping.typo import LAYERS, Options, Typo, check_many
from ceping.typo.build.build_data import read_odw_pairs
from ceping.typo.checker import find_all, load

DATA = Path(os.environ.get("CEPING_SHARED_DATA", "/work/shared/data"))
PEER_PYTHON = Path(__file__).resolve().parent.parent / "var" / "peers-venv" / "bin" / "python"
Pair = tuple[str, str]


def load_odw(name: str) -> list[Pair]:
    """(written, corrected) pairs of equal length from an ECSpell odw file."""
    return load_pairs(DATA / "ecspell-odw" / name)


load_pairs = read_odw_pairs  # the same reader the typo data build uses


def load_sighan() -> list[Pair]:
    """(written, corrected) pairs of SIGHAN 2015's test set (simplified)."""
    root = DATA / "sighan15"
    wrong = (root / "test15_error.txt").read_text(encoding="utf-8").splitlines()
    right = (root / "test15_correct.txt").read_text(encoding="utf-8").splitlines()
    return [(a, b) for a, b in zip(wrong, right, strict=True) if len(a) == len(b)]


def apply(text: str, typos: Sequence[Typo]) -> str:
    """The text with every same-length suggestion applied."""
    chars = list(text)
    for t in typos:
        if len(t.suggestion) == t.end - t.start:
            chars[t.start : t.end] = t.suggestion
    return "".join(chars)


def run_ours(pairs: list[Pair], options: Options) -> list[str]:
    """Our corrected sentences."""
    return [
        apply(src, typos)
        for (src, _), typos in zip(pairs, check_many((p[0] for p in pairs), options))
    ]


def evaluate(pairs: list[Pair], predicted: list[str]) -> Scores:
    """Scores of predicted sentences against the gold corrections."""
    return score((src, gold, pred) for (src, gold), pred in zip(pairs, predicted, strict=True))


def row(name: str, s: Scores) -> str:
    """One line of the results table."""
    return (
        f"| {name:<28} | {s.det_p:.3f} | {s.det_r:.3f} | {s.det_f1:.3f} "
        f"| {s.cor_p:.3f} | {s.cor_r:.3f} | {s.cor_f1:.3f} | {s.false_alarms_per_10k:6.2f} "
        f"| {s.char_p:.3f} |"
    )


HEADER = (
    "| system / layer               | det P | det R | det F1 | cor P | cor R | cor F1 | FA/10k "
    "| char P |\n"
    "|------------------------------|-------|-------|--------|-------|-------|--------|--------"
    "|--------|"
)


def run_peers(pairs: list[Pair]) -> dict[str, list[str]] | str:
    """Corrections by pycorrector's offline correctors, or the reason they were skipped."""
    if not PEER_PYTHON.exists():
        return f"peer venv missing ({PEER_PYTHON}); run bench/typo_peers.py --setup"
    helper = Path(__file__).resolve().parent / "typo_peers.py"
    proc = subprocess.run(
        [str(PEER_PYTHON), str(helper)],
        input=json.dumps([p[0] for p in pairs]),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return f"peer run failed: {proc.stderr.strip().splitlines()[-1:]}"
    result: dict[str, list[str]] = json.loads(proc.stdout)
    return result


FOOTNOTE = (
    "\nchar P: share of flagged characters that are wrong in the source (per-finding precision)."
    "\nname-title needs a campaign's list of people and titles; these sets have none."
)


def report_set(title: str, pairs: list[Pair], peers: bool) -> None:
    """Print the per-layer and overall table for one data set."""
    print(f"\n### {title} ({len(pairs)} sentences, {sum(a != b for a, b in pairs)} with errors)\n")
    print(HEADER)
    for layer in LAYERS:
        print(
            row(
                f"ceping layer {layer}",
                evaluate(pairs, run_ours(pairs, Options(layers=frozenset({layer})))),
            )
        )
    print(row("ceping (all layers)", evaluate(pairs, run_ours(pairs, Options()))))
    if peers:
        got = run_peers(pairs)
        if isinstance(got, str):
            print(f"\npeers skipped: {got}")
        else:
            for name, predicted in got.items():
                print(row(name, evaluate(pairs, predicted)))
            print("\npycorrector kenlm Corrector skipped: its language model must be downloaded.")
    print(FOOTNOTE)


def throughput(megabytes: float, pairs: list[Pair]) -> None:
    """Characters and bytes per second of check_many over a corpus of `megabytes` MB on one core,
    then over the same sentences once each (no sentence repeated)."""
    rng = random.Random(15)
    sentences = [p[1] for p in pairs]
    pages: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        page = "".join(rng.choice(sentences) for _ in range(30))
        pages.append(page)
        size += len(page.encode("utf-8"))
    load()  # data loads once per process; not part of the rate
    rate("throughput", pages)
    rate("without repeats", ["".join(sentences[k : k + 30]) for k in range(0, len(sentences), 30)])


def rate(label: str, pages: list[str]) -> None:
    """Print the CPU rate of check_many over `pages`."""
    size = sum(len(page.encode("utf-8")) for page in pages)
    chars = sum(map(len, pages))
    t0 = time.process_time()
    findings = sum(len(t) for t in check_many(pages))
    dt = time.process_time() - t0
    print(
        f"\n{label}: {size / 1e6:.2f} MB ({chars:,} chars, {len(pages)} pages) in {dt:.2f} s CPU: "
        f"{chars / dt:,.0f} chars/s, {size / dt / 1e6:.2f} MB/s; {findings} findings "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


def timed(label: str, fn: Callable[[], None]) -> None:
    """Run fn and print its wall time."""
    t0 = time.perf_counter()
    fn()
    print(f"\n({label}: {time.perf_counter() - t0:.1f} s)")


def main() -> None:
    """Parse arguments and print every table."""
    ap = argparse.ArgumentParser(description="ceping.typo benchmark")
    ap.add_argument("--split", choices=("test", "train"), default="test")
    ap.add_argument("--throughput-mb", type=float, default=10.0)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--odw-file", type=Path, help="score this ODW-format file only (tuning)")
    ap.add_argument("--dump", type=Path, help="write our ODW findings (JSON lines) here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    load()
    print(f"data load: {time.perf_counter() - t0:.1f} s")
    if args.odw_file:
        odw = load_pairs(args.odw_file)
        report_set(f"{args.odw_file} (tuning only)", odw, peers=False)
    elif args.split == "train":
        odw = load_odw("odw.train")
        report_set("ECSpell ODW train (tuning only)", odw, peers=False)
    else:
        odw = load_odw("odw.test")
        report_set("ECSpell ODW test (aopolin-lv/ECSpell, MIT)", odw, peers=not args.no_peers)
        report_set(
            "SIGHAN 2015 test, simplified (onebula/sighan_raw)",
            load_sighan(),
            peers=not args.no_peers,
        )
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for src, gold in odw:
                raw = [t.__dict__ for t in find_all(src, Options())]
                fh.write(
                    json.dumps({"src": src, "gold": gold, "raw": raw}, ensure_ascii=False) + "\n"
                )
    if args.throughput_mb > 0:
        throughput(args.throughput_mb, load_odw("odw.train") + load_odw("odw.test"))


if __name__ == "__main__":
    main()
