"""`ceping token issue`: an API token for a script, with its scopes and lifetime (as the
接口令牌 page issues them)."""

from __future__ import annotations

import argparse

from ceping.cli.common import console, setup_django

# The scopes as the API names them (ceping.web.models.TokenScope), listed here so that `--help`
# needs no database.
SCOPES = ("units", "findings", "results", "experts", "survey")
DAYS_MAX = 365


def _days(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= DAYS_MAX:
        raise argparse.ArgumentTypeError(f"有效期应为 1 到 {DAYS_MAX} 天：“{text}”")
    return int(text)


def cmd_token_issue(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model

    from ceping.campaign.accounts import issue_api_token
    from ceping.errors import InputError, Problem, quoted

    user = get_user_model().objects.filter(username=args.user, is_active=True).first()
    if user is None:
        raise InputError([Problem("命令行", "", "用户名", f"没有启用的用户{quoted(args.user)}")])
    raw = issue_api_token(user, args.name, sorted(set(args.scope)), args.days)
    console.print(
        f"[green]已为 {args.user} 生成接口令牌（{args.days} 天后到期，只显示这一次）：[/]"
    )
    console.print(raw, markup=False, highlight=False, soft_wrap=True)
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("token", help="接口令牌").add_subparsers(
        dest="token_command", metavar="命令", required=True
    )
    p = group.add_parser("issue", help="为用户生成接口令牌（选定可访问范围和有效期）")
    p.add_argument("user", metavar="用户名")
    p.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=SCOPES,
        metavar="范围",
        help=f"可访问范围，可重复：{'、'.join(SCOPES)}",
    )
    p.add_argument("--days", type=_days, default=90, metavar="天数", help="有效期（默认 90 天）")
    p.add_argument("--name", default="", metavar="用途", help="令牌的用途说明")
    p.set_defaults(handler=cmd_token_issue)
