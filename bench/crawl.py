"""Benchmark: ceping scan vs LinkChecker, linkinator and Scrapy on a static farm served by nginx.

    .venv/bin/python bench/crawl.py [--sites 20] [--pages 2850] [--concurrency 64] [--tools ...]

Prints, for each run, pages/s, peak memory of the largest process, broken links found (against
the farm's ground truth) and the load average; then ceping's ratios to its targets: one process
per core >= 1.7x one process, >= 3x LinkChecker's pages/s, >= linkinator's, >= 5x Scrapy's, the
same broken links as the truth, peak memory under 300 MB per process, resource checks' cost, and
a drop of at most 10 % with every check of issue #17 on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_farm import nginx_conf, write_farm
from crawl_resources import add_resources
from crawl_tools import (
    CPU_S,
    HERE,
    ROOT,
    Run,
    ensure_nginx,
    ensure_scrapy,
    run_ceping,
    run_linkchecker,
    run_linkinator,
    run_scrapy,
)

from ceping.scan import urls
from ceping.scan.processes import default_processes
from ceping.sitefarm.farm import Farm, build_farm
from ceping.sitefarm.server import free_port

RESULTS = HERE / "results"
# ceping's runs: name -> (processes: 1 or the cores, checks of issue #17, resource checks).
CEPING_RUNS = {
    "ceping-1p": ("one", "default", "on"),
    "ceping": ("cores", "default", "on"),
    "ceping-no-resources": ("cores", "default", "off"),
    "ceping-checks-off": ("cores", "off", "on"),
    "ceping-checks-all": ("cores", "all", "on"),
}
PEERS = ("linkchecker", "linkinator", "scrapy")


def _norm(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    out = set()
    for url, page in pairs:
        try:
            out.add((urls.normalize(url), urls.normalize(page) if page else ""))
        except ValueError:
            out.add((url, page))
    return out


def _broken_forms(farm: Farm) -> set[tuple[str, str]]:
    """Search forms whose action answers 404: the farm plants them as a search that does not work
    (missing_feature); since issue #23 the scanner also reports the form's address as broken."""
    pairs = set()
    for site in farm.sites:
        home = site.files.get("/")
        for action in re.findall(rb'<form[^>]*action="([^"]+)"', home.body if home else b""):
            path = action.decode().split("?")[0]
            if path.startswith("/") and path not in site.files:
                pairs.add((site.base + path, site.base + "/"))
    return pairs


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


