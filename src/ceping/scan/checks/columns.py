"""Columns (栏目): a list page of dated items is stale when its newest item is older than its
type's window, blank when empty; judged once the crawl is over, when the site's navigation has
named every column and every later page of a paged list is known.

A later page (`index_2.html`, `?pageNum=3`) is never a column of its own. A first page showing
only pinned items is read on, page by page, until an unpinned item dates the column. A list the
page's scripts fill is read from the data they load (same site), else drawn in Chromium within
the site's budget. A list without dates is judged by the dates its articles give.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ceping.scan import jsonlist, pagination, policy, urls
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.column_types import (
    INTERACTION,
    NEWS,
    NOTICE,
    PERSONNEL,
    PLAN,
    POLICY,
    column_type,
    is_no_column,
    title_names,
)
from ceping.scan.columns_nav import ColumnNames
from ceping.scan.config import ScanConfig
from ceping.scan.encoding import decode
from ceping.scan.listpage import written_items
from ceping.scan.models import (
    BLANK_COLUMN,
    PAGE_LINK,
    STALE_COLUMN,
    DatedItem,
    Finding,
    PageResult,
)
from ceping.scan.pages import page_from_response
from ceping.scan.parse import parse_html
from ceping.scan.render import Renderer

# An undated column is judged only when this many of its articles were fetched and dated.
MIN_DATED_ARTICLES = 3
# The first items of a list are its newest: they must all be known, or nothing is said.
HEAD_ITEMS = 3
_PUBLISHED = "columns.published"
_UNDATED = "columns.undated"
# A pager shows a few page numbers; a page of hundreds of "numbers" is something else.
MAX_PAGER_LINKS = 30
_PAGES = "columns.pages"
_NAMES = "columns.names"
_INDEX_FILE = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)(?=$|\?)", re.IGNORECASE)


@dataclass(frozen=True)
class _Column:
    """What the judgement needs of one list page, kept until the crawl is over."""

    title: str
    items: tuple[DatedItem, ...]
    is_blank: bool
    next_page: str
    data_sources: tuple[str, ...]
    is_script_built: bool = False
    pager: tuple[str, ...] = ()  # where its pager links lead: the same list's other pages


def window_days(kind: str, config: ScanConfig) -> int:
    """The staleness window of a column type; types without their own use the scan's default."""
    windows = {
        NEWS: config.stale_news_days,
        NOTICE: config.stale_notice_days,
        POLICY: config.stale_policy_days,
        PLAN: config.stale_plan_days,
        PERSONNEL: config.stale_personnel_days,
        INTERACTION: config.stale_interaction_days,
    }
    return windows.get(kind, config.stale_after_days)


def _names(ctx: CheckContext) -> ColumnNames:
    names: ColumnNames = ctx.memo.setdefault(_NAMES, ColumnNames())
    return names


def _stale(page: str, latest: dt.date, kind: str | None, ctx: CheckContext) -> Iterable[Finding]:
    if kind is None:
        return
    days = (ctx.config.as_of - latest).days
    window = window_days(kind, ctx.config)
    if days > window:
        yield Finding.make(
            STALE_COLUMN,
            page=page,
            latest=latest.isoformat(),
            days=days,
            column_type=kind,
            window_days=window,
        )


def _kind(url: str, title: str, ctx: CheckContext, home_title: str) -> str | None:
    """The column's type, None for a list that is no column (a special topic, a search)."""
    names = _names(ctx).of(url) + title_names(title, home_title)
    return None if is_no_column(names, url) else column_type(names, url)


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    """Notes what the page says of columns; the findings come once the crawl is over."""
    _names(ctx).record(page)
    if page.published:
        published: dict[str, str] = ctx.memo.setdefault(_PUBLISHED, {})
        for url in {page.url, urls.normalize(page.final_url or page.url)}:
            published[url] = page.published
    # The home page carries many lists of its own; it is judged by the columns it links to.
    if page.url == urls.normalize(ctx.site_url):
        return ()
    if page.undated_items and not page.is_list_page:
        ctx.memo.setdefault(_UNDATED, {})[page.url] = (page.title, page.undated_items)
    # Undated lists are kept too: their later pages are found as those of dated ones.
    if page.is_list_page or page.is_script_built or page.undated_items:
        columns: dict[str, _Column] = ctx.memo.setdefault(_PAGES, {})
        columns[page.url] = _Column(
            page.title,
            tuple(replace(item, title="") for item in page.dated_items),  # dates are what count
            page.is_list_page and not page.dated_items,
            page.next_page,
            page.data_sources,
            page.is_script_built,
            _pager_links(page),
        )
    return ()


