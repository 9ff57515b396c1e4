"""Typos (错别字) in the visible text of every page, found by `ceping.typo.check_many`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import TYPO, Finding, PageResult

CONTEXT_CHARS = 20
_SEEN = "typo.seen"
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


# A sentence ends at these marks (or a line break); a typo's sentence is where it repeats.
_SENTENCE_END = "。！？!?；;\n"
MAX_SENTENCE_CHARS = 60  # either side of the typo: a "sentence" of a page without punctuation
# Other pages a finding names besides its first: enough for a person to see it repeats.
MAX_OTHER_PAGES = 4


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], spaces folded: the same typo in the same sentence is
    one defect wherever it appears."""
    left = max(text.rfind(c, max(0, start - MAX_SENTENCE_CHARS), start) for c in _SENTENCE_END)
    right = [i for c in _SENTENCE_END if (i := text.find(c, end, end + MAX_SENTENCE_CHARS)) >= 0]
    begin = left + 1 if left >= 0 else max(0, start - MAX_SENTENCE_CHARS)
    stop = min(right) + 1 if right else min(len(text), end + MAX_SENTENCE_CHARS)
    return " ".join(text[begin:stop].split())


@dataclass
class _Seen:
    """One typo in one sentence, over the site's pages."""

    pages: set[str]
    first: str  # the first page in URL order, named as the finding's page
    context: str  # as that page shows it
    suspect: bool
    confidence: float


# (text, suggestion, sentence) -> where the typo was seen
Seen = dict[tuple[str, str, str], _Seen]


def _record(page_url: str, text: str, typos: Sequence[Any], seen: Seen) -> None:
    """Remember each typo in its sentence, every page that shows it, and the first of them (in
    URL order) with its context."""
    for typo in typos:
        context = context_of(text, typo.start, typo.end)
        key = (str(typo.text), str(typo.suggestion), sentence_of(text, typo.start, typo.end))
        # An engine without `suspect` gives guesses only: a person confirms each.
        suspect = bool(getattr(typo, "suspect", True))
        known = seen.get(key)
        if known is None:
            seen[key] = _Seen({page_url}, page_url, context, suspect, _rounded(typo.confidence))
            continue
        known.pages.add(page_url)
        if page_url < known.first:
            known.first, known.context = page_url, context
            known.suspect, known.confidence = suspect, _rounded(typo.confidence)


def _rounded(confidence: Any) -> float:
    return round(float(confidence), 4)


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    check_many = ctx.memo.get("typo.checker") or checker()
    if check_many is None or not page.text:
        return []
    ctx.memo["typo.checker"] = check_many
    [typos] = check_many([page.text])
    _record(page.url, page.text, typos, ctx.memo.setdefault(_SEEN, {}))
    return []


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    # The same typo in the same sentence on many pages (a header, a footer, a paragraph copied
    # into every notice) is one defect: one finding on the first page in URL order, so that
    # every scan of the site reports the same page, with the number of pages showing it and a
    # few of them (docs/decisions/0016-typo-once-per-sentence.md). DESIGN §5.1: a typo finding
    # carries `suspect` (a person confirms it before it costs points) and the engine's
    # `confidence`.
    seen: Seen = ctx.memo.get(_SEEN, {})
    found = []
    for (text, suggestion, _), where in sorted(seen.items(), key=lambda i: (i[1].first, i[0])):
        others = tuple(sorted(where.pages - {where.first})[:MAX_OTHER_PAGES])
        extra = {"other_pages": others} if others else {}
        found.append(
            Finding.make(
                TYPO,
                page=where.first,
                text=text,
                suggestion=suggestion,
                context=where.context,
                suspect=where.suspect,
                confidence=where.confidence,
                page_count=len(where.pages),
                **extra,
            )
        )
    return SiteOutcome(tuple(found))


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
