"""`ceping demo`: the rebuilt Shanghai 2012 campaign, end to end."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceping.cli.common import console, setup_django


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.cli.demo_view import print_outcome
    from ceping.cli.framework_view import category_table, framework_tree
    from ceping.demo.pipeline import run_demo

    console.print("[bold]ceping 演示：2012年度上海市政府网站测评（据通报重建的样例数据）[/]")
    outcome = run_demo(console, Path(args.out), sites=args.sites)
    framework = outcome.results.framework
    console.print(category_table(framework.category_names, outcome.imported, "被测单位"))
    console.print(framework_tree(framework))
    print_outcome(console, outcome)
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="运行据通报重建的2012年度上海市政府网站测评（全流程）")
    p.add_argument(
        "--out", default="out/2012", metavar="目录", help="通报和报告写入的目录（默认 out/2012）"
    )
    p.add_argument(
        "--sites", type=int, metavar="N", help="只测 N 个单位，各类别轮流选取（演示更快）"
    )
    p.set_defaults(handler=cmd_demo)
