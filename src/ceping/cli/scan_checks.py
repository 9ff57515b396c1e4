"""The check options of `ceping scan` and `ceping campaign scan`: which checks run, their word
lists and thresholds, the column windows and the headless browser. Defined once, parsed once
(`with_check_options`), so that a campaign is scanned exactly as `ceping scan` would scan it."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ceping.cli.common import err_console
from ceping.scan import policy
from ceping.scan.config import WINDOW_FIELDS

if TYPE_CHECKING:
    from ceping.scan import ScanConfig

# (option, ScanConfig field, what the option turns off)
SWITCHES = (
    ("no_identifiers", "check_identifiers", "不检查网站必备标识（标识码、备案号等）"),
    ("no_hidden_links", "check_hidden_links", "不检查暗链"),
    ("no_viewport", "check_viewport", "不检查移动终端适配（viewport）"),
    ("no_alt", "check_alt", "不检查图片替代文字"),
    ("no_accessible_mode", "check_accessible_mode", "不检查无障碍浏览入口"),
    ("no_lang", "check_lang", "不检查页面语言声明"),
)  # fmt: skip

# The security posture checks a person may switch off: (option, ScanConfig field, help).
SECURITY_SWITCHES = (
    ("--no-https-redirect", "check_https_redirect", "不检查 HTTP 访问是否跳转到 HTTPS"),
    ("--no-hsts", "check_hsts", "不检查 HSTS 响应头"),
    ("--no-tls", "check_tls", "不检查 TLS 协议版本和证书"),
    ("--no-mixed-content", "check_mixed_content", "不检查 HTTPS 页面引用的 HTTP 资源"),
    ("--no-ipv6", "check_ipv6", "不检查 IPv6 访问"),
)


def stale_window(text: str) -> tuple[str, int]:
    """`动态要闻=14` as (the ScanConfig field, days); a wrong one names what is allowed."""
    kind, _, days = text.partition("=")
    field = WINDOW_FIELDS.get(kind.strip())
    if field is None or not days.strip().isdigit() or int(days) < 1:
        raise argparse.ArgumentTypeError(
            f"应为 类型=天数（天数为正整数），类型为 {'、'.join(WINDOW_FIELDS)} 之一：{text}"
        )
    return field, int(days)


def word_file(text: str) -> tuple[str, ...]:
    """An argparse type: the words of a UTF-8 file, one a line."""
    from ceping.scan.wordlists import read_words

    try:
        return read_words(Path(text))
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"无法读取词表文件 {text}：{exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise argparse.ArgumentTypeError(f"词表文件 {text} 不是 UTF-8 编码") from exc


def share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"应为 0 到 1 之间的比例（如 0.5）：{text}")
    return value


def min_images(text: str) -> int:
    """An argparse type: how many content images a site needs before its alt text is judged."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为不小于 1 的整数：{text}")
    return int(text)


def identifier_list(text: str) -> tuple[str, ...]:
    """`icp,psb` as the identification marks a home page must show, each known."""
    from ceping.vocabulary import VALUE_LABELS

    known = VALUE_LABELS["identifier"]
    names = tuple(dict.fromkeys(name.strip() for name in text.replace("，", ",").split(",")))
    if not names or not all(name in known for name in names):
        choices = "、".join(f"{name}（{label}）" for name, label in known.items())
        raise argparse.ArgumentTypeError(f"应为逗号分隔的标识名，取自 {choices}：{text}")
    return names


def add_page_check_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("页面检查")
    group.add_argument(
        "--sensitive-words", type=word_file, metavar="文件", help="敏感词表（UTF-8，每行一个词）"
    )
    group.add_argument(
        "--hidden-link-words",
        type=word_file,
        metavar="文件",
        help="暗链关键词表，代替内置的博彩、色情等词表（UTF-8，每行一个词）",
    )
    group.add_argument(
        "--missing-alt-share",
        type=share,
        metavar="比例",
        help=f"内容图片缺少替代文字的比例超过此值时报告（默认 {policy.MISSING_ALT_SHARE}）",
    )
    group.add_argument(
        "--missing-alt-min-images",
        type=min_images,
        metavar="N",
        help=f"网站内容图片至少有此数量时才判断替代文字（默认 {policy.MISSING_ALT_MIN_IMAGES}）",
    )
    group.add_argument(
        "--identifiers",
        type=identifier_list,
        metavar="标识,…",
        help="首页必须展示的标识（默认全部：site_code 网站标识码、icp ICP备案编号、"
        "psb 公安机关备案号、conac 党政机关网站标识、jiucuo 我为政府网站找错）",
    )
    for option, _, label in SWITCHES:
        group.add_argument(f"--{option.replace('_', '-')}", action="store_true", help=label)
    add_resource_options(p)


