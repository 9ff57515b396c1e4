"""List markup by template: items, an empty list, pinned items and pagination.

Shapes follow real CMS output (README.md, "Sources"): TRS table cells and `createPageHTML`,
大汉 JCMS records inside a script (`<datastore><recordset><record><![CDATA[…]]>`), gov.cn's
`div.list ul li a + span`, VSB's dl/dt/dd, date-first `li`s, 信息公开 tables with 索引号.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ceping.sitefarm.cms.dates import list_date
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.templates import Template


@dataclass(frozen=True)
class Item:
    title: str
    path: str  # the article's path on the site
    day: dt.date
    pinned: bool = False


def href(t: Template, list_path: str, target: str) -> str:
    """How the list writes a link: relative below the list's folder when the template does."""
    folder = list_path.rsplit("/", 1)[0] + "/"
    if t.relative_links and target.startswith(folder):
        return "./" + target[len(folder) :]
    return target


def _pin(t: Template, item: Item, page: Page) -> tuple[str, str]:
    """(text before the title, class of the row) for a pinned item."""
    if not item.pinned:
        return "", ""
    if t.pin_style == "top_img":
        return page.img("/images/top.gif", "置顶", 'class="top-icon"'), ""
    if t.pin_style == "class_top":
        return "", "top"
    if t.pin_style == "ding_bracket":
        return '<span class="ding">[顶]</span>', ""
    return '<font color="red">[置顶]</font>', ""


def render_items(
    t: Template, page: Page, items: list[Item], variant: int, index_no: int = 0
) -> str:
    """The list of `items` in the template's markup; `variant` picks among the ways sites of
    one template differ, `index_no` numbers 信息公开 rows."""
    rows = []
    for n, item in enumerate(items):
        mark, cls = _pin(t, item, page)
        date = list_date(t.date_style, item.day, variant)
        link = page.a(href(t, page.path, item.path), item.title, 'target="_blank"')
        cls_attr = f' class="{cls}"' if cls else ""
        if t.list_style == "td":
            cells = f'<td class="title">{mark}{link}</td><td class="date">{date}</td>'
            rows.append(f"<tr{cls_attr}>{cells}</tr>")
        elif t.list_style == "cdata":
            rows.append(
                f"<record><![CDATA[<li{cls_attr}>{link}<span>{date}</span></li>]]></record>"
            )
        elif t.list_style == "gov_list":
            rows.append(f"<li{cls_attr}>{mark}{link}<span>{date}</span></li>")
        elif t.list_style == "dl":
            rows.append(f"<dl{cls_attr}><dt>{mark}{link}</dt><dd>{date}</dd></dl>")
        elif t.list_style == "li_span":
            rows.append(f'<li{cls_attr}>{mark}{link}<span class="date">{date}</span></li>')
        elif t.list_style == "div_item":
            rows.append(f'<div class="item{" " + cls if cls else ""}">{mark}{link}'
                        f'<span class="time">{date}</span></div>')  # fmt: skip
        elif t.list_style == "xxgk_table":
            no = f"11330100MB{index_no + n:04d}/{item.day.year}-{index_no + n:05d}"
            rows.append(f"<tr{cls_attr}><td>{no}</td><td>{mark}{link}</td><td>{date}</td></tr>")
        elif t.list_style == "docwrite_li":
            rows.append(f'<li{cls_attr}>{mark}{link}<span class="time">{date}</span></li>')
        elif t.list_style == "ezeip_table":
            line = page.img("/images/line.gif", "", 'role="presentation"')  # decoration
            dot = f'<td width="12">{line}</td>'
            rows.append(f'<tr{cls_attr}>{dot}<td class="td_title">{mark}{link}</td>'
                        f'<td class="td_time" align="right">{date}</td></tr>')  # fmt: skip
        elif t.list_style == "date_first":
            rows.append(f"<li{cls_attr}><span>{date}</span>{mark}{link}</li>")
        else:  # plain_li: no date in the list at all
            rows.append(f"<li{cls_attr}>{mark}{link}</li>")
    return _wrap(t, "".join(rows), len(items))


