"""The `ceping` command: parses arguments, reads the environment, calls the core, prints."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console

from ceping.errors import CepingError

console = Console()
err_console = Console(stderr=True)

Handler = Callable[[argparse.Namespace], int]


def setup_django() -> None:
    """Configure Django for commands that use the database (the core never needs it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
    import django

    django.setup()


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print("[green]数据库已就绪[/]")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def cmd_scan(args: argparse.Namespace) -> int:
    """Crawl and check the sites, write the JSON of DESIGN §5.1, print a summary."""
    import json
    import time
    from pathlib import Path

    from ceping.scan import ScanConfig, run_scan, to_json
    from ceping.scan_console import LiveProgress, print_summary

    overrides = {k: v for k, v in (("timeout_s", args.timeout), ("max_pages", args.max_pages),
                                    ("concurrency", args.concurrency), ("per_host", args.per_host),
                                    ("max_depth", args.max_depth), ("delay_s", args.delay))
                 if v is not None}
    config = ScanConfig(
        urls=tuple(args.urls), as_of=args.as_of or dt.date.today(), allow_private=args.allow_private,
        obey_robots=not args.ignore_robots, check_typos=not args.no_typos,
        check_external=not args.no_external, **overrides,
    )
    for name, value in sorted(overrides.items()):
        err_console.print(f"scan: {name} = {value}", highlight=False)
    started = time.monotonic()
    if args.quiet:
        reports = run_scan(config)
    else:
        with LiveProgress(err_console, config.urls) as progress:
            reports = run_scan(config, progress=progress)
    seconds = time.monotonic() - started
    out = to_json(reports, as_of=config.as_of.isoformat(), seconds=round(seconds, 3))
    Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.quiet:
        print_summary(console, reports, seconds, args.json)
    return 0


def _add_scan_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scan", help="machine inspection of websites (JSON of DESIGN §5.1)")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--json", required=True, metavar="PATH", help="where to write the results")
    p.add_argument("--as-of", type=_date, help="judge staleness against this date (default today)")
    p.add_argument("--timeout", type=float, metavar="S", help="per-request timeout in seconds")
    p.add_argument("--max-pages", type=int, metavar="N", help="pages per site at most")
    p.add_argument("--max-depth", type=int, metavar="N", help="link depth from the home page")
    p.add_argument("--concurrency", type=int, metavar="N", help="requests in flight (default 64)")
    p.add_argument("--per-host", type=int, metavar="N", help="requests in flight per host (default 4)")
    p.add_argument("--delay", type=float, metavar="S", help="pause between requests to one host")
    p.add_argument("--allow-private", action="store_true",
                   help="allow loopback and private addresses (tests, intranet campaigns)")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    p.add_argument("--no-typos", action="store_true", help="skip the typo check")
    p.add_argument("--no-external", action="store_true", help="do not check links to other sites")
    p.add_argument("--quiet", action="store_true", help="no progress display nor summary")
    p.set_defaults(handler=cmd_scan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceping", description="ceping 政府网站测评")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database")
    p.set_defaults(handler=cmd_migrate)
    _add_scan_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CepingError as exc:
        err_console.print(f"[red]错误[/]: {exc}", markup=True, highlight=False)
        return 2


if __name__ == "__main__":
    sys.exit(main())
