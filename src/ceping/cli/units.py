"""`ceping units import` and `ceping portal import`: the tables a campaign starts from."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceping.cli.common import console, setup_django


def cmd_units_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named, read_framework
    from ceping.campaign.units import import_units, import_units_into
    from ceping.framework import framework_file

    if args.campaign:
        campaign = campaign_named(args.campaign)
        summary = import_units_into(campaign, Path(args.file))
        where = f"，已加入测评活动“{campaign.name}”（现有 {campaign.units.count()} 个单位）"
    else:
        framework, _ = read_framework(framework_file(args.framework))
        summary = import_units(Path(args.file), framework)
        where = f"（类别符合指标体系“{framework.name}”）"
    console.print(
        f"[green]{args.file}：新增 {summary.created} 个单位，更新 {summary.updated} 个{where}[/]"
    )
    return 0


def cmd_portal_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.portal import import_portal

    campaign = campaign_named(args.campaign)
    summary = import_portal(campaign, Path(args.file))
    console.print(
        f"[green]{args.file}：门户网站考核数据新增 {summary.created} 个单位，"
        f"更新 {summary.updated} 个[/]"
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ceping.framework import DEFAULT_FRAMEWORK

    group = sub.add_parser("units", help="被测单位和网站").add_subparsers(
        dest="units_command", metavar="命令", required=True
    )
    p = group.add_parser("import", help="从 CSV 或 XLSX 导入单位（全部导入或全不导入）")
    p.add_argument("file", metavar="文件")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--framework",
        default=DEFAULT_FRAMEWORK,
        metavar="指标体系",
        help=f"按此指标体系检查单位类别：内置名称或 YAML 文件（默认 {DEFAULT_FRAMEWORK}）",
    )
    which.add_argument(
        "--campaign", metavar="测评活动", help="按此测评活动的指标体系检查类别，并把单位加入该活动"
    )
    p.set_defaults(handler=cmd_units_import)

    group = sub.add_parser("portal", help="门户网站考核数据").add_subparsers(
        dest="portal_command", metavar="命令", required=True
    )
    p = group.add_parser(
        "import", help="从 CSV 或 XLSX 导入各单位的门户网站考核数据（全部导入或全不导入）"
    )
    p.add_argument("campaign", metavar="测评活动", help="测评活动名称（或编号）")
    p.add_argument("file", metavar="文件")
    p.set_defaults(handler=cmd_portal_import)
