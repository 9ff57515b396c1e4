"""Benchmark: what the security posture checks cost, pages/s with them all on and all off.

    PYTHONPATH=src .venv/bin/python bench/crawl_security.py [--sites 3] [--pages 400] [--rounds 2]

The farm of bench/crawl_resources.py (pages with style sheets, scripts and images), served on
loopback in-process, scanned with the HTTPS, redirect, HSTS, TLS, mixed-content and IPv6
checks all off, then all on, `--rounds` times in turn so that the machine's load falls on
both alike. The checks are per site (mixed content per page, on its links already parsed),
so the difference should be small. Prints seconds, pages/s and requests of each run.
"""

from __future__ import annotations

import argparse
import json
import time

from crawl_resources import resource_farm

from ceping.scan import ScanConfig, run_scan
from ceping.sitefarm.farm import Farm
from ceping.sitefarm.server import FarmServer

SWITCHES = (
    "check_https",
    "check_https_redirect",
    "check_hsts",
    "check_tls",
    "check_mixed_content",
    "check_ipv6",
)
SECURITY_KINDS = frozenset(
    {"no_https", "no_https_redirect", "no_hsts", "weak_tls", "mixed_content", "no_ipv6"}
)


def run(farm: Farm, server: FarmServer, on: bool) -> dict[str, object]:
    config = ScanConfig(
        urls=tuple(farm.start_urls),
        as_of=farm.as_of,
        allow_private=True,
        check_typos=False,
        timeout_s=10.0,
        concurrency=32,
        **dict.fromkeys(SWITCHES, on),  # type: ignore[arg-type]
    )
    before = len(server.traffic.requests)
    started = time.monotonic()
    reports = run_scan(config)
    seconds = time.monotonic() - started
    pages = sum(r.pages for r in reports)
    kinds = sorted({f.kind for r in reports for f in r.findings} & SECURITY_KINDS)
    return {
        "security_checks": on,
        "seconds": round(seconds, 2),
        "pages": pages,
        "pages_per_s": round(pages / seconds, 1),
        "requests": len(server.traffic.requests) - before,
        "security_kinds": kinds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args()
    farm = resource_farm(args.sites, args.pages, args.seed)
    server = FarmServer(farm).start()
    try:
        for _ in range(args.rounds):
            for on in (False, True):
                print(json.dumps(run(farm, server, on)), flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
