"""Run ceping's scan as `ceping scan --quiet --no-typos` does, with the bench's switches, into JSON.

    python bench/crawl_ceping.py OUT.json AS_OF CONCURRENCY PROCESSES CHECKS RESOURCES URL...

CHECKS is `default`, `off` (every check of issue #17 off: identification marks, hidden links,
viewport, alt text, accessible mode, lang, the security posture checks) or `all` (those on, and a
sensitive-word list as a campaign would give). RESOURCES is `on` or `off` (embedded resources
checked or not). The same engine and driver as the command (`run_scan_processes`); a runner of
its own because the command has no switch for every variant the bench compares.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from ceping.scan import ScanConfig, to_json
from ceping.scan.processes import run_scan_processes

ISSUE_17_SWITCHES = (
    "check_identifiers",
    "check_hidden_links",
    "check_viewport",
    "check_alt",
    "check_accessible_mode",
    "check_lang",
    "check_https_redirect",
    "check_hsts",
    "check_tls",
    "check_mixed_content",
    "check_ipv6",
)
# A campaign's list is its own; these stand for one of a few dozen words.
SENSITIVE_WORDS = (
    *("博彩", "赌场", "六合彩", "代开发票", "办证"),
    *("枪支", "法轮", "色情", "私服", "刷单"),
)


def config_for(args: list[str]) -> tuple[Path, ScanConfig, int]:
    out, as_of, concurrency, processes, checks, resources, *urls = args
    config = ScanConfig(
        urls=tuple(urls),
        as_of=dt.date.fromisoformat(as_of),
        allow_private=True,
        check_typos=False,
        timeout_s=10.0,
        concurrency=int(concurrency),
        check_resources=resources == "on",
    )
    if checks == "off":
        config = replace(config, **dict.fromkeys(ISSUE_17_SWITCHES, False))
    elif checks == "all":
        config = replace(config, sensitive_words=SENSITIVE_WORDS)
    return Path(out), config, int(processes)


def main() -> int:
    out, config, processes = config_for(sys.argv[1:])
    started = time.monotonic()
    reports = run_scan_processes(config, processes)
    seconds = round(time.monotonic() - started, 3)
    doc = to_json(reports, as_of=config.as_of.isoformat(), seconds=seconds)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
