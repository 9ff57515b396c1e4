"""Accuracy of `ceping scan` on the second farm (and optionally the first): precision and recall
per finding kind, on the tuning split, the held-out split and overall.

    .venv/bin/python bench/accuracy.py                  # 24 sites × ~150 pages
    .venv/bin/python bench/accuracy.py --big            # 60 sites × ~600 pages
    .venv/bin/python bench/accuracy.py --kinds stale_column,blank_column --show 20
    .venv/bin/python bench/accuracy.py --farm1 --json out.json
    .venv/bin/python bench/accuracy.py --src ../other-checkout/src   # another scanner version

The farm is served on loopback by ceping.sitefarm.server; the scan is the real command
(`python -m ceping.cli scan … --allow-private --as-of …`) in a child process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ceping.sitefarm.cms import TEMPLATES, CmsFarm, build_cms_farm
from ceping.sitefarm.cms.accuracy import ALL_SPLITS, KEYS, MEASURED, Key, Tally, score
from ceping.sitefarm.cms.build import BIG_PAGES, BIG_SITES, DEFAULT_PAGES, DEFAULT_SITES
from ceping.sitefarm.cms.sensitive import WORDS as SENSITIVE_WORDS
from ceping.sitefarm.cms.truth import key_of
from ceping.sitefarm.farm import Farm, build_farm
from ceping.sitefarm.server import FarmServer, free_port
from ceping.vocabulary import label_of


@dataclass
class Scan:
    found: list[dict[str, Any]]
    pages: int
    seconds: float


SPLITS = ("tuning", "held_out", "farm1", ALL_SPLITS)
SPLIT_LABELS = {"tuning": "调优集", "held_out": "留出集", "farm1": "第一农场", ALL_SPLITS: "合计"}


@dataclass(frozen=True)
class Scanner:
    """How `ceping scan` is run: its extra options, and the source tree it runs from (another
    checkout, to compare two versions of the scanner on the same farm)."""

    extra: tuple[str, ...] = ()
    src: Path | None = None
    ca_file: str | None = None  # the farm's certificate authority, trusted as the system's

    def run(self, urls: list[str], as_of: str, out: Path) -> float:
        """Scan `urls` in a child process into `out`; the seconds it took."""
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
        env.setdefault("CEPING_HOME", tempfile.mkdtemp(prefix="ceping-accuracy-"))
        if self.ca_file is not None:
            # What OpenSSL programs read as the trust store: the farm's https:// sites are then
            # judged as a browser trusting the farm's authority would judge them.
            env["SSL_CERT_FILE"] = self.ca_file
        if self.src is not None:
            # Another checkout is read, never written to (no byte-code files left in it).
            env.update(PYTHONPATH=str(self.src), PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, "-m", "ceping.cli", "scan", *urls, "--json", str(out)]
        command += ["--allow-private", "--as-of", as_of, "--quiet", *self.extra]
        started = time.monotonic()
        subprocess.run(command, env=env, check=True)
        return time.monotonic() - started


def scan_farm(scanner: Scanner, urls: list[str], sites: list[tuple[int, str]], as_of: str) -> Scan:
    """The findings of `ceping scan` on one farm, each with the index and split of its site."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.json"
        seconds = scanner.run(urls, as_of, out)
        doc = json.loads(out.read_text(encoding="utf-8"))
    found = []
    for (index, split), result in zip(sites, doc["sites"], strict=True):
        found += [{**f, "site": index, "split": split} for f in result["findings"]]
    return Scan(found, sum(s["pages"] for s in doc["sites"]), seconds)


