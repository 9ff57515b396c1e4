"""A deduction's finding told in words, so a unit knows exactly what to fix (untrusted text cleaned)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ceping.report.text import clean

FEATURES = {"search": "站内搜索", "english": "外文版"}
MAX_FIELD = 300  # a hostile page can put megabytes in a context; a report needs a line


def _field(finding: Mapping[str, Any], key: str) -> str:
    value = clean(finding.get(key))
    return value if len(value) <= MAX_FIELD else value[: MAX_FIELD - 1] + "…"


def describe(finding: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of a finding's evidence, in the order a reader checks them."""
    kind = clean(finding.get("kind"))
    page = ("页面", _field(finding, "page"))
    if kind == "broken_link":
        status = finding.get("status")
        answer = (
            f"HTTP {clean(status)}" if status is not None else _field(finding, "error") or "无响应"
        )
        return [
            ("所在页面", _field(finding, "page")),
            ("失效链接", _field(finding, "url")),
            ("访问结果", answer),
        ]
    if kind == "typo":
        return [
            page,
            ("错误", f"“{_field(finding, 'text')}”应为“{_field(finding, 'suggestion')}”"),
            ("上下文", _field(finding, "context")),
        ]
    if kind == "stale_column":
        return [
            ("栏目", _field(finding, "page")),
            ("最新信息日期", _field(finding, "latest")),
            ("未更新天数", _field(finding, "days")),
        ]
    if kind == "blank_column":
        return [("空白栏目", _field(finding, "page"))]
    if kind == "missing_feature":
        feature = _field(finding, "feature")
        return [("缺少", FEATURES.get(feature, feature))]
    if kind == "slow_page":
        return [page, ("打开用时", f"{_field(finding, 'ms')} 毫秒")]
    pairs = [(clean(k), _field(finding, k)) for k in sorted(finding) if k != "kind"]
    return [("类型", kind), *pairs] if kind else pairs


def describe_line(finding: Mapping[str, Any]) -> str:
    return "；".join(f"{label}：{value}" for label, value in describe(finding) if value)
