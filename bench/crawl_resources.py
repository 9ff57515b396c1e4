"""Benchmark: what checking embedded resources costs, pages/s with resource checks on and off.

    PYTHONPATH=src .venv/bin/python bench/crawl_resources.py [--sites 3] [--pages 400]

Builds the synthetic farm, gives every HTML page what a government page loads (a shared style
sheet with two url()s, a shared script, a logo, two images of its own, one of them missing),
serves it on loopback in-process and scans it twice, `check_resources` on and off. Prints
seconds, pages/s, requests and broken links of each run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import time

from ceping.scan import ScanConfig, run_scan
from ceping.sitefarm.farm import Farm, FarmFile, build_farm
from ceping.sitefarm.server import FarmServer, free_port

RESOURCES = (
    '<link rel="stylesheet" href="/css/site.css"><script src="/js/site.js"></script>'
    '<img src="/img/logo.png" alt="logo"><img src="/img/p{n}.jpg" alt="图">'
    '<img src="/img/gone{n}.jpg" alt="缺">'
)
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_-]+)")
CSS = b".a{background:url(/img/bg.png)} .b{background:url(/img/gone-bg.png)}"


def add_resources(farm: Farm) -> list[tuple[str, str]]:
    """Plant the resources into every HTML page; returns the broken (target, linking page) pairs
    planted with them."""
    broken: list[tuple[str, str]] = []
    for site in farm.sites:
        html = [p for p, f in site.files.items() if f.content_type.startswith("text/html")]
        for n, path in enumerate(html):
            page = site.files[path]
            # The search results page is probed with a query, never crawled as a page.
            if b"</body>" not in page.body or page.status != 200 or path.startswith("/search/"):
                continue
            # In the page's own encoding: UTF-8 alt text in a GB2312 page would make every such
            # page undecodable as declared and cost the scanner a charset detection per page.
            declared = _CHARSET.search(page.body[:1024])
            extra = RESOURCES.format(n=n).encode(
                declared.group(1).decode() if declared else "utf-8"
            )
            body = page.body.replace(b"</body>", extra + b"</body>", 1)
            site.files[path] = dataclasses.replace(page, body=body)
            site.files[f"/img/p{n}.jpg"] = FarmFile(b"\xff\xd8", "image/jpeg")
            broken.append((f"{site.base}/img/gone{n}.jpg", site.base + path))
        site.files["/css/site.css"] = FarmFile(CSS, "text/css")
        site.files["/js/site.js"] = FarmFile(b"var a=1;", "application/javascript")
        site.files["/img/logo.png"] = FarmFile(b"\x89PNG", "image/png")
        site.files["/img/bg.png"] = FarmFile(b"\x89PNG", "image/png")
        broken.append((f"{site.base}/img/gone-bg.png", f"{site.base}/css/site.css"))
    return broken


def run(farm: Farm, server: FarmServer, check_resources: bool) -> dict[str, object]:
    config = ScanConfig(
        urls=tuple(farm.start_urls),
        as_of=farm.as_of,
        allow_private=True,
        check_typos=False,
        check_https=False,
        timeout_s=10.0,
        concurrency=32,
        check_resources=check_resources,
    )
    before = len(server.traffic.requests)
    started = time.monotonic()
    reports = run_scan(config)
    seconds = time.monotonic() - started
    pages = sum(r.pages for r in reports)
    broken = [f for r in reports for f in r.findings if f.kind == "broken_link"]
    return {
        "check_resources": check_resources,
        "seconds": round(seconds, 1),
        "pages": pages,
        "pages_per_s": round(pages / seconds, 1),
        "requests": len(server.traffic.requests) - before,
        "broken_links": len(broken),
        "broken_resources": sum(f.get("resource") not in ("page", "download") for f in broken),
    }


def resource_farm(sites: int, pages: int, seed: int) -> Farm:
    """The first farm, static, without typos, with resources planted into its pages."""
    farm = build_farm(
        seed=seed,
        sites=sites,
        pages_per_site=pages,
        port=free_port(),
        dead_port=free_port(),
        dynamic=False,
        typos=False,
    )
    planted = add_resources(farm)
    print(f"farm: {sites} sites, resources planted: {len(planted)} broken", flush=True)
    return farm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args()
    farm = resource_farm(args.sites, args.pages, args.seed)
    server = FarmServer(farm).start()
    try:
        for check_resources in (False, True):
            print(json.dumps(run(farm, server, check_resources)), flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
