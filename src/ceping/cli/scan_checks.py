"""The page-check options of `ceping scan`: which checks run, their word lists and thresholds."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
        help="内容图片缺少替代文字的比例超过此值时报告（默认 0.5）",
    )
    for option, _, label in SWITCHES:
        group.add_argument(f"--{option.replace('_', '-')}", action="store_true", help=label)


def with_page_checks(config: ScanConfig, args: argparse.Namespace) -> ScanConfig:
    """The config with the page-check options the person gave; the rest stays ScanConfig's."""
    changes: dict[str, object] = {
        name: False for option, name, _ in SWITCHES if getattr(args, option)
    }
    if args.sensitive_words is not None:
        changes["sensitive_words"] = args.sensitive_words
    if args.hidden_link_words is not None:
        changes["hidden_link_words"] = args.hidden_link_words
    if args.missing_alt_share is not None:
        changes["missing_alt_share"] = args.missing_alt_share
    return replace(config, **changes)  # type: ignore[arg-type]
