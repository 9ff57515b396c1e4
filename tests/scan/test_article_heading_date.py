"""An article's date line under its heading, however many menu lines come before it.

A real news page of a national agency (bench/real_pages) draws 55 lines of menus before its
heading, so its "发布日期:" line fell outside the 40 lines read from the top."""

from __future__ import annotations

import datetime as dt

from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)
URL = "http://www.a.gov.cn/xwzx/202511/t20251102_1.html"
HEADING = "关于做好全市防汛防台工作的新闻发布会"
MENU = "".join(f'<li><a href="/lm{i}/">栏目{i}</a></li>' for i in range(60))


def page(after_heading: str) -> str:
    return (
        f"<html><head><title>{HEADING}_某某市人民政府</title></head><body>"
        f"<ul>{MENU}</ul><h1>{HEADING}</h1>{after_heading}</body></html>"
    )


def test_date_line_under_a_heading_below_long_menus() -> None:
    html = page('<div class="pubDate">发布日期: <span>2025-11-02</span></div><p>正文</p>')
    assert parse_html(html, URL, AS_OF).published == "2025-11-02"


def test_date_far_below_the_heading_is_not_the_articles() -> None:
    # A related-articles box at the foot of a long article: its dates are other pages'.
    body = "".join(f"<p>正文第{i}段。</p>" for i in range(60))
    html = page(f"{body}<ul><li>相关文章 发布时间：2020-01-01</li></ul>")
    assert parse_html(html, URL, AS_OF).published == ""


def test_short_line_matching_the_title_start_is_no_heading() -> None:
    # "关于做好" opens the title but says nothing: the window stays at the top of the page.
    html = (
        f"<html><head><title>{HEADING}</title></head><body><ul>{MENU}</ul><p>关于做好</p>"
        "<p>发布日期：2025-11-02</p></body></html>"
    )
    assert parse_html(html, URL, AS_OF).published == ""