def add_check_options(p: argparse.ArgumentParser) -> None:
    """Every check option: security switches, page checks, column windows, the browser."""
    group = p.add_argument_group("安全检查")
    for option, name, label in SECURITY_SWITCHES:
        group.add_argument(option, dest=name, action="store_false", default=None, help=label)
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


def security_switches(args: argparse.Namespace) -> dict[str, bool]:
    """The ScanConfig fields of the security checks switched off on the command line."""
    return {name: False for _, name, _ in SECURITY_SWITCHES if getattr(args, name) is False}


def with_page_checks(config: ScanConfig, args: argparse.Namespace) -> ScanConfig:
    """The config with the page-check options the person gave; the rest stays ScanConfig's."""
    changes: dict[str, object] = {
        name: False for option, name, _ in SWITCHES if getattr(args, option)
    }
    if args.sensitive_words is not None:
        changes["sensitive_words"] = args.sensitive_words
    if args.hidden_link_words is not None:
        changes["hidden_link_words"] = args.hidden_link_words
    for name in ("missing_alt_share", "missing_alt_min_images", "identifiers"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    return with_resource_checks(replace(config, **changes), args)  # type: ignore[arg-type]


# -- embedded resources (images, style sheets, scripts, media): on or off, and their budgets ---

# (option and ScanConfig field, what it limits)
RESOURCE_LIMITS = (
    ("max_resources", "每个网站最多检查的页面资源数"),
    ("max_resources_per_page", "每个页面最多检查的页面资源数"),
)


def resource_count(text: str) -> int:
    """An argparse type: how many resources, a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"应为不小于 1 的整数（不检查页面资源请用 --no-resources）：{text}"
        )
    return value


def add_resource_options(p: argparse.ArgumentParser) -> None:
    defaults = {
        "max_resources": policy.MAX_RESOURCES_PER_SITE,
        "max_resources_per_page": policy.MAX_RESOURCES_PER_PAGE,
    }
    group = p.add_argument_group("页面资源（图片、样式表、脚本、音视频等）")
    group.add_argument(
        "--no-resources",
        action="store_true",
        help="不检查页面引用的图片、样式表、脚本等资源，只检查页面链接和附件",
    )
    for option, words in RESOURCE_LIMITS:
        group.add_argument(
            f"--{option.replace('_', '-')}",
            type=resource_count,
            metavar="N",
            help=f"{words}（默认 {defaults[option]}）",
        )


def with_resource_checks(config: ScanConfig, args: argparse.Namespace) -> ScanConfig:
    """The config with the resource options the person gave, each told back once."""
    changes: dict[str, object] = {}
    if args.no_resources:
        changes["check_resources"] = False
        err_console.print("检测设置：不检查页面资源", highlight=False)
    for option, words in RESOURCE_LIMITS:
        value = getattr(args, option)
        if value is not None:
            changes[option] = value
            err_console.print(f"检测设置：{words} = {value}", highlight=False)
    return replace(config, **changes)  # type: ignore[arg-type]


def with_check_options(config: ScanConfig, args: argparse.Namespace) -> ScanConfig:
    """The config with every check option of `add_check_options` the person gave; the headless
    browser reads up to policy.RENDER_PAGES_PER_SITE pages unless told otherwise."""
    config = with_page_checks(replace(config, **security_switches(args)), args)
    if args.stale_window:
        config = replace(config, **dict(args.stale_window))
        kinds = {field: kind for kind, field in WINDOW_FIELDS.items()}
        for field, days in args.stale_window:
            err_console.print(f"检测设置：{kinds[field]}栏目更新时限 = {days} 天", highlight=False)
    render_pages = policy.RENDER_PAGES_PER_SITE if args.render_pages is None else args.render_pages
    return replace(config, render_pages=render_pages)
