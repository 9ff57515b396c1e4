"""Paged lists: which page follows, and which column a later page belongs to."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from ceping.scan.pagination import (
    first_pages,
    is_pager_text,
    next_page,
    page_number,
    same_list,
)

COLUMN = "http://www.a.gov.cn/zwgk/tzgg/index.html"


@pytest.mark.parametrize(
    ("url", "firsts"),
    [
        (
            "http://www.a.gov.cn/zwgk/tzgg/index_3.html",
            ("http://www.a.gov.cn/zwgk/tzgg/index.html", "http://www.a.gov.cn/zwgk/tzgg/"),
        ),
        (
            "http://www.a.gov.cn/gzdt/index_12.shtml",
            ("http://www.a.gov.cn/gzdt/index.shtml", "http://www.a.gov.cn/gzdt/"),
        ),
        (
            "http://www.a.gov.cn/col/col1229/index.html?uid=5511&pageNum=3",
            ("http://www.a.gov.cn/col/col1229/index.html?uid=5511",),
        ),
        ("http://www.a.gov.cn/list.jsp?cat=5&page=2", ("http://www.a.gov.cn/list.jsp?cat=5",)),
        ("http://www.a.gov.cn/news/list.aspx?PageIndex=4", ("http://www.a.gov.cn/news/list.aspx",)),
        (
            "http://www.a.gov.cn/xxgk/list_2.html",
            ("http://www.a.gov.cn/xxgk/list.html", "http://www.a.gov.cn/xxgk/"),
        ),
    ],
)
def test_later_pages_name_their_first(url: str, firsts: tuple[str, ...]) -> None:
    assert first_pages(url) == firsts


@pytest.mark.parametrize(
    "url",
    [
        COLUMN,
        "http://www.a.gov.cn/zwgk/tzgg/202511/t20251102_301.html",  # an article
        "http://www.a.gov.cn/art/2025/11/2/art_1229_5511.html",
        "http://www.a.gov.cn/news/show.aspx?id=2",  # an id is not a page number
        "http://www.a.gov.cn/list.jsp?page=last",
        "http://www.a.gov.cn/zt/index_zt.html",  # a name, not a number
    ],
)
def test_pages_that_are_no_later_pages(url: str) -> None:
    assert first_pages(url) == ()


def _next(body: str, url: str = COLUMN) -> str:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    scripts = " ".join(n.text() for n in tree.css("script"))
    return next_page(tree, scripts, url)


@pytest.mark.parametrize(
    ("body", "following"),
    [
        (
            (
                '<div class="page"><a href="index.html">首页</a><a href="index_1.html">下一页</a>'
                '<a href="index_9.html">尾页</a></div>'
            ),
            "http://www.a.gov.cn/zwgk/tzgg/index_1.html",
        ),
        (
            '<a href="?uid=5511&amp;pageNum=2">下页</a>',
            "http://www.a.gov.cn/zwgk/tzgg/index.html?uid=5511&pageNum=2",
        ),
        (
            '<a href="list.jsp?page=2" title="下一页">&gt;</a>',
            "http://www.a.gov.cn/zwgk/tzgg/list.jsp?page=2",
        ),
        # TRS draws its pager by script: the next file is worked out from the call.
        (
            '<script>createPageHTML(7, 0, "index", "html");</script>',
            "http://www.a.gov.cn/zwgk/tzgg/index_1.html",
        ),
        (
            "<script>var countPage = 7;createPageHTML(countPage, 2, 'index', 'shtml');</script>",
            "http://www.a.gov.cn/zwgk/tzgg/index_3.shtml",  # the count set just before
        ),
        (
            "<script>createPageHTML(countPage, 2, 'index', 'shtml');</script>",
            "",  # a count set nowhere on the page: not guessed
        ),
        (
            '<script>createPageHTML(7, 2, "index", "shtml");</script>',
            "http://www.a.gov.cn/zwgk/tzgg/index_3.shtml",
        ),
    ],
)
def test_the_next_page(body: str, following: str) -> None:
    assert _next(body) == following


@pytest.mark.parametrize(
    "body",
    [
        '<script>createPageHTML(7, 6, "index", "html");</script>',  # the last of 7
        '<script>createPageHTML(1, 0, "index", "html");</script>',  # one page only
        '<a href="index.html">首页</a><a href="index_5.html">上一页</a>',
        '<a href="/">首页</a><a href="/zwgk/">政务公开</a>',
        '<a href="index.html">下一页</a>',  # a link to itself leads nowhere
    ],
)
def test_no_next_page(body: str) -> None:
    assert _next(body) == ""


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("http://www.a.gov.cn/zwgk/tzgg/index_3.html", 3),
        ("http://www.a.gov.cn/news/list_1.html", 1),
        ("http://www.a.gov.cn/col/col1229/index.html?uid=5511&pageNum=2", 2),
        (COLUMN, None),
        ("http://www.a.gov.cn/news/show.aspx?id=2", None),
    ],
)
def test_page_numbers(url: str, number: int | None) -> None:
    assert page_number(url) == number


@pytest.mark.parametrize("text", ["下一页", "尾页", " 末页 ", "2", "[3]", "第4页", "»", "Next"])
def test_pager_words(text: str) -> None:
    assert is_pager_text(text)


@pytest.mark.parametrize("text", ["首页", "通知公告", "2026", "12345", "更多", "第一批名单"])
def test_words_that_are_no_pager(text: str) -> None:
    assert not is_pager_text(text)


def test_pages_of_one_list_share_a_folder_or_a_path() -> None:
    assert same_list(COLUMN, "http://www.a.gov.cn/zwgk/tzgg/index_2.html")
    assert same_list(
        "http://www.a.gov.cn/list.jsp?cat=1", "http://www.a.gov.cn/list.jsp?cat=1&page=2"
    )
    assert not same_list(COLUMN, "http://www.a.gov.cn/zwgk/gzdt/index_2.html")
    assert not same_list(COLUMN, "http://www.b.gov.cn/zwgk/tzgg/index_2.html")
