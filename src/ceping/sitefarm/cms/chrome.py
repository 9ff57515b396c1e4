"""What every page of a site shares: the head, the header, the menu, the breadcrumb, the footer.

Footers carry the identifiers the 2017 guideline (国办发〔2017〕47号) asks for: 网站标识码,
ICP and 公安机关 records, the 党政机关网站标识 (conac) and the 我为政府网站找错 entry; README.md
cites the real footers these follow. Outside services are the farm's outside host, never a
real site.
"""

from __future__ import annotations

import datetime as dt

from ceping.sitefarm.cms.context import Ctx
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.wording import NEWS_SECTION

ICP_BADGE = "/images/icp.png"
# Moved off the screen: how bait links hide, and how skip links do (on purpose).
OFF_SCREEN = "position:absolute;left:-9999px;top:-9999px"


def render(
    ctx: Ctx, page: Page, crumbs: tuple[tuple[str, str], ...] = (), pubdate: str = ""
) -> str:
    """The whole document of `page`; `pubdate` goes into <meta name="PubDate"> when given."""
    plan, t = ctx.plan, ctx.t
    lang = ' lang="zh-CN"' if plan.lang else ""
    viewport = (
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        if plan.viewport
        else ""
    )
    meta = f'<meta name="PubDate" content="{pubdate}">' if pubdate else ""
    charset = "gb2312" if t.charset == "gbk" else "utf-8"
    head = (
        f"<!DOCTYPE html><html{lang}><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"{viewport}<title>{page.title}_{ctx.site.name}</title>{meta}"
        f'<link rel="stylesheet" href="{page.ref("/css/style.css")}"></head>'
    )
    trail = ""
    if crumbs:
        steps = "".join(f" &gt; {page.a(href, name)}" for href, name in crumbs)
        trail = f'<div class="location">当前位置：{page.a("/", "首页")}{steps}</div>'
    return (
        f"{head}<body>{_header(ctx, page)}{_menu(ctx, page)}{trail}"
        f'<div class="main" id="main">{page.body}</div>{_footer(ctx, page)}</body></html>'
    )


def _header(ctx: Ctx, page: Page) -> str:
    plan = ctx.plan
    tools = []
    if plan.accessible:
        # Two real shapes: a link to an accessible version, or the toolbar script's button.
        if ctx.site.index % 2:
            tools.append(page.a("/wza/index.html", "无障碍浏览"))
        else:
            tools.append('<a href="javascript:void(0)" id="cniil_wza">无障碍</a>')
        # Off-screen like a hidden bait link, but to this page's own content: not a 暗链.
        tools.insert(0, f'<a href="#main" style="{OFF_SCREEN}">跳转到主要内容</a>')
    if plan.english:
        tools.append(page.a("/en/index.html", "English"))
    search = ""
    if plan.search:
        field = "searchword" if ctx.site.index % 2 else "q"
        search = (
            f'<form class="search" action="{page.ref("/search/index.html")}" method="get">'
            f'<input type="text" name="{field}" placeholder="请输入关键字">'
            '<input type="submit" value="搜索"></form>'
        )
    logo = page.img("/images/logo.png", None if plan.alt_missing else ctx.site.name)
    return f'<div class="header">{logo}<div class="tools">{" | ".join(tools)}</div>{search}</div>'


def _menu(ctx: Ctx, page: Page) -> str:
    """The main menu; sub-menus are hidden until hovered (legit hidden links of the site)."""
    hide = ' style="display:none"' if ctx.site.index % 3 else ' class="sub hide"'
    items = [f"<li>{page.a('/', '首页')}</li>"]
    folders = [(folder, name) for folder, name in ctx.sections.values()]
    for folder, name in [NEWS_SECTION, *folders]:
        subs = [
            f"<li>{page.a(c.path(ctx.t), c.name)}</li>"
            for c in ctx.columns
            if c.section == folder and c.kind != "broken"
        ]
        sub = f"<ul{hide}>{''.join(subs)}</ul>" if subs else ""
        items.append(f"<li>{page.a(f'/{folder}/index.html', name)}{sub}</li>")
    return f'<div class="nav"><ul>{"".join(items)}</ul></div>'


def _footer(ctx: Ctx, page: Page) -> str:
    missing, code = ctx.plan.missing_ids, site_code(ctx)
    lines = [f"<p>主办：{ctx.site.name}办公室　联系电话：0571-8765{ctx.site.index:04d}</p>"]
    records = []
    if "site_code" not in missing:
        records.append(f"网站标识码：{code}")
    icp = f"浙ICP备{10000000 + ctx.site.index * 7919:08d}号"
    if "icp" not in missing:
        records.append(page.a(f"{ctx.ext}/beian/index.html", icp) if ctx.site.index % 2 else icp)
    elif ctx.site.index % 2 == 0:
        # The number only in a badge's alternative text: a reader sees no record number, so
        # the identifier is still missing (issue #17's counter-example).
        records.append(page.a(f"{ctx.ext}/beian/index.html", page.img(ICP_BADGE, icp)))
    if "psb" not in missing:
        psb = f"浙公网安备 {33010200000000 + ctx.site.index}号"
        records.append(page.img("/images/gaba.png", "公安备案") + psb)
    lines.append(f"<p>{'　'.join(records)}</p>")
    marks = []
    if "conac" not in missing:
        # The badge as conac's script writes it: dcs.conac.cn/image/red.png, linked to
        # bszs.conac.cn/sitename?method=show&id=…; the outside host stands in for both.
        mark = page.img(ctx.asset("/image/red.png"), "党政机关")
        show = f"{ctx.ext}/sitename?method=show&id={code}"
        marks.append(f'<span id="_ideConac">{page.a(show, mark)}</span>')
    if "jiucuo" not in missing:
        if ctx.site.index % 2:
            src = page.ref(ctx.asset("/exposure/jiucuo.js"))
            marks.append(f"<script id=\"_jiucuo_\" sitecode='{code}' src='{src}'></script>")
        else:
            img = page.img("/images/jiucuo.png", "我为政府网站找错")
            marks.append(page.a(f"{ctx.ext}/exposure/jiucuo.html?site_code={code}", img))
    lines.append(f'<div class="marks">{"".join(marks)}</div>')
    return f'<div class="footer">{"".join(lines)}</div>'


def site_code(ctx: Ctx) -> str:
    return f"33{ctx.site.index + 1:02d}000{ctx.site.index % 7 + 1:03d}"


def stamp(day: dt.date, hour: int) -> str:
    """The date and time an article page states."""
    return f"{day.isoformat()} {hour:02d}:{(hour * 7) % 60:02d}"
