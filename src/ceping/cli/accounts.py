"""`ceping accounts import`: expert and unit accounts from a sheet, as on the organizer's page."""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path
from typing import TextIO

from rich.markup import escape
from rich.table import Table

from ceping.cli.common import console, setup_django
from ceping.errors import CANNOT_WRITE, CepingError

PASSWORD_COLUMNS = ("用户名", "姓名", "角色", "所属单位", "初始密码")


def cmd_accounts_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.accounts import import_accounts

    out = Path(args.passwords) if args.passwords else None
    # The passwords file is made before any account: a password must have somewhere to go (a
    # missing folder once left the accounts made and their passwords nowhere).
    sheet = _new_passwords_file(out) if out is not None else None
    try:
        made = import_accounts(Path(args.file), who=None)
    except BaseException:
        if sheet is not None and out is not None:  # nothing made: no file left behind either
            sheet.close()
            out.unlink()
        raise
    rows = [(a.username, a.full_name, a.role, a.unit, a.password) for a in made]
    if sheet is None or out is None:
        table = Table(*PASSWORD_COLUMNS, title="初始密码只显示这一次，请现在记录")
        for row in rows:
            table.add_row(*map(escape, row))  # names from a person's sheet: no markup
        console.print(table)
    else:
        _write_passwords(sheet, out, rows)
        # A path is never broken across lines (it is copied) nor read as markup ("[…]").
        console.print(
            f"初始密码已写入 {escape(str(out))}（只有本人可读），请交给各账号本人后删除该文件。",
            soft_wrap=True,
        )
    console.print(
        f"[green]{escape(args.file)}：已导入 {len(made)} 个账号，首次登录后须修改密码[/]",
        soft_wrap=True,
    )
    return 0


def _new_passwords_file(path: Path) -> TextIO:
    """A new CSV only its owner may read (never over another file), open for writing."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise CepingError(
            f"{path}：文件已存在，请换一个文件名（初始密码不会覆盖已有文件）"
        ) from exc
    except OSError as exc:
        raise CepingError(f"{path}：{CANNOT_WRITE}") from exc
    return os.fdopen(fd, "w", encoding="utf-8-sig", newline="")


def _write_passwords(sheet: TextIO, path: Path, rows: list[tuple[str, ...]]) -> None:
    try:
        with sheet:
            writer = csv.writer(sheet)
            writer.writerow(PASSWORD_COLUMNS)
            writer.writerows(rows)
    except OSError as exc:
        raise CepingError(f"{path}：{CANNOT_WRITE}") from exc


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("accounts", help="专家和被测单位账号").add_subparsers(
        dest="accounts_command", metavar="命令", required=True
    )
    p = group.add_parser(
        "import",
        help="从 CSV 或 XLSX 批量创建专家和被测单位账号（全部导入或全不导入）",
        description="表头：用户名、角色（专家或被测单位）、姓名、单位代码（被测单位账号必填）。"
        "每个账号生成一次性初始密码，首次登录后须修改。",
    )
    p.add_argument("file", metavar="文件")
    p.add_argument(
        "--passwords",
        metavar="文件",
        help="把初始密码写入这个新的 CSV 文件（只有本人可读）；不给时在终端显示一次",
    )
    p.set_defaults(handler=cmd_accounts_import)