def _is_numbered_later(url: str, columns: dict[str, _Column]) -> bool:
    number = pagination.page_number(url)
    if number is None:
        return False
    return number >= 2 or any(f in columns for f in pagination.first_pages(url))


def _pager_links(page: PageResult) -> tuple[str, ...]:
    found = (
        link.url
        for link in page.links
        if link.kind == PAGE_LINK and link.url != page.url and pagination.is_pager_text(link.text)
    )
    return tuple(dict.fromkeys(found))[:MAX_PAGER_LINKS]


def _pager_groups(columns: dict[str, _Column]) -> list[set[str]]:
    """The list pages joined by pager links, each group one list's pages."""
    group_of: dict[str, set[str]] = {}
    for url, column in columns.items():
        group = group_of.setdefault(url, {url})
        for target in column.pager:
            if target not in columns or not pagination.same_list(url, target):
                continue
            other = group_of.setdefault(target, {target})
            if other is not group:
                group |= other
                for member in other:
                    group_of[member] = group
    unique = {id(g): g for g in group_of.values()}
    return [g for g in unique.values() if len(g) > 1]


def _first_of(group: set[str], names: ColumnNames) -> str:
    """A list's first page: the one the site names (its menu says 通知公告, its other pages' pager
    only "1" or 首页), else the one without a page number, else the shortest address."""

    def rank(url: str) -> tuple[int, bool, int, str]:
        named = sum(not pagination.is_pager_text(n) for n in names.of(url))
        return (named, pagination.page_number(url) is None, -len(url), url)

    return max(group, key=rank)


def _later_pages(columns: dict[str, _Column], names: ColumnNames) -> set[str]:
    """The pages that continue another list page: named its next, joined to it by a pager, or
    numbered by their address (a page 5 whose first page the crawl never reached is still no
    column of its own)."""
    later = {c.next_page for c in columns.values() if c.next_page}
    later.update(u for u in columns if _is_numbered_later(u, columns))
    for group in _pager_groups(columns):
        later.update(group - {_first_of(group, names)})
    return later


def _page_key(url: str) -> str:
    """One page under its two addresses, `/gzdt/` and `/gzdt/index.html`, as one key."""
    return _INDEX_FILE.sub("/", url.split("#", 1)[0])


def _one_address_each(columns: dict[str, _Column], names: ColumnNames, home: set[str]) -> set[str]:
    """The address each column is judged under, the one the site links to most; the home page's
    other addresses (`/index.html`) are the home page, judged by the home check."""
    groups: dict[str, list[str]] = {}
    for url in columns:
        groups.setdefault(_page_key(url), []).append(url)
    return {
        max(urls, key=lambda u: (len(names.of(u)), -len(u), u))
        for key, urls in groups.items()
        if key not in home
    }


def _newest(items: Iterable[DatedItem]) -> dt.date | None:
    found = [dt.date.fromisoformat(i.date) for i in items if not i.is_pinned]
    return max(found) if found else None


