"""`ceping scan`: machine inspection of sites outside any campaign, into the JSON of DESIGN §5.1."""

from __future__ import annotations

import argparse
import json
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from ceping.cli.common import (
    add_crawl_options,
    add_process_option,
    console,
    err_console,
    process_count,
    scan_config,
    setup_django,
)
from ceping.cli.scan_checks import add_check_options, with_check_options


def cmd_scan(args: argparse.Namespace) -> int:
    """Crawl and check the sites, write the JSON, print a summary."""
    from ceping.cli.scan_view import LiveProgress, print_summary
    from ceping.scan import to_json
    from ceping.scan.processes import run_scan_processes

    config = with_check_options(scan_config(args, urls=tuple(args.urls)), args)
    started = time.monotonic()
    if args.distributed:
        setup_django()
        from ceping.campaign.distributed import scan_urls_distributed

        out = scan_urls_distributed(config.urls, config, timeout_s=args.wait)
        out.update(as_of=config.as_of.isoformat(), seconds=round(time.monotonic() - started, 3))
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"[green]{len(out['sites'])} 个网站已由检测节点完成，结果写入 {args.json}[/]")
        return 0
    workers = process_count(args)
    # Ctrl-C or a kill ends the scan with what it found so far, each site marked partial: the
    # JSON is written all the same (a second Ctrl-C aborts).
    with _term_as_interrupt():
        if args.quiet:
            reports = run_scan_processes(config, workers, keep_when_stopped=True)
        else:
            with LiveProgress(err_console, config.urls) as progress:
                reports = run_scan_processes(
                    config, workers, progress=progress, keep_when_stopped=True
                )
    seconds = time.monotonic() - started
    out = to_json(reports, as_of=config.as_of.isoformat(), seconds=round(seconds, 3))
    Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.quiet:
        print_summary(console, reports, seconds, args.json)
    return 0


@contextmanager
def _term_as_interrupt() -> Iterator[None]:
    """SIGTERM (`kill`, a service manager) handled as Ctrl-C while inside."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        signal.raise_signal(signal.SIGINT)

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scan", help="机器检测网站，结果写入 JSON 文件")
    p.add_argument("urls", nargs="+", metavar="网址")
    p.add_argument("--json", required=True, metavar="文件", help="结果写入的文件")
    add_crawl_options(p)
    add_check_options(p)
    add_process_option(p)
    p.add_argument("--quiet", action="store_true", help="不显示进度和汇总")
    p.set_defaults(handler=cmd_scan)
