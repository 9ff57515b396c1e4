"""The `ceping` command: parses arguments, reads the environment, calls the core, prints."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

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


def cmd_framework_validate(args: argparse.Namespace) -> int:
    from ceping.console import framework_tree
    from ceping.framework import load_framework

    framework = load_framework(args.file)
    console.print(framework_tree(framework))
    console.print(f"[green]{args.file}: 有效[/]")
    return 0


def cmd_units_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.web.services.units import import_units

    summary = import_units(Path(args.file))
    console.print(f"[green]{args.file}: 新增 {summary.created} 个单位，更新 {summary.updated} 个[/]")
    return 0


def cmd_portal_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.errors import InputError, Problem
    from ceping.web.models import Campaign
    from ceping.web.services.portal import import_portal

    match = Campaign.objects.filter(name=args.campaign) or (
        Campaign.objects.filter(pk=int(args.campaign)) if args.campaign.isdigit() else Campaign.objects.none()
    )
    campaign = match.first()
    if campaign is None:
        raise InputError([Problem("<command>", "", "CAMPAIGN", f"no campaign named {args.campaign!r}")])
    summary = import_portal(campaign, Path(args.file))
    console.print(f"[green]{args.file}: 门户网站考核数据新增 {summary.created} 个单位，更新 {summary.updated} 个[/]")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from ceping.console import category_table, framework_tree
    from ceping.demo import DEMO_CAMPAIGN, DEMO_YEAR, units_path
    from ceping.framework import shipped_framework_path
    from ceping.web.models import Category
    from ceping.web.services.campaigns import create_campaign
    from ceping.web.services.units import import_units

    call_command("migrate", interactive=False, verbosity=0)
    imported = import_units(units_path())
    campaign, framework = create_campaign(
        DEMO_CAMPAIGN, DEMO_YEAR, shipped_framework_path("shanghai-2012"), is_sample_data=True
    )
    console.print(f"单位：新增 {imported.created}，更新 {imported.updated}（示例数据，据2012年通报重建）")
    units = campaign.units.all()
    console.print(f"[bold]{campaign.name}[/]")
    console.print(category_table(Category.values, (u.category for u in units), "被测单位"))
    console.print(framework_tree(framework))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceping", description="ceping 政府网站测评")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database")
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("demo", help="run the rebuilt Shanghai 2012 campaign")
    p.set_defaults(handler=cmd_demo)

    framework = sub.add_parser("framework", help="indicator frameworks").add_subparsers(
        dest="framework_command", required=True
    )
    p = framework.add_parser("validate", help="validate a framework YAML file and print its tree")
    p.add_argument("file")
    p.set_defaults(handler=cmd_framework_validate)

    units = sub.add_parser("units", help="units and their sites").add_subparsers(dest="units_command", required=True)
    p = units.add_parser("import", help="import units from CSV or XLSX (all or nothing)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_units_import)

    portal = sub.add_parser("portal", help="the portal office's statistics").add_subparsers(
        dest="portal_command", required=True
    )
    p = portal.add_parser("import", help="import per-unit portal statistics from CSV or XLSX (all or nothing)")
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign name (or id)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_portal_import)
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
