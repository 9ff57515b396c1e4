"""A framework's `scan:` section: how the scanner checks the sites of a campaign run under it.

The national rules fix windows and thresholds (动态要闻 2 weeks, 首页 2 weeks, 留言 3 months …)
and a local framework may switch a check off or name its own words; written here, they apply to
every campaign scan of that framework, from the command line or the browser alike. What is read
is a plain mapping of ScanConfig field → value (campaign/scans.py applies it):

    scan:
      checks: {ipv6: false, hsts: false}          # a check on or off
      windows: {动态要闻: 14, 通知公告: 183}        # days per column type
      thresholds: {stale_home_days: 14, slow_page_ms: 3000}
      sensitive_words: [某词, 另一词]
      identifiers: [site_code, icp, psb]        # the marks a home page must show
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ceping.framework.yamlsource import LineDict
from ceping.scan.config import CHECK_SWITCHES, THRESHOLDS, WINDOW_FIELDS, WORD_LISTS
from ceping.vocabulary import VALUE_LABELS

SECTIONS = frozenset({"checks", "windows", "thresholds", "identifiers", *WORD_LISTS})
# The identification marks a home page must show (missing_identifier): all five unless a
# framework names fewer (a campaign whose sites carry no 找错 entry yet, say).
IDENTIFIERS = VALUE_LABELS["identifier"]
MAX_WORDS = 10_000  # a word list a framework file carries; real ones hold dozens
Problem = Callable[[int, str, str], None]


def read_scan_settings(root: LineDict, problem: Problem) -> Mapping[str, object]:
    """The ScanConfig fields the `scan:` section sets; each mistake told through `problem`."""
    raw = root.get("scan")
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, LineDict):
        problem(root.line_of("scan"), "scan", "应为键值表（checks、windows、thresholds 等）")
        return MappingProxyType({})
    settings: dict[str, object] = {}
    for key in raw:
        line, where = raw.line_of(key), f"scan.{key}"
        if key not in SECTIONS:
            problem(line, where, f"不认识的字段（可用：{'、'.join(sorted(SECTIONS))}）")
        elif key == "identifiers":
            names = _identifiers(raw[key])
            if names is None:
                known = "、".join(f"{name}（{label}）" for name, label in IDENTIFIERS.items())
                problem(line, where, f"应为必备标识的列表，至少一项，取自 {known}")
            else:
                settings[key] = names
        elif key in WORD_LISTS:
            words = _words(raw[key])
            if words is None:
                problem(line, where, f"{WORD_LISTS[key]}应为词语的列表（至多 {MAX_WORDS} 个）")
            else:
                settings[key] = words
        else:
            section = raw[key]
            if not isinstance(section, LineDict):
                problem(line, where, "应为键值表")
                continue
            read = {"checks": _checks, "windows": _windows, "thresholds": _thresholds}[key]
            settings.update(read(section, where, problem))
    return MappingProxyType(settings)


def _checks(section: LineDict, where: str, problem: Problem) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, value in section.items():
        field = CHECK_SWITCHES.get(name)
        if field is None:
            known = "、".join(CHECK_SWITCHES)
            problem(section.line_of(name), f"{where}.{name}", f"没有这项检查（可用：{known}）")
        elif not isinstance(value, bool):
            problem(section.line_of(name), f"{where}.{name}", "应为 true（检查）或 false（不检查）")
        else:
            found[field] = value
    return found


def _windows(section: LineDict, where: str, problem: Problem) -> dict[str, object]:
    found: dict[str, object] = {}
    for kind, value in section.items():
        field = WINDOW_FIELDS.get(kind)
        if field is None:
            known = "、".join(WINDOW_FIELDS)
            problem(section.line_of(kind), f"{where}.{kind}", f"没有这种栏目类型（可用：{known}）")
        elif not _whole(value):
            problem(section.line_of(kind), f"{where}.{kind}", "更新时限应为正整数（天）")
        else:
            found[field] = value
    return found


def _thresholds(section: LineDict, where: str, problem: Problem) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, value in section.items():
        line, field = section.line_of(name), f"{where}.{name}"
        if name not in THRESHOLDS:
            problem(line, field, f"没有这个界限（可用：{'、'.join(THRESHOLDS)}）")
            continue
        kind, label = THRESHOLDS[name]
        if kind is int and not _whole(value):
            problem(line, field, f"{label}应为正整数")
        elif kind is float and not (_number(value) and 0 <= float(value) <= 1):
            problem(line, field, f"{label}应为 0 到 1 之间的数")
        else:
            found[name] = kind(value)
    return found


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _words(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or len(value) > MAX_WORDS:
        return None
    words = tuple(str(w).strip() for w in value if isinstance(w, str | int) and str(w).strip())
    return words if len(words) == len(value) else None


def _identifiers(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return None
    names = tuple(dict.fromkeys(v.strip() for v in value))  # in order, each once
    return names if all(name in IDENTIFIERS for name in names) else None
