"""`ceping demo`: the rebuilt Shanghai 2012 campaign, or a small national-2019 one, end to end."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceping.cli.common import console, setup_django
from ceping.errors import CepingError

SHANGHAI, NATIONAL = "shanghai-2012", "national-2019"
DEFAULT_OUT = {SHANGHAI: "out/2012", NATIONAL: "out/national-2019"}


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.cli.demo_view import print_national_outcome, print_outcome
    from ceping.cli.framework_view import category_table, framework_tree
    from ceping.demo.national import run_national_demo
    from ceping.demo.pipeline import run_demo

    out = Path(args.out or DEFAULT_OUT[args.framework])
    if args.framework == NATIONAL:
        if args.sites:
            raise CepingError("--sites 只用于上海2012年度演示；国家指标演示的单位是固定的")
        console.print("[bold]ceping 演示：政府网站检查（国办秘函〔2019〕19号，虚构的演示单位）[/]")
        outcome = run_national_demo(console, out)
        console.print(framework_tree(outcome.results.framework))
        print_national_outcome(console, outcome)
        return 0
    console.print("[bold]ceping 演示：2012年度上海市政府网站测评（据通报重建的样例数据）[/]")
    outcome = run_demo(console, out, sites=args.sites)
    framework = outcome.results.framework
    console.print(category_table(framework.category_names, outcome.imported, "被测单位"))
    console.print(framework_tree(framework))
    print_outcome(console, outcome)
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="运行据通报重建的2012年度上海市政府网站测评（全流程）")
    p.add_argument(
        "--framework",
        choices=(SHANGHAI, NATIONAL),
        default=SHANGHAI,
        help=f"演示的指标体系（默认 {SHANGHAI}；{NATIONAL} 为国家检查指标的小型演示）",
    )
    p.add_argument(
        "--out",
        metavar="目录",
        help=f"通报和报告写入的目录（默认 {DEFAULT_OUT[SHANGHAI]}，国家指标演示 "
        f"{DEFAULT_OUT[NATIONAL]}）",
    )
    p.add_argument(
        "--sites", type=int, metavar="N", help="只测 N 个单位，各类别轮流选取（演示更快）"
    )
    p.set_defaults(handler=cmd_demo)
