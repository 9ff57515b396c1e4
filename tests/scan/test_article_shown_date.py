"""An article's shown 发布时间 outranks a PubDate meta that disagrees with it.

Portals moved to a new CMS keep the move's date in the meta while the page still tells the
reader the article's own date (bench/real_pages: a 2017 statistics bulletin with a meta of
2022). Only a line that says 发布/发表 does; 成文日期 and the like leave the meta as it is."""

from __future__ import annotations

import datetime as dt

from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)
URL = "http://www.a.gov.cn/xwzx/art_1.html"


def article(meta: str, info: str, tail: str = "") -> str:
    return (
        f'<html><head><title>全市防汛工作会议召开_某某市人民政府</title><meta name="PubDate" '
        f'content="{meta}"></head><body><h1>全市防汛工作会议召开</h1><div class="info">{info}'
        f"</div><p>会议要求，各地各部门压实责任。</p>{tail}</body></html>"
    )


def test_shown_publication_line_outranks_a_later_meta() -> None:
    html = article("2023-05-12 23:20", "发布时间：2009-09-30 10:53 来源：市政府办公室")
    assert parse_html(html, URL, AS_OF).published == "2009-09-30"


def test_a_drafting_date_leaves_the_meta() -> None:
    # 成文日期 is when the document was signed, not when the page was published.
    html = article("2024-06-13 14:54", "成文日期：2024-06-04 发布机构：市教育局")
    assert parse_html(html, URL, AS_OF).published == "2024-06-13"


def test_agreeing_line_and_meta() -> None:
    html = article("2024-09-10 09:24", "发布时间：2024-09-10 09:24")
    assert parse_html(html, URL, AS_OF).published == "2024-09-10"


def test_a_related_article_far_below_leaves_the_meta() -> None:
    body = "".join(f"<p>第{i}段正文。</p>" for i in range(60))
    html = article(
        "2024-09-10 09:24", "来源：市政府办公室", body + "<li>相关文章 发布时间：2019-01-01</li>"
    )
    assert parse_html(html, URL, AS_OF).published == "2024-09-10"
