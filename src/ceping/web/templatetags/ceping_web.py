"""Filters for showing untrusted scanned content: links only to http(s), finding kinds in Chinese."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

KIND_LABELS = {
    "broken_link": "错链断链", "typo": "错别字", "stale_column": "栏目更新不及时", "blank_column": "空白栏目",
    "missing_feature": "缺少功能", "slow_page": "页面打开慢", "unreachable": "网站无法访问",
    "no_https": "未启用 HTTPS", "trap": "链接陷阱",
}  # fmt: skip


@register.filter
def http_url(value: Any) -> str:
    """The URL if it is http(s), else "": a scanned javascript: or data: URL never becomes a link."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else ""


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value + 0.0:.1f}%".replace("-0.0%", "0.0%")


@register.filter
def in_percent(value: float | None) -> str:
    """A value already in percent (a statistic's rate), with one decimal as the notice prints it."""
    return "—" if value is None else f"{value + 0.0:.1f}%".replace("-0.0%", "0.0%")
