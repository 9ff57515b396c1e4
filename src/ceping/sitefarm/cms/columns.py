"""Columns (栏目) and their articles, with the column truth: stale, blank, and their look-alikes.

A column is stale when its newest item is older than the window of its type (wording.WINDOW_DAYS:
动态要闻 14 days, 通知公告 and 政策文件 183, the others 180; the national rules, issue #15). Its
truth is judged on its first list page only: later pages of a paged column hold older items by
nature and are not columns of their own. Pinned items (置顶) are always older
than the column's newest item, so the newest date of a column is the same with or without them.
"""

from __future__ import annotations

import datetime as dt

from ceping.sitefarm.cms import plan as kinds
from ceping.sitefarm.cms.articles import write_article
from ceping.sitefarm.cms.chrome import render
from ceping.sitefarm.cms.context import Column, Ctx
from ceping.sitefarm.cms.lists import Item, render_blank, render_items, render_pager
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.wording import COLUMNS, NEWS, title

PAGE_SIZE = 12
# Newest item of a column, in days before as-of (README.md, "Margins"): fresh news columns
# within half their 14-day window, other fresh columns within a third of theirs (180, 183).
FRESH_NEWS_DAYS, FRESH_DAYS = (0, 7), (0, 60)
# The columns shown on the home page date it (stale home: > 14 days). A featured news column
# of a stale home page is then stale itself (30 days > 14), and planted so.
FEATURED_DAYS, FEATURED_STALE_HOME_DAYS = (0, 5), (30, 90)
STALE_DAYS = (230, 700)  # beyond every type's window
PIN_EXTRA_DAYS = (200, 900)  # a pinned item is this much older than the newest item


def plan_columns(ctx: Ctx) -> None:
    """Choose the site's columns: one per planned kind, in the sections the site has."""
    folders = {"xwzx"} | {folder for folder, _ in ctx.sections.values()}
    usable = [c for c in COLUMNS if c[0] in folders]
    for kind, (section, ident, name, type_) in zip(ctx.plan.column_kinds, usable, strict=False):
        if ctx.t.name == "hanweb_jcms":
            ident = f"col{1000 + len(ctx.columns) * 17 + ctx.site.index}"
        elif ctx.t.name == "ezeip_aspx":  # /Category_215/: the folder names no type
            ident = str(200 + len(ctx.columns) * 13 + ctx.site.index)
        ctx.columns.append(Column(section, ident, name, kind, type_))


def build_columns(ctx: Ctx, per_column: int) -> None:
    for n, column in enumerate(ctx.columns):
        if column.kind == kinds.BROKEN:
            continue  # only its section page links to it: a broken link, found by truth.py
        _build_column(ctx, column, featured=n < 2, per_column=per_column)


def _newest(ctx: Ctx, column: Column, featured: bool) -> dt.date:
    if column.kind in (kinds.STALE, kinds.PINNED_STALE):
        low, high = STALE_DAYS
    elif featured:
        low, high = FEATURED_STALE_HOME_DAYS if ctx.plan.stale_home else FEATURED_DAYS
    else:
        low, high = FRESH_NEWS_DAYS if column.type == NEWS else FRESH_DAYS
    return ctx.as_of - dt.timedelta(days=ctx.rng.randint(low, high))


def _items(ctx: Ctx, column: Column, featured: bool, per_column: int) -> list[Item]:
    rng, t = ctx.rng, ctx.t
    newest = _newest(ctx, column, featured)
    if column.kind == kinds.PAGED:
        count = rng.randint(PAGE_SIZE * 2 + 1, PAGE_SIZE * 3)
    else:
        count = max(4, rng.randint(per_column // 2, per_column))
    days, day = [], newest
    for _ in range(count):
        days.append(day)
        day -= dt.timedelta(days=rng.randint(1, 9))
    pins = 0
    if column.kind in (kinds.PINNED_FRESH, kinds.PINNED_STALE):
        pins = rng.randint(1, 2)
    pinned = [newest - dt.timedelta(days=rng.randint(*PIN_EXTRA_DAYS)) for _ in range(pins)]
    out = []
    for n, d in enumerate([*pinned, *days]):
        path = t.article_path(column.section, column.ident, d, next(ctx.ids))
        out.append(Item(title(rng, ctx.place, d.year), path, d, pinned=n < pins))
    return out


def _build_column(ctx: Ctx, column: Column, featured: bool, per_column: int) -> None:
    t = ctx.t
    url = ctx.url(column.path(t))
    items = [] if column.kind == kinds.BLANK else _items(ctx, column, featured, per_column)
    chunks = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    pages = [t.page_path(column.section, column.ident, n + 1) for n in range(len(chunks))]
    crumbs = ((f"/{column.section}/index.html", ctx.section_name(column.section)),)
    for n, chunk in enumerate(chunks):
        page = Page(pages[n], column.name)
        page.add(f"<h2>{column.name}</h2>")
        listed = render_items(t, page, chunk, ctx.variant, n * PAGE_SIZE)
        page.add(listed if chunk else render_blank(t))
        page.add(render_pager(t, page, pages, n))
        ctx.store(page, render(ctx, page, crumbs))
        if n:
            ctx.spare("stale_column", "分页栏目的后续页不是栏目", page=ctx.url(pages[n]))
    for n, item in enumerate(items):
        write_article(ctx, column, item, items[n - 1] if n else None)
    _truth(ctx, column, url, items)
    if featured:
        ctx.featured.append((column, items))


def _truth(ctx: Ctx, column: Column, url: str, items: list[Item]) -> None:
    if column.kind == kinds.BLANK:
        ctx.plant("blank_column", page=url)
        return
    ctx.spare("blank_column", "栏目有信息", page=url)
    latest = max(i.day for i in items)
    days = (ctx.as_of - latest).days
    if days > column.window_days:
        ctx.plant(
            "stale_column",
            page=url,
            latest=latest.isoformat(),
            days=days,
            column_type=column.type,
            window=column.window_days,
        )
        return
    why = "置顶旧信息不影响栏目更新" if column.kind == kinds.PINNED_FRESH else "栏目按期更新"
    ctx.spare("stale_column", why, page=url, column_type=column.type, window=column.window_days)
