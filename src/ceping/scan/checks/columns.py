"""Columns (栏目): a list page of dated items is stale when its newest item is old, blank when
empty; a list without dates is judged, after the crawl, by the dates its articles give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ceping.scan import urls
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.models import BLANK_COLUMN, STALE_COLUMN, Finding, PageResult

# An undated column is judged only when this many of its articles were fetched and dated.
MIN_DATED_ARTICLES = 3
# The first items of a list are its newest: they must all be known, or nothing is said.
HEAD_ITEMS = 3
_PUBLISHED = "columns.published"
_UNDATED = "columns.undated"


def _stale(page: str, latest: dt.date, ctx: CheckContext) -> Iterable[Finding]:
    days = (ctx.config.as_of - latest).days
    if days > ctx.config.stale_after_days:
        yield Finding.make(STALE_COLUMN, page=page, latest=latest.isoformat(), days=days)


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if page.published:
        published: dict[str, str] = ctx.memo.setdefault(_PUBLISHED, {})
        for url in {page.url, urls.normalize(page.final_url or page.url)}:
            published[url] = page.published
    # The home page carries many lists of its own; it is judged by the columns it links to.
    if page.url == urls.normalize(ctx.site_url):
        return
    if page.undated_items and not page.is_list_page:
        ctx.memo.setdefault(_UNDATED, {})[page.url] = page.undated_items
    if not page.is_list_page:
        return
    if not page.dated_items:
        yield Finding.make(BLANK_COLUMN, page=page.url)
        return
    yield from _stale(page.url, max(dt.date.fromisoformat(i.date) for i in page.dated_items), ctx)


def judge_undated(ctx: CheckContext) -> list[Finding]:
    """Stale columns among the lists without dates, from their articles' own dates."""
    published: dict[str, str] = ctx.memo.get(_PUBLISHED, {})
    findings: list[Finding] = []
    for column, items in sorted(ctx.memo.get(_UNDATED, {}).items()):
        known = [published.get(url) for url in items]
        dated = [dt.date.fromisoformat(d) for d in known if d]
        if len(dated) < MIN_DATED_ARTICLES or not all(known[:HEAD_ITEMS]):
            continue
        findings.extend(_stale(column, max(dated), ctx))
    return findings


async def check_site(view: SiteView, ctx: CheckContext) -> SiteOutcome:
    return SiteOutcome(findings=tuple(judge_undated(ctx)))


CHECK = Check("columns", on_page=check_page, on_site=check_site)
