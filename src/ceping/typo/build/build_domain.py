"""Build data/domain_terms.tsv.gz: the set compounds of legal and administrative prose
(信访事项, 限期改正, 妇幼保健, 机构编制), with how often they occur (issue 19).

Usage (build time only; jieba from PyPI, the laws a fetched snapshot of
LawRefBook/Laws, THUOCL a fetched snapshot of thunlp/THUOCL)::

    pip install jieba==0.42.1
    python -m ceping.typo.build.build_domain \
        --laws-git /work/.mirror/LawRefBook+Laws/repo \
        --thuocl-git /work/.mirror/thunlp+THUOCL/repo \
        --odw /work/shared/data/ecspell-odw/odw.train /work/shared/data/ecspell-odw/odw.test

jieba's counts come from general text of the 1990s: it knows 信访 and 事项 but
not that official prose writes them together thousands of times. Two sources
add such terms as words of the model:

* the laws, administrative regulations, rules, judicial interpretations and
  local regulations of LawRefBook/Laws (taken from the national database of
  laws and regulations, flk.npc.gov.cn; laws and regulations are outside
  copyright under Article 5 of the Copyright Law). Each text is segmented with
  jieba. A word of four or more characters seen at least MIN_COUNT times gets
  its count in the laws where that is higher than jieba's. Two adjacent words
  of two or more characters make a compound when they occur together at least
  MIN_COUNT times, far more often than chance (PMI), and jieba counts the
  joined form lower. Counts are scaled to jieba's total, so the word model
  weighs a term as the laws use it.
* the law, finance and medicine lists of THUOCL (MIT; document frequencies of
  a web corpus), words of four or more characters, scaled by the median ratio
  of jieba's count to THUOCL's over the words both know.

Every line of the laws that shares a run of WINDOW characters with an ECSpell
ODW sentence (train or test, corrected side) is dropped first, so that the
benchmark's own sentences teach nothing. The case examples (案例) are left out:
they are not legal texts.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import math
import re
import statistics
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ceping.typo.build.build_data import DATA, is_cjk, write_gz
from ceping.typo.resources import COVER_MIN_FREQ

LAWS_COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
THUOCL_COMMIT = "a30ce79"
THUOCL_LISTS = ("law", "caijing", "medical")
SKIPPED_FOLDERS = ("案例",)
WINDOW = 12
# Compounds: each part a word of ≥ 2 characters, 4–6 characters joined, seen at
# least MIN_COUNT times and at least MIN_PMI (natural log) above independence.
MIN_COUNT = 30
MIN_PMI = 3.0
MIN_LEN, MAX_LEN = 4, 6
# THUOCL words kept: ≥ 4 characters and ≥ this document frequency.
THUOCL_MIN_DF = 1000
MARKUP = re.compile(r"<!--.*?-->|^#+\s*|\*+|`+")


def git(repo: Path, *args: str) -> bytes:
    """Run git on a bare snapshot."""
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], capture_output=True, check=True
    ).stdout


def law_lines(repo: Path) -> Iterator[str]:
    """Every non-empty text line of the laws' markdown files, markup removed."""
    names = git(repo, "ls-tree", "-r", "-z", "--name-only", LAWS_COMMIT).split(b"\0")
    for raw in names:
        name = raw.decode()
        if not name.endswith(".md") or name.endswith("_index.md") or "/" not in name:
            continue
        if any(part in SKIPPED_FOLDERS for part in name.split("/")):
            continue
        text = git(repo, "show", f"{LAWS_COMMIT}:{name}").decode("utf-8", "replace")
        for line in text.splitlines():
            line = MARKUP.sub("", line).strip()
            if line:
                yield line


def odw_windows(paths: list[Path]) -> set[str]:
    """Every run of WINDOW characters of the corrected ODW sentences."""
    out: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                right = parts[2]
                out.update(right[i : i + WINDOW] for i in range(len(right) - WINDOW + 1))
    return out


def shares_window(line: str, windows: set[str]) -> bool:
    """True when the line holds any of the windows."""
    return any(line[i : i + WINDOW] in windows for i in range(len(line) - WINDOW + 1))


def law_terms(repo: Path, jieba_words: dict[str, int], windows: set[str]) -> dict[str, int]:
    """Long word or compound → count in the laws, scaled to jieba's total."""
    import jieba  # build time only

    jieba.setLogLevel(60)
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    kept = dropped = 0
    for line in law_lines(repo):
        if shares_window(line, windows):
            dropped += 1
            continue
        kept += 1
        words = list(jieba.cut(line, HMM=False))
        unigrams.update(words)
        bigrams.update(itertools.pairwise(words))
    total = sum(unigrams.values())
    scale = sum(jieba_words.values()) / total
    out: dict[str, int] = {}
    # Long words jieba knows but barely counts (妇幼保健 3, 机构编制 4).
    for word, n in unigrams.items():
        count = round(n * scale)
        long = n >= MIN_COUNT and len(word) >= MIN_LEN and is_cjk(word)
        if long and jieba_words.get(word, 0) < count:
            out[word] = count
    for (a, b), n in bigrams.items():
        joined = a + b
        if n < MIN_COUNT or not MIN_LEN <= len(joined) <= MAX_LEN:
            continue
        if len(a) < 2 or len(b) < 2 or not is_cjk(joined):
            continue
        if math.log(n * total / (unigrams[a] * unigrams[b])) < MIN_PMI:
            continue
        count = max(1, round(n * scale))
        if jieba_words.get(joined, 0) < count:
            out[joined] = count
    print(f"laws: {kept} lines kept, {dropped} dropped (ODW), {total} words, {len(out)} terms")
    return out


def thuocl_terms(repo: Path, jieba_words: dict[str, int]) -> dict[str, int]:
    """THUOCL word → document frequency scaled to jieba's counts."""
    df: dict[str, int] = {}
    for name in THUOCL_LISTS:
        text = git(repo, "show", f"{THUOCL_COMMIT}:data/THUOCL_{name}.txt").decode("utf-8")
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].strip().isdigit():
                word = parts[0].strip()
                df[word] = max(df.get(word, 0), int(parts[1]))
    long = {w: n for w, n in df.items() if len(w) >= MIN_LEN and n >= THUOCL_MIN_DF and is_cjk(w)}
    ratio = statistics.median(
        jieba_words[w] / n for w, n in long.items() if jieba_words.get(w, 0) >= COVER_MIN_FREQ
    )
    out = {w: max(1, round(n * ratio)) for w, n in long.items()}
    out = {w: n for w, n in out.items() if jieba_words.get(w, 0) < n}
    print(f"THUOCL: {len(out)} words, ratio {ratio:.4f}")
    return out


def main(argv: list[str] | None = None) -> None:
    """Read the sources and write data/domain_terms.tsv.gz."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laws-git", type=Path, required=True)
    ap.add_argument("--thuocl-git", type=Path, required=True)
    ap.add_argument("--odw", type=Path, nargs="+", required=True)
    args = ap.parse_args(argv)
    with gzip.open(DATA / "words.tsv.gz", "rt", encoding="utf-8") as fh:
        jieba_words = {w: int(n) for w, n in (line.rstrip("\n").split("\t") for line in fh)}
    terms = thuocl_terms(args.thuocl_git, jieba_words)
    for word, n in law_terms(args.laws_git, jieba_words, odw_windows(args.odw)).items():
        terms[word] = max(terms.get(word, 0), n)
    write_gz(
        DATA / "domain_terms.tsv.gz",
        (f"{w}\t{n}" for w, n in sorted(terms.items())),
    )
    print(f"domain terms: {len(terms)}")


if __name__ == "__main__":
    main()
