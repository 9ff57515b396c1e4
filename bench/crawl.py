"""Benchmark: ceping scan vs LinkChecker vs linkinator on a static farm served by nginx on loopback.

    .venv/bin/python bench/crawl.py [--sites 20] [--pages 2500] [--concurrency 64] [--tools ...]

Prints pages/s, peak memory and broken links found (against the farm's ground truth) for each
tool, and the ratios to ceping's targets: >= 3x LinkChecker's pages/s, >= linkinator's, the
same broken links as the truth, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_farm import nginx_conf, write_farm
from crawl_tools import HERE, Run, ensure_nginx, run_ceping, run_linkchecker, run_linkinator

from ceping.scan import urls
from ceping.sitefarm.farm import build_farm
from ceping.sitefarm.server import free_port

RESULTS = HERE / "results"


def _norm(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    out = set()
    for url, page in pairs:
        try:
            out.add((urls.normalize(url), urls.normalize(page) if page else ""))
        except ValueError:
            out.add((url, page))
    return out


def _start_nginx(conf: str, run_dir: Path) -> subprocess.Popen[bytes]:
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    proc = subprocess.Popen(
        [ensure_nginx(), "-c", str(path), "-p", str(run_dir), "-g", "daemon off;"]
    )
    time.sleep(1.0)
    if proc.poll() is not None:
        raise SystemExit(f"nginx did not start; see {run_dir}/nginx-error.log")
    return proc


def _row(run: Run, pages: int, truth: set[tuple[str, str]]) -> dict[str, object]:
    found = _norm(run.broken)
    hit = found & truth
    truth_urls, found_urls = {u for u, _ in truth}, {u for u, _ in found}
    return {
        "tool": run.name,
        "seconds": round(run.seconds, 1),
        "pages_per_s": round(pages / run.seconds, 1),
        "peak_mib": round(run.peak_mib, 1),
        "broken_pairs": len(found),
        "pairs_hit": len(hit),
        "pairs_missed": len(truth - found),
        "pairs_extra": len(found - truth),
        "broken_urls": len(found_urls),
        "urls_hit": len(found_urls & truth_urls),
        "rc": run.rc,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument(
        "--pages", type=int, default=2850, help="pages per site (about 90%% become pages)"
    )
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--tools", nargs="+", default=["ceping", "linkchecker", "linkinator"])
    args = parser.parse_args()

    farm_dir, run_dir = RESULTS / "farm", RESULTS / "nginx"
    shutil.rmtree(farm_dir, ignore_errors=True)
    farm = build_farm(
        seed=args.seed,
        sites=args.sites,
        pages_per_site=args.pages,
        port=free_port(),
        dead_port=free_port(),
        dynamic=False,
        typos=False,
    )
    written = write_farm(farm, farm_dir)
    pages = sum(
        sum(f.content_type.startswith("text/html") for f in s.files.values()) for s in farm.sites
    )
    truth = _norm(
        {
            (e["url"], e["page"])
            for s in farm.sites
            for e in s.expected
            if e["kind"] == "broken_link"
        }
    )
    links = sum(len(v) for s in farm.sites for v in s.links.values())
    print(
        f"farm: {args.sites} sites, {pages} pages ({written} with the external site), "
        f"{links} links, {len(truth)} broken (page, link) pairs "
        f"= {100 * len(truth) / links:.1f}% of links",
        flush=True,
    )
    nginx = _start_nginx(nginx_conf(farm, farm_dir, run_dir), run_dir)
    rows = []
    try:
        for tool in args.tools:
            out = RESULTS / f"crawl-{tool}.out"
            print(f"running {tool} ...", flush=True)
            if tool == "ceping":
                run = run_ceping(farm.start_urls, args.concurrency, farm.as_of.isoformat(), out)
            elif tool == "linkchecker":
                run = run_linkchecker(farm.start_urls, args.concurrency, out)
            else:
                run = run_linkinator(farm.start_urls, args.concurrency, out)
            rows.append(_row(run, pages, truth))
            print(json.dumps(rows[-1]), flush=True)
            if run.rc not in (0, 1):
                print(run.stderr, file=sys.stderr)
    finally:
        nginx.terminate()
        nginx.wait(10)
    _print_table(rows)
    (RESULTS / "crawl.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


def _print_table(rows: list[dict[str, object]]) -> None:
    cols = (
        "tool",
        "seconds",
        "pages_per_s",
        "peak_mib",
        "broken_pairs",
        "pairs_hit",
        "pairs_missed",
        "pairs_extra",
    )
    print("\n" + " | ".join(f"{c:>12}" for c in cols))
    for row in rows:
        print(" | ".join(f"{row[c]!s:>12}" for c in cols))
    by = {str(r["tool"]): r for r in rows}
    if "ceping" in by:
        mine = float(str(by["ceping"]["pages_per_s"]))
        for other, target in (("linkchecker", 3.0), ("linkinator", 1.0)):
            if other in by:
                ratio = mine / float(str(by[other]["pages_per_s"]))
                verdict = "ok" if ratio >= target else "BELOW TARGET"
                print(f"ceping / {other} pages/s = {ratio:.2f} (target >= {target}) {verdict}")
        peak = float(str(by["ceping"]["peak_mib"]))
        print(f"ceping peak memory {peak:.0f} MiB (target < 300) {'ok' if peak < 300 else 'OVER'}")
        exact = by["ceping"]["pairs_missed"] == 0 and by["ceping"]["pairs_extra"] == 0
        print(f"ceping broken links {'= ground truth' if exact else '!= ground truth'}")


if __name__ == "__main__":
    sys.exit(main())
