"""`ceping typo review`: the organizer confirms or dismisses suspect typos through a sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceping.cli.common import console, setup_django


def cmd_typo_review(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.typos import CONFIRM, DISMISS, apply_review_sheet, write_review_sheet

    campaign = campaign_named(args.campaign)
    if args.apply:
        summary = apply_review_sheet(campaign, Path(args.apply))
        console.print(
            f"[green]{campaign.name}：确认 {summary.confirmed} 条，核销 {summary.dismissed} 条，"
            f"待定 {summary.undecided} 条；重新计分后生效（ceping campaign score）[/]"
        )
        return 0
    count = write_review_sheet(campaign, Path(args.export))
    console.print(
        f"[green]{campaign.name}：{count} 条疑似错别字写入 {args.export}；在“结论”列填"
        f"“{CONFIRM}”或“{DISMISS}”，再用 --apply 读回[/]"
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("typo", help="错别字").add_subparsers(
        dest="typo_command", metavar="命令", required=True
    )
    p = group.add_parser(
        "review", help="疑似错别字的人工核实：导出核实表，填好后读回（确认的才扣分）"
    )
    p.add_argument("campaign", metavar="测评活动")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--export", metavar="文件", help="把待核实的疑似错别字写入 CSV 文件")
    which.add_argument("--apply", metavar="文件", help="读回填好“结论”列的核实表（CSV 或 XLSX）")
    p.set_defaults(handler=cmd_typo_review)
