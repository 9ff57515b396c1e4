"""Typos (错别字) in the visible text of every page, found by `ceping.typo.check_many`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import TYPO, Finding, PageResult

CONTEXT_CHARS = 20
_FIRST_PAGE = "typo.first_page"
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


# (text, suggestion, context) -> (first page, suspect, confidence)
FirstPages = dict[tuple[str, str, str], tuple[str, bool, float]]


def _record(page_url: str, text: str, typos: Sequence[Any], first_page: FirstPages) -> None:
    """Remember each typo in its context, with the first page (in URL order) that shows it."""
    for typo in typos:
        context = context_of(text, typo.start, typo.end)
        key = (str(typo.text), str(typo.suggestion), context)
        if key not in first_page or page_url < first_page[key][0]:
            # An engine without `suspect` gives guesses only: a person confirms each.
            suspect = bool(getattr(typo, "suspect", True))
            first_page[key] = (page_url, suspect, round(float(typo.confidence), 4))


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    check_many = ctx.memo.get("typo.checker") or checker()
    if check_many is None or not page.text:
        return []
    ctx.memo["typo.checker"] = check_many
    [typos] = check_many([page.text])
    _record(page.url, page.text, typos, ctx.memo.setdefault(_FIRST_PAGE, {}))
    return []


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    # Headers and footers repeat on every page: a typo in the same context is reported once per
    # site, on the first page in URL order, so that every scan of the site reports the same page.
    # DESIGN §5.1: a typo finding carries `suspect` (a person confirms it before it costs
    # points) and the engine's `confidence`.
    first_page: FirstPages = ctx.memo.get(_FIRST_PAGE, {})
    findings = tuple(
        Finding.make(
            TYPO,
            page=page,
            text=text,
            suggestion=suggestion,
            context=context,
            suspect=suspect,
            confidence=confidence,
        )
        for (text, suggestion, context), (page, suspect, confidence) in sorted(
            first_page.items(), key=lambda item: (item[1][0], item[0])
        )
    )
    return SiteOutcome(findings)


def warm_up() -> None:
    """Load the typo engine's data before the crawl, not inside the first page's timing."""
    module = importlib.import_module("ceping.typo")
    load = getattr(module, "load", None)
    if callable(load):
        load()
    module.check("政府网站建设工作通知")  # whatever the engine still builds on first use


def is_enabled(config: ScanConfig) -> bool:
    return config.check_typos and checker() is not None


CHECK = Check("typo", on_page=check_page, on_site=check_site, enabled=is_enabled, prepare=warm_up)
