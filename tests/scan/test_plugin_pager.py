"""A list paged by a jQuery paging plugin: the next page is worked out from its options.

The ETUI templates of Shanghai's portals hand the plugin the page count and a callback that
goes to `index_<n>.html` (bench/real_pages: a health commission's list had no next page)."""

from __future__ import annotations

import datetime as dt

from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)
COLUMN = "https://wsjkw.a.gov.cn/tzgg/"
ROWS = "".join(
    f'<li><a href="/tzgg/2026050{i}/{i}.html">关于第{i}批项目的公示</a>'
    f'<span class="time">2026-05-0{i}</span></li>'
    for i in range(1, 8)
)


def page(script: str) -> str:
    return (
        f'<html><body><ul class="list-date">{ROWS}</ul>'
        f'<ul class="pagination"><script>{script}</script></ul></body></html>'
    )


def plugin(target: str, current: int = 1, count: int = 54) -> str:
    return (
        f'$(".pagination").pagination({{ totalPage: {count}, showPageNum: 5,'
        " callBack: function (currPage) { var i=currPage;"
        f" if(i==1) location.href='index.html'; else location.href={target}; }} }});"
        f' $(".pagination").pagination("setPage",{current},{count});'
    )


def test_next_page_from_the_plugin_callback() -> None:
    parsed = parse_html(page(plugin("'index_'+i+'.html'")), COLUMN + "index.html", AS_OF)
    assert len(parsed.dated_items) == 7
    assert parsed.next_page == COLUMN + "index_2.html"


def test_next_page_of_a_later_page() -> None:
    script = plugin("'index_'+i+'.html'", current=3)
    parsed = parse_html(page(script), COLUMN + "index_3.html", AS_OF)
    assert parsed.next_page == COLUMN + "index_4.html"


def test_last_page_has_none() -> None:
    script = plugin("'index_'+i+'.html'", current=54)
    assert parse_html(page(script), COLUMN + "index_54.html", AS_OF).next_page == ""


def test_a_reworked_number_names_no_page() -> None:
    # The file is named by i - 1 here: guessing would name a page that may not exist.
    script = plugin("'index_'+(i-1)+'.html'")
    assert parse_html(page(script), COLUMN + "index.html", AS_OF).next_page == ""


def test_a_callback_without_a_count_names_no_page() -> None:
    script = "function go(n) { location.href = 'index_' + n + '.html'; }"
    assert parse_html(page(script), COLUMN + "index.html", AS_OF).next_page == ""
