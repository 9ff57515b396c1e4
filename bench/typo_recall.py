"""Recall of ceping.typo on official sentences with injected typos (issue 19, not ODW).

    .venv/bin/python bench/typo_recall.py [--part tuning|heldout|both] [--show]
    .venv/bin/python bench/typo_recall.py --build --pycorrector-data DIR

`--build` writes bench/typo_recall/{tuning,heldout}.tsv: every correct line of
bench/typo_gov/tuning.txt gets up to four copies, each with one typo of one
class injected, with a fixed seed (SEED):

* `sound`: one character of a common word of 2–3 characters replaced by a
  character of the same reading (an IME slip, 部署 → 布署), the result no word;
  "same reading" means: listed by pycorrector's same-pinyin table *and* one of
  the written character's readings (pypinyin, heteronyms, tones ignored) is
  the reading the right character has in its word (pypinyin's phrase
  readings), so that 提高 is never typed 逝高 (提 reads shi only in other words);
* `shape`: the same with a character of similar shape (贯彻 → 贯沏);
* `phrase`: one character of a word or set phrase of ≥ 4 characters (idioms,
  official terms: 再接再厉 → 再接再励) replaced by a same-reading or similar-shape
  character, the result no word;
* `realword`: a two-character word replaced by another dictionary word of the
  same reading that differs in one character (权力 → 权利, 机制 → 机智).

The confusable characters come from pycorrector's `pycorrector/data/same_pinyin.txt`
and `same_stroke.txt` (github.com/shibing624/pycorrector, Apache-2.0, commit
8f76475c3e5b3533b40e7ba41ca11ec987ffe974 of same_pinyin.txt; DIR holds the two
files), not from ceping's own confusion table; a written character must be in
pycorrector's `common_char_set.txt` (characters an IME offers first). Readings
come from PyPI `pypinyin` 0.55.0 (MIT), needed for `--build` only (run it with
pypinyin importable, e.g. PYTHONPATH=src:<a venv's site-packages>). Words are found by a greedy
longest match over ceping's word list (`words.tsv.gz`, jieba's counts), which
also decides what is "no word". Never injected: 的/地/得 (not counted as typos
by offices), 截止/截至, numbers, Latin text. Lines are split into halves by a
seeded shuffle of the source line numbers, so a sentence and its copies sit in
one half only: `tuning` may be looked at while choosing changes, `heldout` is
for reporting.

Measuring: a copy is found when a finding covers its injected character; every
other finding in the copies is a false alarm (per 10,000 characters). Printed per
class, for all findings and for the non-suspects (those that cost points).
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from ceping.typo import check
from ceping.typo.checker import load
from ceping.typo.resources import lexicon

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "typo_gov" / "tuning.txt"
OUT = HERE / "typo_recall"
SEED = 19
CLASSES = ("sound", "shape", "phrase", "realword")
# Words that carry an injected typo: common enough that a slip in them is a typo
# an office would want found (jieba counts).
MIN_FREQ = 50
REALWORD_MIN_FREQ = 20
NEVER = set("的地得")
NEVER_WORDS = {"截止", "截至"}
FIELDS = ("id", "line", "cls", "pos", "wrong", "right", "text", "gold")


def is_cjk(ch: str) -> bool:
    """True for a common CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff"


