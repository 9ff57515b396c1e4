"""Benchmark: CPU time per page of parsing and the page checks, for comparing two versions.

    PYTHONPATH=src .venv/bin/python bench/page_checks.py [--sites 3] [--pages 400] [--rounds 5]

Builds the farm of bench/crawl_resources.py (resources planted into every page), then parses
every HTML page as the crawler does (`page_from_response`) and runs every enabled per-page
check on it (typos off, as in the crawl benchmarks), `--rounds` times; prints the best round's
CPU seconds and microseconds per page, for the farm pages and for a heavier page shaped like a
government home page (a long navigation, styled blocks, a footer of marks, ~60 KB). Run it
with the old and the new `src` on PYTHONPATH, one after the other: CPU time is much less
disturbed than wall time by the other sessions of this shared machine.

`--ab` measures the page checks of issue #17 in one process instead: rounds alternate between
the code as it is and the same code with the page signals not read (`parse.read_signals`
replaced by one returning no signals) and those checks off, so both halves share the load.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace

from crawl_resources import add_resources

from ceping.scan import ScanConfig, parse
from ceping.scan.checks.base import CheckContext
from ceping.scan.checks.registry import enabled_checks
from ceping.scan.fetch import Response
from ceping.scan.pages import page_from_response
from ceping.sitefarm.farm import build_farm
from ceping.sitefarm.server import free_port

HEAVY_URL = "http://www.example.gov.cn/"


def heavy_page() -> bytes:
    nav = "".join(
        f'<li class="nav-item"><a href="/col{i}/">栏目{i}</a><ul class="sub" style="display:none">'
        f'<li><a href="/col{i}/a.html">子栏目</a></li></ul></li>'
        for i in range(40)
    )
    news = "".join(
        f'<li style="line-height:24px"><a href="/art/{i}.html" title="新闻标题{i}">关于做好第{i}项'
        f'工作的通知</a><span class="date">2019-06-{i % 28 + 1:02d}</span></li>'
        for i in range(200)
    )
    images = "".join(f'<img src="/pic/{i}.jpg" width="200" height="120">' for i in range(30))
    footer = (
        '<div class="foot">网站标识码：3100000001 沪ICP备05001234号-1 沪公网安备 31010102000001号'
        "<script>document.write(unescape(\"%3Cspan id='_ideConac'%3E%3C/span%3E\"));</script></div>"
    )
    html = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width"><title>某区人民政府</title>'
        "<style>.nav-item{float:left}.sub{position:absolute}.hide{display:none}</style></head>"
        f'<body><ul class="nav">{nav}</ul><ul class="news">{news}</ul>{images}{footer}'
        "</body></html>"
    )
    return html.encode("utf-8")


def one_round(pages: list[tuple[str, bytes]], config: ScanConfig) -> float:
    checks = [c for c in enabled_checks(config) if c.on_page is not None]
    ctx = CheckContext(config, pages[0][0])
    started = time.process_time()
    for url, body in pages:
        resp = Response(url, url, 200, content_type="text/html; charset=utf-8", body=body)
        page = page_from_response(resp, 1, config.as_of)
        for check in checks:
            assert check.on_page is not None
            list(check.on_page(page, ctx))
    return time.process_time() - started


def without_signals(config: ScanConfig) -> ScanConfig:
    return replace(
        config,
        check_identifiers=False, check_hidden_links=False, check_viewport=False,
        check_alt=False, check_accessible_mode=False, check_lang=False, sensitive_words=(),
    )  # fmt: skip


def ab_round(pages: list[tuple[str, bytes]], config: ScanConfig) -> tuple[float, float]:
    """(CPU seconds with the page signals and checks, without them)."""
    read_signals = parse.read_signals
    try:
        parse.read_signals = lambda tree, page_url, base: parse.NO_SIGNALS  # type: ignore[assignment]
        off = one_round(pages, without_signals(config))
    finally:
        parse.read_signals = read_signals  # type: ignore[assignment]
    return one_round(pages, config), off


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ab", action="store_true", help="with and without the page signals")
    args = parser.parse_args()
    farm = build_farm(
        seed=2012, sites=args.sites, pages_per_site=args.pages, port=free_port(),
        dead_port=free_port(), dynamic=False, typos=False,
    )  # fmt: skip
    add_resources(farm)
    farm_pages = [
        (site.url(path), found.body)
        for site in farm.sites
        for path, found in site.files.items()
        if found.content_type.startswith("text/html") and found.status == 200 and found.body
    ]
    heavy = [(HEAVY_URL, heavy_page())] * 200
    config = ScanConfig(urls=(HEAVY_URL,), as_of=farm.as_of, check_typos=False)
    for name, pages in (("farm", farm_pages), ("heavy", heavy)):
        if args.ab:
            on, off = (min(t) for t in zip(*(ab_round(pages, config) for _ in range(args.rounds))))
            us_on, us_off = (round(t / len(pages) * 1e6) for t in (on, off))
            out = {"pages": name, "count": len(pages), "us_per_page": us_on}
            out.update(us_per_page_without=us_off, added=f"{(on - off) / off:+.1%}")
        else:
            best = min(one_round(pages, config) for _ in range(args.rounds))
            out = {"pages": name, "count": len(pages), "cpu_s": round(best, 3)}
            out["us_per_page"] = round(best / len(pages) * 1e6)
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
