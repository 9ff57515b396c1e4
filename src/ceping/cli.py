"""The `ceping` command: parses arguments, reads the environment, calls the core, prints."""

from __future__ import annotations

import argparse
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceping", description="ceping 政府网站测评")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database")
    p.set_defaults(handler=cmd_migrate)
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