def read_confusion(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Same-reading and similar-shape characters per character, from pycorrector's files."""
    sound: dict[str, str] = {}
    with (folder / "same_pinyin.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            sound[parts[0]] = "".join(parts[1:])
    shape: dict[str, set[str]] = defaultdict(set)
    with (folder / "same_stroke.txt").open(encoding="utf-8") as fh:
        for line in fh:
            group = [c for c in line.strip().split("\t") if len(c) == 1]
            for c in group:
                shape[c].update(g for g in group if g != c)
    return sound, {c: "".join(sorted(s)) for c, s in shape.items()}


def reading_test(folder: Path) -> tuple[Callable[[str, int, str], bool], set[str]]:
    """(word, k, written) → whether `written` can be read as word[k] reads in `word`;
    and the common character set."""
    # pypinyin is needed by --build only.
    from pypinyin import Style, lazy_pinyin, pinyin

    common = set((folder / "common_char_set.txt").read_text(encoding="utf-8").split())

    def same_reading(word: str, k: int, written: str) -> bool:
        meant = lazy_pinyin(word, style=Style.NORMAL)[k]
        return meant in pinyin(written, style=Style.NORMAL, heteronym=True)[0]

    return same_reading, common


def words_of(line: str, words: dict[str, int]) -> list[tuple[int, str]]:
    """(start, word) of the words of ≥ 2 characters of a greedy longest-match segmentation."""
    out = []
    i = 0
    while i < len(line):
        for n in range(min(8, len(line) - i), 1, -1):
            w = line[i : i + n]
            if words.get(w, 0) >= MIN_FREQ and all(map(is_cjk, w)):
                out.append((i, w))
                i += n
                break
        else:
            i += 1
    return out


def injections(
    line: str,
    words: dict[str, int],
    confusion: tuple[dict[str, str], dict[str, str]],
    reading: tuple[Callable[[str, int, str], bool], set[str]],
) -> dict[str, list[tuple[int, str, str]]]:
    """Per class, every possible (position, wrong char, right char) in the line."""
    sound, shape = confusion
    same_reading, common = reading
    out: dict[str, list[tuple[int, str, str]]] = {c: [] for c in CLASSES}
    for start, word in words_of(line, words):
        if word in NEVER_WORDS:
            continue
        for k, ch in enumerate(word):
            if ch in NEVER:
                continue
            for cls, alts in (("sound", sound.get(ch, "")), ("shape", shape.get(ch, ""))):
                for alt in alts:
                    if alt not in common or alt in NEVER:
                        continue
                    if cls == "sound" and not same_reading(word, k, alt):
                        continue
                    wrong = word[:k] + alt + word[k + 1 :]
                    if len(word) >= 4:
                        if wrong not in words:
                            out["phrase"].append((start + k, alt, ch))
                    elif wrong not in words:
                        out[cls].append((start + k, alt, ch))
                    elif cls == "sound" and len(word) == 2 and words[wrong] >= REALWORD_MIN_FREQ:
                        out["realword"].append((start + k, alt, ch))
    return out


def build(folder: Path) -> None:
    """Write the two halves of the recall set."""
    confusion = read_confusion(folder)
    reading = reading_test(folder)
    words = lexicon().words
    lines = [ln for ln in SOURCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rng = random.Random(SEED)
    order = list(range(len(lines)))
    rng.shuffle(order)
    half = set(order[: len(order) // 2])
    rows: dict[str, list[dict[str, object]]] = {"tuning": [], "heldout": []}
    for n, line in enumerate(lines):
        options = injections(line, words, confusion, reading)
        for cls in CLASSES:
            if not options[cls]:
                continue
            pos, wrong, right = rng.choice(sorted(options[cls]))
            text = line[:pos] + wrong + line[pos + 1 :]
            part = "tuning" if n in half else "heldout"
            rows[part].append(
                {
                    "id": f"{n}-{cls}",
                    "line": n,
                    "cls": cls,
                    "pos": pos,
                    "wrong": wrong,
                    "right": right,
                    "text": text,
                    "gold": line,
                }
            )
    OUT.mkdir(exist_ok=True)
    for part, part_rows in rows.items():
        with (OUT / f"{part}.tsv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(part_rows)
        print(f"{part}: {len(part_rows)} copies, {Counter(r['cls'] for r in part_rows)}")


def read_part(part: str) -> list[dict[str, str]]:
    """The rows of one half."""
    with (OUT / f"{part}.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def measure(part: str, show: bool) -> None:
    """Recall per class and false alarms, for all findings and the non-suspects."""
    rows = read_part(part)
    load()
    hit: Counter[str] = Counter()
    firm_hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    fa = firm_fa = firm_true = chars = 0
    t0 = time.process_time()
    for row in rows:
        pos, text = int(row["pos"]), row["text"]
        chars += len(text)
        total[row["cls"]] += 1
        found = firm = False
        for typo in check(text):
            covers = typo.start <= pos < typo.end
            if covers:
                found = True
                firm = firm or not typo.suspect
                firm_true += not typo.suspect
            else:
                fa += 1
                firm_fa += not typo.suspect
                if show:
                    print(f"  FA {typo.text}->{typo.suggestion} {typo.rule}: {row['id']}")
        hit[row["cls"]] += found
        firm_hit[row["cls"]] += firm
        if show and not found:
            ctx = text[max(0, pos - 6) : pos + 7]
            print(f"  miss {row['cls']} {row['wrong']}<-{row['right']}: {ctx}")
    dt = time.process_time() - t0
    n = sum(total.values())
    per_class = ", ".join(
        f"{c} {hit[c] / total[c]:.2f} ({hit[c]}/{total[c]})" for c in CLASSES if total[c]
    )
    firm_p = firm_true / (firm_true + firm_fa) if firm_true + firm_fa else 0.0
    print(
        f"{part}: {n} copies, {chars:,} chars; recall all {sum(hit.values()) / n:.3f} "
        f"[{per_class}]; recall not suspect {sum(firm_hit.values()) / n:.3f}; "
        f"other findings {fa} ({fa * 10_000 / chars:.2f} per 10k), not suspect {firm_fa} "
        f"({firm_fa * 10_000 / chars:.2f} per 10k); non-suspect precision {firm_p:.3f}; "
        f"{dt:.1f} s CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="write the set (needs the data)")
    parser.add_argument("--pycorrector-data", type=Path, help="folder with same_pinyin.txt")
    parser.add_argument("--part", choices=("tuning", "heldout", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = parser.parse_args()
    if args.build:
        if args.pycorrector_data is None:
            parser.error("--build needs --pycorrector-data")
        build(args.pycorrector_data)
        return
    for part in ("tuning", "heldout") if args.part == "both" else (args.part,):
        measure(part, args.show)


if __name__ == "__main__":
    main()