class _Judge:
    """The columns of one site, judged after its crawl; may fetch a few more pages."""

    def __init__(self, view: SiteView, ctx: CheckContext, renderer: Renderer) -> None:
        self.view, self.ctx, self.renderer = view, ctx, renderer
        self.columns: dict[str, _Column] = ctx.memo.get(_PAGES, {})
        self.home_title = view.home.title if view.home is not None else ""
        home = view.home
        home_keys = {_page_key(urls.normalize(view.site_url))}
        if home is not None and home.final_url:
            home_keys.add(_page_key(urls.normalize(home.final_url)))
        judged = _one_address_each(self.columns, _names(ctx), home_keys)
        # Later pages of a list, its other addresses, the home page's: no column of their own.
        self.not_columns = _later_pages(self.columns, _names(ctx)) | (set(self.columns) - judged)

    async def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for url, column in sorted(self.columns.items()):
            kind = _kind(url, column.title, self.ctx, self.home_title)
            if url in self.not_columns or kind is None:
                continue
            items = column.items or await self._script_items(url, column)
            if not items:
                if column.is_blank:
                    found.append(Finding.make(BLANK_COLUMN, page=url))
                continue
            latest = _newest(items) or await self._newest_after(column)
            if latest is None:  # pinned items only, to the last page: they are all it has
                latest = max(dt.date.fromisoformat(i.date) for i in items)
            found.extend(_stale(url, latest, kind, self.ctx))
        return found

    async def _page(self, url: str) -> _Column | None:
        known = self.columns.get(url)
        if known is not None:
            return known
        resp = await self.view.get(url)
        if resp is None:
            return None
        page = page_from_response(resp, 1, self.ctx.config.as_of)
        if not page.is_list_page:
            return None
        return _Column(page.title, page.dated_items, False, page.next_page, ())

    async def _newest_after(self, column: _Column) -> dt.date | None:
        """The newest unpinned item on the pages after a first page of pinned items only."""
        following, seen = column.next_page, {column.next_page}
        for _ in range(policy.MAX_PAGER_STEPS):
            page = await self._page(following) if following else None
            if page is None:
                return None
            latest = _newest(page.items)
            if latest is not None:
                return latest
            following = page.next_page
            if following in seen:
                return None
            seen.add(following)
        return None

    async def _script_items(self, url: str, column: _Column) -> tuple[DatedItem, ...]:
        """A script-built list: from the data its scripts load, else as Chromium draws it."""
        if not column.is_script_built:
            return ()
        as_of = self.ctx.config.as_of
        for source in column.data_sources:
            resp = await self.view.get(source)
            if resp is None or resp.body is None or not resp.status or resp.status >= 400:
                continue
            if resp.is_html:
                items = page_from_response(resp, 1, as_of).dated_items
            else:
                text = decode(resp.body, resp.content_type)[0]
                items = jsonlist.dated_items(text, as_of) or written_items(text, as_of)
            if items:
                return items
        html = await self.renderer.html(url)
        return parse_html(html, url, as_of).dated_items if html else ()


async def read_newest_articles(
    view: SiteView, ctx: CheckContext, not_columns: frozenset[str] = frozenset()
) -> None:
    """Fetch the newest articles of the undated lists the crawl did not reach (its page limit),
    so that each list's head is known: its first items are the ones that date it."""
    published: dict[str, str] = ctx.memo.setdefault(_PUBLISHED, {})
    for column, (_, items) in sorted(ctx.memo.get(_UNDATED, {}).items()):
        if column in not_columns:
            continue
        for url in items[:HEAD_ITEMS]:
            if url in published:
                continue
            resp = await view.get(url)
            page = page_from_response(resp, 1, ctx.config.as_of) if resp is not None else None
            if page is None or not page.published:
                break  # the head stays unknown, and the list unjudged
            published[url] = page.published


def judge_undated(
    ctx: CheckContext, home_title: str = "", not_columns: frozenset[str] = frozenset()
) -> list[Finding]:
    """Stale columns among the lists without dates, from their articles' own dates."""
    published: dict[str, str] = ctx.memo.get(_PUBLISHED, {})
    findings: list[Finding] = []
    for column, (title, items) in sorted(ctx.memo.get(_UNDATED, {}).items()):
        if column in not_columns:
            continue
        known = [published.get(url) for url in items]
        dated = [dt.date.fromisoformat(d) for d in known if d]
        if len(dated) < MIN_DATED_ARTICLES or not all(known[:HEAD_ITEMS]):
            continue
        findings.extend(_stale(column, max(dated), _kind(column, title, ctx, home_title), ctx))
    return findings


async def check_site(view: SiteView, ctx: CheckContext) -> SiteOutcome:
    config = ctx.config
    renderer = Renderer(
        view.site_url, config.render_pages, config.render_seconds, config.chromium_path, config.pins
    )
    judge = _Judge(view, ctx, renderer)
    try:
        found = await judge.findings()
    finally:
        await renderer.aclose()
    not_columns = frozenset(judge.not_columns)
    await read_newest_articles(view, ctx, not_columns)
    found += judge_undated(ctx, judge.home_title, not_columns)
    # Which pages needed a browser, for the report (DESIGN §5.1 welcomes extra fields).
    features = {"rendered_pages": renderer.rendered} if renderer.rendered else {}
    return SiteOutcome(findings=tuple(found), features=features)


CHECK = Check("columns", on_page=check_page, on_site=check_site)
