"""Build data/places.txt.gz: place names down to township level (issue 19).

Usage (the wheel fetched with ``pip download --no-deps jionlp==1.5.31``)::

    unzip jionlp-1.5.31-py2.py3-none-any.whl jionlp/dictionary/china_location.zip
    python -m ceping.typo.build.build_places --china-location jionlp/dictionary/china_location.zip

`china_location.zip` (JioNLP, Apache-2.0) is the national statistics bureau's
统计用区划代码 as a tree: province, city, county with their codes and short
names, then townships, then villages. Kept: the full name of every province,
city, county and township (黎安镇, 然乌镇, 华亭镇), the short names of
provinces, cities and counties the file gives (嘉定), and a township's short
name (its name without 镇, 乡, 街道, 苏木 …) when it has two or more characters
and is no dictionary word (黎安, 然乌; not 光明, 城关: those stay checkable as
words). Villages are left out: 657k names would cost memory and load time,
and a village is written with its 村 or 社区, before which no statistical guess
is reported anyway (filters.NAME_SUFFIXES).
"""

from __future__ import annotations

import argparse
import gzip
import io
import zipfile
from pathlib import Path

from ceping.typo.build.build_data import DATA, is_cjk, write_gz

# Longest first: 民族乡 before 乡.
TOWNSHIP_SUFFIXES = ("民族苏木", "民族乡", "街道", "苏木", "镇", "乡")


def dictionary_words() -> set[str]:
    """The words of the shipped word list (words.tsv.gz)."""
    with gzip.open(DATA / "words.tsv.gz", "rt", encoding="utf-8") as fh:
        return {line.split("\t", 1)[0] for line in fh}


def township_short(name: str) -> str:
    """A township's name without its suffix, or '' when it has none."""
    for suffix in TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return ""


def place_names(lines: list[str], words: set[str]) -> set[str]:
    """Names to protect, from the lines of china_location.txt."""
    out: set[str] = set()
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth >= 4 or not fields[0]:
            continue  # villages, see the module's comment
        full = fields[0]
        out.add(full)
        if depth < 3 and len(fields) >= 3:
            out.add(fields[2])
        if depth == 3:
            short = township_short(full)
            if len(short) >= 2 and short not in words:
                out.add(short)
    return {name for name in out if len(name) >= 2 and is_cjk(name)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--china-location", type=Path, required=True, help="china_location.zip")
    args = ap.parse_args(argv)
    with zipfile.ZipFile(args.china_location) as zf:
        member = next(n for n in zf.namelist() if n.endswith(".txt"))
        text = io.TextIOWrapper(zf.open(member), encoding="utf-8").read()
    names = place_names(text.splitlines(), dictionary_words())
    write_gz(DATA / "places.txt.gz", sorted(names))
    print(f"places {len(names)}")


if __name__ == "__main__":
    main()
