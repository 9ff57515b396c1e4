"""`ceping framework validate`: check an indicator framework file and print its tree."""

from __future__ import annotations

import argparse

from ceping.cli.common import console


def cmd_framework_validate(args: argparse.Namespace) -> int:
    from ceping.cli.framework_view import framework_tree
    from ceping.framework import framework_file, load_framework

    # A file, or a shipped framework by name (`ceping framework validate national-2019`).
    framework = load_framework(framework_file(args.file))
    console.print(framework_tree(framework))
    console.print(f"[green]{args.file}：有效[/]")
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("framework", help="指标体系").add_subparsers(
        dest="framework_command", metavar="命令", required=True
    )
    p = group.add_parser("validate", help="检查指标体系文件（YAML）并显示指标树")
    p.add_argument("file", metavar="文件")
    p.set_defaults(handler=cmd_framework_validate)
