"""Benchmark: ceping's page reading on real pages of real government sites, against hand labels.

    PYTHONPATH=src .venv/bin/python bench/real_pages.py [--mirrors /work/.mirror] [--verbose]

The pages come from public repositories that keep saved government pages or extractor test
fixtures (`bench/real_pages/sources.tsv`: repository, commit, path, licence, original URL, site,
half). None is committed here: some are GPL, some carry no licence at all, so each is read from a
git snapshot of its repository at run time (`git show COMMIT:PATH`), the way
`bench/peer_links.py` reads its GPL fixtures (a page a scraper keeps as a JS template string is
unwrapped). MIRRORS holds one `owner+name/repo` git directory per
repository (what the `fetch` tool leaves in /work/.mirror); a page whose snapshot is missing is
listed and skipped.

The truth (`bench/real_pages/labels.tsv`) was written by hand before any run: per list page the
dated items of its main list, the newest date, blank or not, pinned items and the next page; per
home page the dated items of its news boxes and the newest; per article its publication date.
Each page is fed to `parse_html` with its original URL as base and an as-of date after every page
was saved. Per field and per half (split by site, tuning / held-out): pages right, pages wrong,
and the misreadings.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ceping.scan.encoding import decode
from ceping.scan.parse import ParsedPage, parse_html

HERE = Path(__file__).resolve().parent / "real_pages"
AS_OF = dt.date(2026, 6, 30)  # after every page was saved (the newest is of 2025-06)
FIELDS = ("published", "items", "newest", "blank", "pinned", "next_page")


@dataclass(frozen=True)
class Page:
    id: str
    repo: str
    commit: str
    path: str
    licence: str
    url: str
    site: str
    half: str
    wrapper: str = ""  # "js-template": the page is a JS module's `export default \`…\`` string


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _html(mirrors: Path, page: Page) -> str | None:
    git_dir = mirrors / page.repo.replace("/", "+") / "repo"
    if (git_dir / ".git").is_dir():
        git_dir = git_dir / ".git"
    shown = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{page.commit}:{page.path}"],
        capture_output=True,
        check=False,
    )
    if shown.returncode != 0:
        return None
    # Decoded as the crawler decodes a body without a charset header (BOM, meta, guess): one
    # page was saved as UTF-16.
    text, _ = decode(shown.stdout)
    if page.wrapper == "js-template":
        text = text[text.index("`") + 1 : text.rindex("`")]
    return text


def reading(parsed: ParsedPage, kind: str) -> dict[str, str]:
    """What ceping says of the fields the labels name, as the labels write them."""
    if kind == "article":
        return {"published": parsed.published}
    dates = [item.date for item in parsed.dated_items]
    blank = parsed.is_list_page and not parsed.dated_items and not parsed.undated_items
    return {
        "items": str(len(parsed.dated_items)),
        "newest": max(dates) if dates else "",
        "blank": "yes" if blank else "no",
        "pinned": str(sum(item.is_pinned for item in parsed.dated_items)),
        "next_page": parsed.next_page,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    pages = [Page(**row) for row in _rows("sources.tsv")]
    labels = {row["id"]: row for row in _rows("labels.tsv")}
    tally: dict[tuple[str, str], list[int]] = {}  # labelled, read, read right
    wrong: list[str] = []
    missing: list[str] = []
    for page in pages:
        html = _html(args.mirrors, page)
        if html is None:
            missing.append(f"{page.id} ({page.repo}@{page.commit[:10]}:{page.path})")
            continue
        label = labels[page.id]
        got = reading(parse_html(html, page.url, AS_OF), label["kind"])
        for name in FIELDS:
            if name not in got or (name == "next_page" and label["kind"] == "home"):
                continue
            right = got[name] == label[name]
            counts = tally.setdefault((page.half, name), [0, 0, 0])
            counts[0] += bool(label[name])
            counts[1] += bool(got[name])
            counts[2] += right and bool(got[name])
            if not right:
                wrong.append(
                    f"{page.half:8} {page.id:20} {name:10} want {label[name]!r} got {got[name]!r}"
                )
        if args.verbose:
            print(page.id, got)
    # Precision: of the readings ceping gave, the share right; recall: of the labelled values,
    # the share ceping read right (an empty reading is no reading).
    heading = ("half", "field", "labels", "read", "right", "prec", "recall")
    print("{:8} {:10} {:>6} {:>5} {:>5} {:>5} {:>6}".format(*heading))
    for (half, name), (labelled, read, right) in sorted(tally.items()):
        precision = f"{right / read:5.2f}" if read else "    -"
        recall = f"{right / labelled:6.2f}" if labelled else "     -"
        print(f"{half:8} {name:10} {labelled:6} {read:5} {right:5} {precision} {recall}")
    sites = {(p.half, p.site) for p in pages}
    for half in ("tuning", "heldout"):
        n_pages = sum(p.half == half for p in pages)
        n_sites = sum(h == half for h, _ in sites)
        print(f"{half}: {n_pages} pages, {n_sites} sites")
    if wrong:
        print("\nmisreadings:")
        print("\n".join(wrong))
    if missing:
        print("\nsnapshots missing (fetch the repositories first):", *missing, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