def _wrap(t: Template, rows: str, count: int) -> str:
    if t.list_style == "td":
        return f'<table class="list" width="100%">{rows}</table>'
    if t.list_style == "cdata":
        # jpage draws the records and is handed their count (`totalRecord`), as JCMS pages do.
        return (
            '<div class="default_pgContainer" id="223741"><script type="text/xml"><datastore>'
            f"<nextgroup><![CDATA[]]></nextgroup><totalrecord>{count}</totalrecord><recordset>{rows}</recordset>"
            "</datastore></script></div><script>$(function(){$('#223741').jpage({themeName:"
            f"'default',showMode:'full',totalRecord:{count},perPage:12,groupSize:3,"
            "proxyUrl:'/module/web/jpage/dataproxy.jsp',barPosition:'bottom'});});</script>"
        )
    if t.list_style == "gov_list":
        return f'<div class="list"><ul>{rows}</ul></div>'
    if t.list_style in ("dl", "div_item"):
        return f'<div class="list-items">{rows}</div>'
    if t.list_style == "ezeip_table":
        return f'<table class="listTable" width="100%" cellspacing="0">{rows}</table>'
    if t.list_style == "xxgk_table":
        head = "<tr><th>索引号</th><th>名称</th><th>发布日期</th></tr>"
        return f'<table class="xxgk-list">{head}{rows}</table>'
    return f'<ul class="news-list">{rows}</ul>'


def render_blank(t: Template) -> str:
    """An empty column as the template shows it."""
    style = t.blank_style
    if style == "empty_recordset":
        return _wrap(t, "", 0)
    if style in ("header_only", "empty_ul"):
        return _wrap(t, "", 0)  # the list's frame with nothing in it, and no word
    if style == "empty_container":
        return '<div class="list-items"></div>'
    if style == "none_li":  # the list itself says it: one row, no link
        return '<ul class="news-list"><li class="none">没有相关信息</li></ul>'
    if style == "no_record_row":
        return _wrap(t, '<tr><td colspan="3" align="center" class="nodata">没有记录！</td></tr>', 0)
    texts = {
        "zanwu_xinxi": "暂无信息",
        "zanwu_neirong": "暂无内容",
        "zanwu_shuju": "暂无数据",
        "gong0": "共0条记录　第1/1页",
        "jianshe": "本栏目正在建设中",
        "jingqing": "敬请期待",
    }
    return f'{_wrap(t, "", 0)}<p class="empty">{texts[style]}</p>'


def render_pager(t: Template, page: Page, pages: list[str], current: int) -> str:
    """Links to the other list pages of a column (`pages[0]` is the column page)."""
    total = len(pages)
    if total <= 1:
        return ""
    if t.pager_style == "trs_script":
        # TRS writes its pager from script; a browser shows links to each page.
        page.hrefs.extend(href(t, page.path, p) for i, p in enumerate(pages) if i != current)
        return (
            f"<script>var countPage = {total};var currentPage = {current};"
            f'createPageHTML(countPage, currentPage, "index", "html");</script>'
        )
    links = []
    if t.pager_style == "next_last":
        links.append(page.a(pages[0], "首页"))
        if current > 0:
            links.append(page.a(pages[current - 1], "上一页"))
        if current < total - 1:
            links.append(page.a(pages[current + 1], "下一页"))
        links.append(page.a(pages[-1], "尾页"))
    else:
        for i, p in enumerate(pages):
            links.append(f"<span>{i + 1}</span>" if i == current else page.a(p, str(i + 1)))
        if current < total - 1:
            links.append(page.a(pages[current + 1], "下一页"))
    count = f"共{total}页"
    return f'<div class="page">{count} {" ".join(links)}</div>'
