"""Columns (栏目): a list page of dated items is stale when its newest item is old, blank when
empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ceping.scan import urls
from ceping.scan.checks.base import Check, CheckContext
from ceping.scan.models import BLANK_COLUMN, STALE_COLUMN, Finding, PageResult


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    # The home page carries many lists of its own; it is judged by the columns it links to.
    if not page.is_list_page or page.url == urls.normalize(ctx.site_url):
        return
    if not page.dated_items:
        yield Finding.make(BLANK_COLUMN, page=page.url)
        return
    latest = max(dt.date.fromisoformat(item.date) for item in page.dated_items)
    days = (ctx.config.as_of - latest).days
    if days > ctx.config.stale_after_days:
        yield Finding.make(STALE_COLUMN, page=page.url, latest=latest.isoformat(), days=days)


CHECK = Check("columns", on_page=check_page)