def _row(
    run: Run, pages: int, truth: set[tuple[str, str]], load: tuple[float, float]
) -> dict[str, object]:
    found = _norm(run.broken)
    hit = found & truth
    truth_urls, found_urls = {u for u, _ in truth}, {u for u, _ in found}
    return {
        "tool": run.name,
        "seconds": round(run.seconds, 1),
        "pages_per_s": round(pages / run.seconds, 1),
        "peak_mib": round(run.peak_mib, 1),
        # Pages per CPU second: less moved than pages/s by the other sessions of a shared machine.
        "pages_per_cpu_s": round(pages / CPU_S[run.name], 1) if CPU_S.get(run.name) else None,
        "broken_pairs": len(found),
        "pairs_hit": len(hit),
        "pairs_missed": len(truth - found),
        "pairs_extra": len(found - truth),
        "broken_urls": len(found_urls),
        "urls_hit": len(found_urls & truth_urls),
        "rc": run.rc,
        "load_start": round(load[0], 2),
        "load_end": round(load[1], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument(
        "--pages", type=int, default=2850, help="pages per site (about 90%% become pages)"
    )
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--tools", nargs="+", default=[*CEPING_RUNS, *PEERS])
    parser.add_argument(
        "--processes", type=int, default=default_processes(), help="ceping's processes (cores)"
    )
    parser.add_argument(
        "--no-resources",
        action="store_true",
        help="do not plant images, a style sheet and a script into the pages",
    )
    args = parser.parse_args()
    if "scrapy" in args.tools:
        ensure_scrapy()  # before an hour of other runs
    # The runners import ceping from this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
    )

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
    planted = [] if args.no_resources else add_resources(farm)
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
        | set(planted)
        | _broken_forms(farm)
    )
    links = sum(len(v) for s in farm.sites for v in s.links.values())
    print(
        f"farm: {args.sites} sites, {pages} pages ({written} with the external site), "
        f"{links} links, {len(truth)} broken (page, link) pairs "
        f"= {100 * len(truth) / links:.1f}% of links; "
        f"{len(planted)} of them broken resources planted; ceping processes: {args.processes}",
        flush=True,
    )
    nginx = _start_nginx(nginx_conf(farm, farm_dir, run_dir), run_dir)
    rows = []
    try:
        for tool in args.tools:
            out = RESULTS / f"crawl-{tool}.out"
            print(f"running {tool} ... (load average {os.getloadavg()[0]:.2f})", flush=True)
            load_start = os.getloadavg()[0]
            if tool in CEPING_RUNS:
                procs, checks, resources = CEPING_RUNS[tool]
                run = run_ceping(
                    tool,
                    farm.start_urls,
                    args.concurrency,
                    farm.as_of.isoformat(),
                    out,
                    1 if procs == "one" else args.processes,
                    checks,
                    resources,
                )
            elif tool == "linkchecker":
                run = run_linkchecker(farm.start_urls, args.concurrency, out)
            elif tool == "scrapy":
                run = run_scrapy(farm.start_urls, args.concurrency, out)
            else:
                run = run_linkinator(farm.start_urls, args.concurrency, out)
            rows.append(_row(run, pages, truth, (load_start, os.getloadavg()[0])))
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
        "pages_per_cpu_s",
        "peak_mib",
        "broken_pairs",
        "pairs_hit",
        "pairs_missed",
        "pairs_extra",
        "load_start",
        "load_end",
    )
    print("\n" + " | ".join(f"{c:>12}" for c in cols))
    for row in rows:
        print(" | ".join(f"{row[c]!s:>19}" if c == "tool" else f"{row[c]!s:>12}" for c in cols))
    by = {str(r["tool"]): float(str(r["pages_per_s"])) for r in rows}
    for mine, other, target in (
        ("ceping", "ceping-1p", 1.7),
        ("ceping", "linkchecker", 3.0),
        ("ceping", "linkinator", 1.0),
        ("ceping", "scrapy", 5.0),
    ):
        if mine in by and other in by:
            ratio = by[mine] / by[other]
            verdict = "ok" if ratio >= target else "BELOW TARGET"
            print(f"{mine} / {other} pages/s = {ratio:.2f} (target >= {target}) {verdict}")
    if "ceping" in by and "ceping-no-resources" in by:
        print(
            f"resource checks: {by['ceping-no-resources']:.1f} pages/s off, "
            f"{by['ceping']:.1f} on ({100 * (by['ceping'] / by['ceping-no-resources'] - 1):+.1f} %)"
        )
    if "ceping-checks-all" in by and "ceping-checks-off" in by:
        drop = 100 * (1 - by["ceping-checks-all"] / by["ceping-checks-off"])
        print(
            f"checks of #17: {by['ceping-checks-off']:.1f} pages/s off, "
            f"{by['ceping-checks-all']:.1f} all on: drop {drop:.1f} % (target <= 10) "
            f"{'ok' if drop <= 10 else 'OVER'}"
        )
    for row in rows:
        if str(row["tool"]).startswith("ceping"):
            peak = float(str(row["peak_mib"]))
            exact = row["pairs_missed"] == row["pairs_extra"] == 0
            print(
                f"{row['tool']} peak memory of its largest process {peak:.0f} MiB "
                f"(target < 300) {'ok' if peak < 300 else 'OVER'}; broken links "
                f"{'= ground truth' if exact else '!= ground truth'}"
            )


if __name__ == "__main__":
    sys.exit(main())
