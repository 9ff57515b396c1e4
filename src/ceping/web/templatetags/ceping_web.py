"""Filters for showing untrusted scanned content: links only to http(s), findings in Chinese."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ceping import vocabulary

register = template.Library()


@register.filter
def http_url(value: Any) -> str:
    """The URL if it is http(s), else "": a scanned javascript: or data: URL never becomes a
    link."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else ""


@register.filter
def marked(context: Any, word: Any) -> SafeString:
    """Scanned text with the first occurrence of `word` marked; both escaped."""
    text, word = str(context or ""), str(word or "")
    before, found, after = text.partition(word) if word else (text, "", "")
    if not found:
        return format_html("{}", text)
    return format_html("{}<mark>{}</mark>{}", before, found, after)


@register.filter
def kind_label(kind: str) -> str:
    return vocabulary.label_of(kind)


@register.filter
def evidence(finding: Any) -> list[tuple[str, str]]:
    """A stored finding's evidence as (label, value), its page left to the page column."""
    return vocabulary.evidence_items({**(finding.data or {}), "kind": finding.kind}, skip=("page",))


# The fields that say where a deduction's finding is, in the order a reader looks for it.
_WHERE_FIELDS = ("url", "probe", "page")
_URL_FIELDS = frozenset(_WHERE_FIELDS)


@register.filter
def deduction_evidence(deduction: Any) -> list[tuple[str, str, str]]:
    """(label, text, link) naming what a stored deduction was for: the link's or the probe's
    address, the page, a typo's text. `link` is the http(s) address or "" (never a link else)."""
    finding = (deduction.get("finding") if hasattr(deduction, "get") else None) or {}
    kind = str(finding.get("kind", ""))
    names = [n for n in (*_WHERE_FIELDS, "text") if finding.get(n) not in (None, "")]
    out = []
    for name in names:
        text = vocabulary.value_text(name, finding[name])
        link = http_url(text) if name in _URL_FIELDS else ""
        out.append((vocabulary.field_label(kind, name), text, link))
    return out


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
