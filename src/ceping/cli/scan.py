"""`ceping scan`: machine inspection of sites outside any campaign, into the JSON of DESIGN §5.1."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from ceping.cli.common import (
    add_crawl_options,
    add_process_option,
    console,
    err_console,
    process_count,
    scan_config,
    setup_django,
)
from ceping.cli.scan_checks import add_page_check_options, with_page_checks

# Column types (scan/column_types.py) and the ScanConfig field holding each one's window.
WINDOW_FIELDS = {
    "动态要闻": "stale_news_days",
    "通知公告": "stale_notice_days",
    "政策文件": "stale_policy_days",
    "规划计划": "stale_plan_days",
    "人事信息": "stale_personnel_days",
    "互动": "stale_interaction_days",
    "其他": "stale_after_days",
}


def stale_window(text: str) -> tuple[str, int]:
    """`动态要闻=14` as (the ScanConfig field, days); a wrong one names what is allowed."""
    kind, _, days = text.partition("=")
    field = WINDOW_FIELDS.get(kind.strip())
    if field is None or not days.strip().isdigit() or int(days) < 1:
        raise argparse.ArgumentTypeError(
            f"应为 类型=天数（天数为正整数），类型为 {'、'.join(WINDOW_FIELDS)} 之一：{text}"
        )
    return field, int(days)


def cmd_scan(args: argparse.Namespace) -> int:
    """Crawl and check the sites, write the JSON, print a summary."""
    from ceping.cli.scan_view import LiveProgress, print_summary
    from ceping.scan import policy, to_json
    from ceping.scan.processes import run_scan_processes

    config = scan_config(args, urls=tuple(args.urls))
    config = with_page_checks(replace(config, **security_switches(args)), args)
    if args.stale_window:
        config = replace(config, **dict(args.stale_window))
        kinds = {field: kind for kind, field in WINDOW_FIELDS.items()}
        for field, days in args.stale_window:
            err_console.print(f"检测设置：{kinds[field]}栏目更新时限 = {days} 天", highlight=False)
    render_pages = policy.RENDER_PAGES_PER_SITE if args.render_pages is None else args.render_pages
    config = replace(config, render_pages=render_pages)
    started = time.monotonic()
    if args.distributed:
        setup_django()
        from ceping.campaign.distributed import scan_urls_distributed

        out = scan_urls_distributed(config.urls, config, timeout_s=args.wait)
        out.update(as_of=config.as_of.isoformat(), seconds=round(time.monotonic() - started, 3))
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"[green]{len(out['sites'])} 个网站已由检测节点完成，结果写入 {args.json}[/]")
        return 0
    workers = process_count(args)
    if args.quiet:
        reports = run_scan_processes(config, workers)
    else:
        with LiveProgress(err_console, config.urls) as progress:
            reports = run_scan_processes(config, workers, progress=progress)
    seconds = time.monotonic() - started
    out = to_json(reports, as_of=config.as_of.isoformat(), seconds=round(seconds, 3))
    Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.quiet:
        print_summary(console, reports, seconds, args.json)
    return 0


# The security posture checks a person may switch off: (option, ScanConfig field, help).
SECURITY_SWITCHES = (
    ("--no-https-redirect", "check_https_redirect", "不检查 HTTP 访问是否跳转到 HTTPS"),
    ("--no-hsts", "check_hsts", "不检查 HSTS 响应头"),
    ("--no-tls", "check_tls", "不检查 TLS 协议版本和证书"),
    ("--no-mixed-content", "check_mixed_content", "不检查 HTTPS 页面引用的 HTTP 资源"),
    ("--no-ipv6", "check_ipv6", "不检查 IPv6 访问"),
)


def security_switches(args: argparse.Namespace) -> dict[str, bool]:
    """The ScanConfig fields of the security checks switched off on the command line."""
    return {name: False for _, name, _ in SECURITY_SWITCHES if getattr(args, name) is False}


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scan", help="机器检测网站，结果写入 JSON 文件")
    p.add_argument("urls", nargs="+", metavar="网址")
    p.add_argument("--json", required=True, metavar="文件", help="结果写入的文件")
    add_crawl_options(p)
    add_process_option(p)
    for option, name, label in SECURITY_SWITCHES:
        p.add_argument(option, dest=name, action="store_false", default=None, help=label)
    add_page_check_options(p)
    p.add_argument(
        "--stale-window",
        action="append",
        type=stale_window,
        metavar="类型=天数",
        help=f"某类栏目的更新时限，可重复（类型：{'、'.join(WINDOW_FIELDS)}）",
    )
    p.add_argument(
        "--render-pages",
        type=int,
        metavar="N",
        help="每个网站最多用无头浏览器读取的脚本生成列表的栏目页数（0 为不用，默认按检测策略）",
    )
    p.add_argument("--quiet", action="store_true", help="不显示进度和汇总")
    p.set_defaults(handler=cmd_scan)
