"""The page templates of the second farm: how each family of government CMS lays out a site.

Each template is data: where its columns, pages and articles live, how its lists, dates,
empty lists, pinned items and pagination are marked up, and whether it is part of the tuning
or the held-out split (README.md says where each shape was seen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Split = Literal["tuning", "held_out"]
TUNING: Split = "tuning"
HELD_OUT: Split = "held_out"


@dataclass(frozen=True)
class Template:
    """One CMS family. Styles are names the renderers in `lists` and `dates` know."""

    name: str
    split: Split
    charset: str  # what the pages declare; "gbk" pages are encoded as GB18030
    column_dir: str  # a column's folder: "/{section}/{column}/"
    column_file: str  # the first list page inside it
    page_file: str  # list page n (n ≥ 2), "{n}" and "{m}" (= n - 1) filled in
    # An article path under the column folder (or from the root); {y} {m} {d} {ymd} {id}
    # {section} {column} {colnum} (the column's digits) filled in.
    article: str
    list_style: str
    date_style: str
    blank_style: str
    pin_style: str
    pager_style: str
    article_date: Literal["text", "meta"]  # where an article page states its date
    relative_links: bool  # list hrefs relative to the list page ("./202301/t….html")
    board_details: bool  # each message of the board has its own page

    def column_path(self, section: str, column: str) -> str:
        return self.column_dir.format(section=section, column=column) + self.column_file

    def page_path(self, section: str, column: str, n: int) -> str:
        """List page n of a column; n = 1 is the column page itself."""
        if n == 1:
            return self.column_path(section, column)
        name = self.page_file.format(n=n, m=n - 1, section=section, column=column)
        return self.column_dir.format(section=section, column=column) + name

    def article_path(self, section: str, column: str, day: dt.date, ident: int) -> str:
        name = self.article.format(
            y=day.year,
            m=day.month,
            d=day.day,
            ymd=day.strftime("%Y%m%d"),
            id=ident,
            section=section,
            column=column,
            colnum="".join(c for c in column if c.isdigit()),
        )
        if name.startswith("/"):
            return name
        return self.column_dir.format(section=section, column=column) + name


TEMPLATES: tuple[Template, ...] = (
    # TRS WCM: ./202301/t20230105_123456.html, index_1.html is page 2, rows of a table.
    Template(
        "trs_wcm", TUNING, "gbk", "/{section}/{column}/", "index.html", "index_{m}.html",
        "{y}{m:02d}/t{ymd}_{id}.html", "td", "iso", "zanwu_xinxi", "zhiding_text", "trs_script",
        "text", True, True,
    ),
    # 大汉 JCMS: /col/col123/index.html, /art/2023/1/5/art_123_456.html, records in a script.
    Template(
        "hanweb_jcms", TUNING, "utf-8", "/col/{column}/", "index.html",
        "index.html?uid={column}&pageNum={n}", "/art/{y}/{m}/{d}/art_{colnum}_{id}.html",
        "cdata", "iso", "empty_recordset", "class_top", "page_num", "meta", False, False,
    ),
    # 集约化平台 (gov.cn-like): <div class="list"><ul><li><a>…</a><span>2023-01-05</span>.
    Template(
        "gov_platform", TUNING, "utf-8", "/{section}/{column}/", "home.htm", "home_{m}.htm",
        "{y}-{m:02d}/{d:02d}/content_{id}.htm", "gov_list", "iso", "zanwu_neirong",
        "ding_bracket", "index_n", "meta", True, True,
    ),
    # 博达 VSB: dl/dt/dd lists, /info/1234/5678.htm articles, /tzgg/2.htm pages.
    Template(
        "vsb_dl", TUNING, "utf-8", "/{section}/{column}/", "index.htm", "{n}.htm",
        "/info/{id}.htm", "dl", "slash", "empty_container", "zhiding_text", "index_n",
        "text", False, False,
    ),
    # TRS short dates: [01-05] or 01-05 in the list, the year only in the link and the article.
    Template(
        "trs_short", TUNING, "utf-8", "/{section}/{column}/", "index.html", "index_{m}.html",
        "{y}{m:02d}/t{ymd}_{id}.html", "li_span", "short", "zanwu_shuju", "class_top",
        "trs_script", "text", True, True,
    ),
    # Home-grown JSP/ASP site: div items, ?page= pagination, query-string articles.
    Template(
        "dynamic_jsp", TUNING, "gbk", "/{section}/{column}/", "list.jsp", "list.jsp?page={n}",
        "/{section}/detail.jsp?id={id}", "div_item", "cn", "gong0", "zhiding_text", "query_page",
        "text", False, True,
    ),
    # 拓尔思 海云: li with a dotted date in a span.date, index_2.html pages.
    Template(
        "trs_hycloud", HELD_OUT, "utf-8", "/{section}/{column}/", "index.html",
        "index_{n}.html", "content/post_{id}.html", "li_span", "dot", "empty_ul",
        "class_top", "index_n", "meta", False, True,
    ),
    # 政府信息公开 table: 索引号, 名称, 发布日期 columns; a header row alone when empty.
    Template(
        "xxgk_table", HELD_OUT, "gbk", "/xxgk/{column}/", "index.html", "index.html?page={n}",
        "{y}{m:02d}/t{ymd}_{id}.html", "xxgk_table", "cn", "header_only", "zhiding_text",
        "query_page", "text", True, False,
    ),
    # Date before the link: <li><span>[2023-01-05]</span><a>, "正在建设中" when empty.
    Template(
        "date_first", HELD_OUT, "utf-8", "/{section}/{column}/", "index.html",
        "index_{n}.html", "/{section}/c{id}/content.html", "date_first", "bracket_iso",
        "jianshe", "ding_bracket", "next_last", "text", False, True,
    ),
    # Undated lists: the date only on the article page (发布时间 or PubDate), "敬请期待".
    Template(
        "article_dated", HELD_OUT, "utf-8", "/{section}/{column}/", "index.html",
        "list_{n}.html", "show-{id}.html", "plain_li", "none", "jingqing", "zhiding_text",
        "next_last", "meta", False, False,
    ),
    # 拓尔思 海云 / WCM 8 .shtml lists whose dates a script writes: <span><script>document.write(
    # '2025-01-05')</script></span>; articles without a date in their address; "没有相关信息".
    Template(
        "hycloud_docwrite", HELD_OUT, "utf-8", "/{section}/{column}/", "index.shtml",
        "index_{n}.shtml", "content_{id}.shtml", "docwrite_li", "docwrite", "none_li",
        "class_top", "index_n", "meta", False, True,
    ),
    # 万户 ezEIP (ASP.NET): /Category_12/Index.aspx, /Item/345.aspx, table rows dated with a
    # time, a 置顶 picture, "没有记录" in a row of its own when empty; GBK.
    Template(
        "ezeip_aspx", HELD_OUT, "gbk", "/Category_{column}/", "Index.aspx", "Index_{n}.aspx",
        "/Item/{id}.aspx", "ezeip_table", "datetime", "no_record_row", "top_img", "next_last",
        "text", False, False,
    ),
)  # fmt: skip

BY_NAME = {t.name: t for t in TEMPLATES}
