"""What every command shares: the consoles, Django set-up and the crawl options of the scanning
commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:  # the scanner is imported only by the commands that scan
    from ceping.scan import ScanConfig

console = Console()
err_console = Console(stderr=True)

# The crawl options a person may set, with the name the scanner's settings give them and
# the words that show them back to the person.
CRAWL_OVERRIDES = (
    ("timeout", "timeout_s", "单次请求超时（秒）"),
    ("max_pages", "max_pages", "每个网站最多页面数"),
    ("concurrency", "concurrency", "同时请求数"),
    ("per_host", "per_host", "每个主机同时请求数"),
    ("max_depth", "max_depth", "最大链接深度"),
    ("delay", "delay_s", "同一主机请求间隔（秒）"),
)


def pin(text: str) -> tuple[str, tuple[str, ...]]:
    """An argparse type: `名称=地址[,地址…]` as a pinned host name (scan/hostmap.py)."""
    from ceping.scan.hostmap import parse_pin

    try:
        return parse_pin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"应为 主机名=IP地址[,IP地址…]（如 www.example.gov.cn=192.0.2.1）：{text}"
        ) from exc


def setup_django() -> None:
    """Configure Django for commands that use the database (the core never needs it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
    import django

    django.setup()


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"不是日期（应写作 年-月-日，如 2012-12-31）：{text}"
        ) from exc


def scan_config(args: argparse.Namespace, urls: tuple[str, ...]) -> ScanConfig:
    """The crawl options of `scan` and `campaign scan`; the defaults are ScanConfig's."""
    from ceping.scan import ScanConfig

    overrides = {}
    for option, name, label in CRAWL_OVERRIDES:
        value = getattr(args, option)
        if value is not None:
            overrides[name] = value
            err_console.print(f"检测设置：{label} = {value}", highlight=False)
    pins = tuple(args.resolve or ())
    if pins:
        shown = "、".join(f"{name} → {'、'.join(found)}" for name, found in pins[:3])
        more = f" 等 {len(pins)} 个" if len(pins) > 3 else ""
        err_console.print(f"检测设置：按指定地址解析主机名 {shown}{more}", highlight=False)
    return ScanConfig(
        urls=urls,
        pins=pins,
        as_of=args.as_of or dt.date.today(),
        allow_private=args.allow_private,
        obey_robots=not args.ignore_robots,
        check_typos=not args.no_typos,
        check_external=not args.no_external,
        **overrides,
    )


def add_crawl_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of", type=parse_date, metavar="日期", help="按此日期判断栏目是否更新（默认今天）"
    )
    p.add_argument("--timeout", type=float, metavar="秒", help="单次请求超时")
    p.add_argument(
        "--max-pages",
        type=int,
        metavar="N",
        help="每个网站最多检测的页面数（只检查不检测的链接也至多这么多）",
    )
    p.add_argument("--max-depth", type=int, metavar="N", help="从首页起的最大链接深度")
    p.add_argument("--concurrency", type=int, metavar="N", help="同时进行的请求数（默认 64）")
    p.add_argument("--per-host", type=int, metavar="N", help="对同一主机同时进行的请求数（默认 4）")
    p.add_argument("--delay", type=float, metavar="秒", help="对同一主机两次请求的间隔")
    p.add_argument(
        "--allow-private", action="store_true", help="允许检测本机和内网地址（测试、内网测评）"
    )
    p.add_argument("--ignore-robots", action="store_true", help="不遵守 robots.txt")
    p.add_argument(
        "--resolve",
        action="append",
        type=pin,
        metavar="主机名=地址",
        help="不查域名解析，把该主机名指向这些 IP 地址（可重复；如尚未生效的新域名、内网测评）",
    )
    p.add_argument("--no-typos", action="store_true", help="不检查错别字")
    p.add_argument("--no-external", action="store_true", help="不检查指向其他网站的链接")
    p.add_argument(
        "--distributed", action="store_true", help="每个网站一个 Celery 任务（先启动检测节点）"
    )
    p.add_argument(
        "--wait",
        type=float,
        default=24 * 3600,
        metavar="秒",
        help="与 --distributed 同用：等待检测节点的最长时间",
    )


def processes(text: str) -> int:
    """An argparse type: a count of crawler processes, at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


def add_process_option(p: argparse.ArgumentParser) -> None:
    """`--processes`: the sites are shared out among that many crawler processes."""
    p.add_argument(
        "--processes",
        "--workers",
        dest="processes",
        type=processes,
        metavar="N",
        help="同时运行的检测进程数，各进程分担网站（默认为本机处理器核数）",
    )


def process_count(args: argparse.Namespace) -> int:
    """The crawler processes asked for, else one per core."""
    from ceping.scan.processes import default_processes

    return args.processes if args.processes is not None else default_processes()