def _pad(text: str, width: int) -> str:
    """`text` filled with spaces to `width` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


def _pct(value: float | None) -> str:
    return "    —" if value is None else f"{value * 100:5.1f}"


def table(tallies: dict[tuple[str, str], Tally], kinds: list[str], splits: list[str]) -> str:
    """Per kind and split: precision and recall in percent, then (hits/misses/false alarms)."""
    lines = [_pad("检查项", 38) + "".join(_pad(SPLIT_LABELS.get(s, s), 30) for s in splits)]
    lines.append(_pad("", 38) + "查准%  查全%  (命中/漏/误)        " * len(splits))
    for kind in kinds:
        cells = []
        for split in splits:
            t = tallies.get((split, kind), Tally())
            counts = f"({len(t.hits)}/{len(t.misses)}/{len(t.false_alarms)})"
            cells.append(_pad(f"{_pct(t.precision)}  {_pct(t.recall)}  {counts}", 30))
        lines.append(_pad(f"{kind} {label_of(kind)}", 38) + "".join(cells))
    return "\n".join(lines)


Fetched = set[tuple[str | None, str]]


def fetched_pages(servers: list[FarmServer]) -> Fetched:
    """(host, file key) of every page the scan asked for with GET."""
    out: Fetched = set()
    for server in servers:
        for host, method, path_qs in server.traffic.requests:
            if method == "GET":
                out.add((host, key_of(path_qs)))
    return out


def _unreached(k: Key, fetched: Fetched) -> bool:
    """A missed finding on a page the scan never fetched (a crawl miss, not a check miss)."""
    page = dict(zip(KEYS[k[1]], k[2:], strict=True)).get("page")
    if not isinstance(page, str) or "://" not in page:
        return False
    return (urlsplit(page).hostname, key_of(page)) not in fetched


def _near_miss(k: Key, misses: set[Key]) -> str:
    """The one key field in which a false alarm differs from a miss of its site (the right
    message on the board's page, the right column with the wrong date), or ""."""
    names = KEYS[k[1]]
    for m in misses:
        differ = [n for n, a, b in zip(names, k[2:], m[2:], strict=True) if a != b]
        if m[0] == k[0] and len(differ) == 1 and len(names) > 1:
            return str(differ[0])
    return ""


def details(
    tallies: dict[tuple[str, str], Tally],
    kinds: list[str],
    show: int,
    spared: dict[tuple[Any, ...], list[dict[str, Any]]],
    fetched: Fetched,
) -> str:
    """The first misses and false alarms of each kind: a miss on a page the scan never fetched
    says so, a false alarm on one of the farm's clean look-alikes says which."""
    lines = []
    for kind in kinds:
        t = tallies.get((ALL_SPLITS, kind))
        if t is None:
            continue
        unreached = sum(_unreached(k, fetched) for k in t.misses)
        if unreached:
            lines.append(f"{kind}: {len(t.misses)} 个漏报中 {unreached} 个在未抓取的页面上")
        for k in sorted(t.misses, key=repr)[:show]:
            note = "  （未抓取该页）" if _unreached(k, fetched) else ""
            lines.append(f"漏报 {kind}: {k}{note}")
        for k in sorted(t.false_alarms, key=repr)[:show]:
            clean, near = _look_alike(k, spared), _near_miss(k, t.misses)
            note = f"  ← 反例：{clean}" if clean else ""
            note += f"  ← 与一个漏报只差 {near}" if near else ""
            lines.append(f"误报 {kind}: {k}{note}")
    return "\n".join(lines)


FARM1_SITE = 1000  # the first farm's site N is site 1000 + N here


def _scans(farm2: CmsFarm, farm1: Farm | None, scanner: Scanner) -> list[Scan]:
    """Each farm scanned on its own, as of its own date."""
    sites = [(s.index, str(s.split)) for s in farm2.sites]
    scans = [scan_farm(scanner, farm2.start_urls, sites, farm2.as_of.isoformat())]
    if farm1 is not None:
        sites = [(FARM1_SITE + s.index, "farm1") for s in farm1.sites]
        scans.append(scan_farm(scanner, farm1.start_urls, sites, farm1.as_of.isoformat()))
    return scans


def modelled_by_farm1(found: list[dict[str, Any]], farm1: Farm | None) -> list[dict[str, Any]]:
    """The findings, less those on the first farm of kinds it does not model: it plants no
    identifiers, viewport, lang, 无障碍, alt text, hidden links or sensitive words, so its
    sites lack or have them by accident, and such findings are neither hits nor false alarms
    (as tests/scan/test_farm_scan.py leaves them out). Those kinds show "—" for it."""
    if farm1 is None:
        return found
    modelled = {e["kind"] for s in farm1.sites for e in s.expected}
    return [f for f in found if f["split"] != "farm1" or f["kind"] in modelled]


def _truth(farm2: CmsFarm, farm1: Farm | None) -> list[dict[str, Any]]:
    truth: list[dict[str, Any]] = farm2.truth()
    if farm1 is not None:
        truth += [
            {**e, "site": FARM1_SITE + s.index, "split": "farm1"}
            for s in farm1.sites
            for e in s.expected
        ]
    return truth


def _spared(farm2: CmsFarm) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The clean look-alikes by (site, kind)."""
    out: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for s in farm2.sites:
        for c in s.clean:
            out[s.index, c["kind"]].append(c)
    return out


def _look_alike(k: Key, spared: dict[tuple[Any, ...], list[dict[str, Any]]]) -> str:
    """Why the farm holds the falsely reported `k` clean, when it is one of its look-alikes
    (every key field the look-alike names agrees; a look-alike names fewer fields)."""
    fields = dict(zip(KEYS[k[1]], k[2:], strict=True))
    for c in spared.get((k[0], k[1]), []):
        if all(c[f] == v for f, v in fields.items() if f in c):
            return str(c["why"])
    return ""


def by_template(
    found: list[dict[str, Any]], truth: list[dict[str, Any]], farm2: CmsFarm, kinds: list[str]
) -> str:
    """The same table with one column per template of the second farm."""
    names = {s.index: s.template_name for s in farm2.sites}

    def relabel(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**i, "split": names[i["site"]]} for i in items if i["site"] in names]

    tallies = score(relabel(found), relabel(truth), kinds)
    return table(tallies, kinds, [t.name for t in TEMPLATES])


def write_json(path: Path, tallies: dict[tuple[str, str], Tally]) -> None:
    report = {
        f"{split}/{kind}": {
            "precision": t.precision,
            "recall": t.recall,
            "hits": len(t.hits),
            "misses": sorted(map(list, t.misses)),
            "false_alarms": sorted(map(list, t.false_alarms)),
        }
        for (split, kind), t in sorted(tallies.items())
    }
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--sites", type=int, default=DEFAULT_SITES)
    p.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages per site, about")
    p.add_argument("--big", action="store_true", help=f"{BIG_SITES} sites × ~{BIG_PAGES} pages")
    p.add_argument("--farm1", action="store_true", help="also scan the first farm (6 sites)")
    p.add_argument("--kinds", help="comma-separated kinds to report (default: all measured)")
    p.add_argument("--templates", action="store_true", help="also a table per template")
    p.add_argument("--show", type=int, default=5, help="misses and false alarms listed per kind")
    p.add_argument("--json", type=Path, help="write the tallies and the lists here")
    p.add_argument("--src", type=Path, help="run the scanner from this source tree (…/src)")
    p.add_argument("scan_args", nargs="*", help="after --: more options for `ceping scan`")
    args = p.parse_args(argv)
    args.kinds = args.kinds.split(",") if args.kinds else list(MEASURED)
    unknown = [k for k in args.kinds if k not in MEASURED]
    if unknown:
        p.error(f"unknown kinds: {', '.join(unknown)}")
    if args.big:
        args.sites, args.pages = BIG_SITES, BIG_PAGES
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    port = free_port()
    farm2 = build_cms_farm(seed=args.seed, sites=args.sites, pages_per_site=args.pages,
                           port=port, dead_port=free_port())  # fmt: skip
    farm1 = build_farm(port=port, dead_port=farm2.farm.dead_port) if args.farm1 else None
    servers = [FarmServer(f).start() for f in (farm2.farm, farm1) if f is not None]
    try:
        # The named sites' addresses, which no name server knows (--resolve, scan/hostmap.py).
        farms = [f for f in (farm2.farm, farm1) if f is not None]
        pins = [arg for f in farms for pin in f.pins for arg in ("--resolve", pin)]
        words = Path(tempfile.mkdtemp(prefix="ceping-accuracy-")) / "sensitive.txt"
        words.write_text("\n".join(SENSITIVE_WORDS) + "\n", encoding="utf-8")
        extra = (*pins, "--sensitive-words", str(words), *args.scan_args)
        scanner = Scanner(extra, args.src, servers[0].ca_file)
        scans = _scans(farm2, farm1, scanner)
    finally:
        for server in servers:
            server.stop()
    found = modelled_by_farm1([f for s in scans for f in s.found], farm1)
    truth = _truth(farm2, farm1)
    tallies = score(found, truth, args.kinds)
    splits = [s for s in SPLITS if s != "farm1" or farm1 is not None]
    sites = len(farm2.sites) + (len(farm1.sites) if farm1 is not None else 0)
    pages, seconds = sum(s.pages for s in scans), sum(s.seconds for s in scans)
    print(f"{sites} 个网站，检测 {pages} 个页面，用时 {seconds:.1f} 秒（as-of 各农场自己的日期）")
    print(table(tallies, args.kinds, splits))
    if args.templates:
        print(by_template(found, truth, farm2, args.kinds))
    print(details(tallies, args.kinds, args.show, _spared(farm2), fetched_pages(servers)))
    if args.json:
        write_json(args.json, tallies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
