"""Typos (错别字) in the visible text of every page, found by `ceping.typo.check_many`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ceping.scan.checks.base import Check, CheckContext
from ceping.scan.config import ScanConfig
from ceping.scan.models import TYPO, Finding, PageResult

CONTEXT_CHARS = 20
CheckMany = Callable[[Iterable[str]], Sequence[Sequence[Any]]]


def checker() -> CheckMany | None:
    """`ceping.typo.check_many` when that engine is installed, else None (the check is skipped)."""
    try:
        module = importlib.import_module("ceping.typo")
    except ImportError:
        return None
    found = getattr(module, "check_many", None)
    return found if callable(found) else None


def context_of(text: str, start: int, end: int) -> str:
    """About 20 characters either side of a typo, on one line."""
    left = max(0, start - CONTEXT_CHARS)
    return " ".join(text[left : end + CONTEXT_CHARS].split())


def findings_for(page_url: str, text: str, typos: Sequence[Any], seen: set[tuple[str, ...]]) -> list[Finding]:
    out: list[Finding] = []
    for typo in typos:
        context = context_of(text, typo.start, typo.end)
        # Headers and footers repeat on every page; a typo there is reported once per site.
        key = (str(typo.text), str(typo.suggestion), context)
        if key in seen:
            continue
        seen.add(key)
        out.append(Finding.make(TYPO, page=page_url, text=str(typo.text),
                                suggestion=str(typo.suggestion), context=context))
    return out


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    check_many = ctx.memo.get("typo.checker") or checker()
    if check_many is None or not page.text:
        return []
    ctx.memo["typo.checker"] = check_many
    seen: set[tuple[str, ...]] = ctx.memo.setdefault("typo.seen", set())
    [typos] = check_many([page.text])
    return findings_for(page.url, page.text, typos, seen)


def warm_up() -> None:
    """Load the typo engine's data before the crawl, not inside the first page's timing."""
    module = importlib.import_module("ceping.typo")
    load = getattr(module, "load", None)
    if callable(load):
        load()
    module.check("政府网站建设工作通知")  # whatever the engine still builds on first use


def is_enabled(config: ScanConfig) -> bool:
    return config.check_typos and checker() is not None


CHECK = Check("typo", on_page=check_page, enabled=is_enabled, prepare=warm_up)
