"""The home page, the section pages and the small pages every site has, with site-wide truth.

Site-wide properties (viewport, lang, the 无障碍 entry, the identifiers, the features) are the
same on every page of a site, so their truth is one finding per site, on the home page.
"""

from __future__ import annotations

import datetime as dt

from ceping.sitefarm.cms import plan as kinds
from ceping.sitefarm.cms.articles import hidden_bait
from ceping.sitefarm.cms.chrome import render
from ceping.sitefarm.cms.context import Ctx
from ceping.sitefarm.cms.interaction import BOARD, GUIDES, board_name
from ceping.sitefarm.cms.lists import render_items
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.plan import IDENTIFIERS
from ceping.sitefarm.cms.wording import NEWS_SECTION, SECTIONS

HOME_ITEMS = 6


def build_home(ctx: Ctx) -> None:
    plan = ctx.plan
    page = Page("/", "首页")
    url = ctx.url("/")
    banner = page.img("/images/banner.jpg", None if plan.alt_missing else "政府网站首页图片")
    page.add(f'<div class="banner">{banner}</div>')
    line = page.img("/images/line.gif", "", 'role="presentation"')  # decoration, not content
    page.add(f'<div class="line">{line}</div>')
    shown = []
    for column, items in ctx.featured:
        top = items[:HOME_ITEMS]
        shown += top
        more = page.a(column.path(ctx.t), "更多")
        box = render_items(ctx.t, page, top, ctx.variant)
        page.add(f'<div class="box"><h3>{column.name}</h3>{more}{box}</div>')
    if plan.home_bait:
        page.add(hidden_bait(ctx, page, url, plan.home_bait))
    ctx.store(page, render(ctx, page))
    ctx.spare("hidden_link", "隐藏的本站二级菜单", page=url)
    if plan.accessible:
        ctx.spare("hidden_link", "移出屏幕的“跳转到主要内容”链接，指向本页", page=url, url=url)
    _home_truth(
        ctx, url, [i.day for i in shown if not i.pinned] if ctx.t.date_style != "none" else []
    )
    _site_truth(ctx, url)


def _home_truth(ctx: Ctx, url: str, days: list[dt.date]) -> None:
    if not days:
        return  # a home page with no date is not judged (national-2019 §3)
    latest = max(days)
    age = (ctx.as_of - latest).days
    if ctx.plan.stale_home:
        ctx.plant("stale_home", page=url, latest=latest.isoformat(), days=age)
    else:
        ctx.spare("stale_home", "首页近期有更新", page=url, latest=latest.isoformat())


def _site_truth(ctx: Ctx, url: str) -> None:
    plan = ctx.plan
    for feature in (*SECTIONS, "search", "english"):
        has = {"search": plan.search, "english": plan.english}.get(
            feature, feature not in plan.missing_sections
        )
        if has:
            ctx.spare("missing_feature", "网站具备该功能", feature=feature)
        else:
            ctx.plant("missing_feature", feature=feature)
    for ident in IDENTIFIERS:
        if ident == "icp" and ident in plan.missing_ids and ctx.site.index % 2 == 0:
            # chrome._footer: the number only in a badge's alt, which a reader does not see.
            note = "备案号只写在图片的替代文字中，页面上看不到，仍算缺少"
            ctx.plant("missing_identifier", page=url, identifier=ident, note=note)
        elif ident in plan.missing_ids:
            ctx.plant("missing_identifier", page=url, identifier=ident)
        else:
            ctx.spare("missing_identifier", "页面底部有该标识", page=url, identifier=ident)
    for kind, has in (
        ("no_viewport", plan.viewport),
        ("no_lang", plan.lang),
        ("no_accessible_mode", plan.accessible),
    ):
        if has:
            ctx.spare(kind, "页面具备", page=url)
        else:
            ctx.plant(kind, page=url)


def build_sections(ctx: Ctx) -> None:
    """Section pages: menus of their columns (never columns themselves), some column links dead."""
    for folder, name in [NEWS_SECTION, *ctx.sections.values()]:
        path = f"/{folder}/index.html"
        page = Page(path, name)
        items = [
            f"<li>{page.a(c.path(ctx.t), c.name)}</li>" for c in ctx.columns if c.section == folder
        ]
        if folder == "hdjl":
            items.append(f"<li>{page.a(BOARD, board_name(ctx))}</li>")
        if folder == "bsfw":
            items.append(f"<li>{page.a(GUIDES, '办事指南')}</li>")
        page.add(f'<h2>{name}</h2><ul class="sub-columns">{"".join(items)}</ul>')
        ctx.store(page, render(ctx, page))
        if items:
            ctx.spare("blank_column", "栏目导航页不是空白栏目", page=ctx.url(path))
    for column in ctx.columns:
        if column.kind == kinds.BROKEN:
            ctx.spare("blank_column", "栏目链接打不开，是错链", page=ctx.url(column.path(ctx.t)))


def build_extras(ctx: Ctx) -> None:
    """The English version, the search result page and the accessible version, when present."""
    if ctx.plan.english:
        page = Page("/en/index.html", "English")
        page.add("<h2>Welcome</h2><p>Government information in English.</p>")
        ctx.store(page, render(ctx, page))
    if ctx.plan.search:
        page = Page("/search/index.html", "搜索结果")
        page.add('<h2>搜索结果</h2><ul class="result"><li>政府工作报告</li></ul>')
        ctx.store(page, render(ctx, page))
    if ctx.plan.accessible and ctx.site.index % 2:
        page = Page("/wza/index.html", "无障碍浏览")
        page.add("<h2>无障碍浏览</h2><p>本站提供语音朗读、大字幕和高对比度浏览。</p>")
        ctx.store(page, render(ctx, page))
