"""The command line's own words in Chinese: usage, section titles and argument errors.

argparse looks its messages up through gettext at the moment it prints them, by the module
name `_`; the catalog below answers those lookups. A message not in it stays as argparse
wrote it, so a newer Python adds no crash, only an English line until it is added here.
"""

from __future__ import annotations

import argparse

CATALOG = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "不是有效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "没有这个选项：%(value)r（可选：%(choices)s）"
    ),
    "expected one argument": "后面应跟一个值",
    "expected at least one argument": "后面应至少跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "one of the arguments %s is required": "以下参数必须填写其中一个：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值：%r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有这个命令：%(parser_name)r（可用：%(choices)s）"
    ),
}


def _translate(message: str) -> str:
    return CATALOG.get(message, message)


def install() -> None:
    """Answer argparse's message lookups from the catalog, for this process."""
    setattr(argparse, "_", _translate)  # noqa: B010 - argparse reads its module global `_`
