"""The `ceping` command: one module per command group parses its arguments and calls the use cases;
the terminal views (`*_view.py`) print what they return."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from rich.markup import escape

from ceping.cli import (
    accounts,
    argparse_zh,
    campaign,
    demo,
    framework,
    monitor,
    scan,
    server,
    tokens,
    typo,
    units,
)
from ceping.cli.common import err_console
from ceping.errors import CepingError

Handler = Callable[[argparse.Namespace], int]

# The command groups, in the order `ceping --help` lists them.
GROUPS = (demo, scan, units, framework, campaign, typo, server, monitor, accounts, tokens)


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(prog="ceping", description="ceping 政府网站测评")
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for group in GROUPS:
        group.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CepingError as exc:
        # The message may quote a person's file (a name with "[...]" is no markup) and is never
        # broken across lines: a path or a web address must stay whole to be copied.
        err_console.print(f"[red]错误[/]：{escape(str(exc))}", highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        # A second Ctrl-C (the first one ends a scan with what it found) or one in any other
        # command: a plain line, not a traceback. What was stored before stays stored.
        err_console.print("[red]已中断[/]：命令没有做完。", highlight=False)
        return 130


def entry() -> NoReturn:
    """The `ceping` process: `main`, then deaf to Ctrl-C while Python shuts down. Python hands
    SIGINT back to the system's default there, so a second Ctrl-C soon after the first (which
    ends a scan with what it found) killed the finished command without a word and with status
    -2, its JSON already written. `main` itself leaves the signal alone: tests call it."""
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)
