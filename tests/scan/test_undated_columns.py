"""Lists that show no dates: judged after the crawl by the dates their articles give."""

from __future__ import annotations

import datetime as dt

import pytest

from ceping.scan.checks.base import CheckContext
from ceping.scan.checks.columns import check_page, judge_undated
from ceping.scan.config import ScanConfig
from ceping.scan.models import Finding, PageResult
from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)
SITE = "http://www.a.gov.cn/"
COLUMN = "http://www.a.gov.cn/tzgg/index.html"
TITLES = [f"关于做好第{i}批重点项目申报工作的通知" for i in range(8)]


@pytest.mark.parametrize(
    "head, body",
    [
        ('<meta name="PubDate" content="2025-11-02 09:30">', ""),
        ("", "<publishtime>2025-11-02 09:30:00</publishtime>"),
        ("", '<div class="info">来源：市政府办公室 发布时间：2025-11-02 浏览次数：12</div>'),
        ("", "<p>发布日期：2025年11月2日</p>"),
        ("", '<div class="xl-info">时间：2025-11-02 来源：市政府办公室</div>'),
        ("", "<p><span>发布时间：</span><span>2025-11-02 09:30</span></p>"),
    ],
)
def test_article_pages_name_their_date(head: str, body: str) -> None:
    html = f"<html><head>{head}</head><body><h1>通知</h1>{body}<p>正文</p></body></html>"
    assert parse_html(html, SITE + "a.html", AS_OF).published == "2025-11-02"


@pytest.mark.parametrize(
    "body",
    [
        "<p>2025年11月2日，市政府召开常务会议。</p>",
        "<p>会议时间：2025年11月2日</p><p>地点：市政府</p>",  # when it happens, not when published
        "<p>报名时间：2025-11-02至2025-11-30</p>",
    ],
)
def test_a_page_without_its_own_date(body: str) -> None:
    html = f"<html><body><h1>通知</h1>{body}</body></html>"
    assert parse_html(html, SITE + "a.html", AS_OF).published == ""


def _undated_html(pinned: bool = False) -> str:
    rows = "".join(f'<li><a href="art_{i}.html">{t}</a></li>' for i, t in enumerate(TITLES))
    top = (
        '<li class="top"><a href="old.html">关于网站年度工作报表的公告说明</a></li>'
        if pinned
        else ""
    )
    nav = '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>'
    return f'<html><body>{nav}<ul class="list">{top}{rows}</ul></body></html>'


def test_an_undated_list_names_its_items() -> None:
    page = parse_html(_undated_html(pinned=True), COLUMN, AS_OF)
    assert not page.is_list_page
    assert page.undated_items == tuple(
        f"http://www.a.gov.cn/tzgg/art_{i}.html" for i in range(len(TITLES))
    )


def _ctx() -> CheckContext:
    return CheckContext(ScanConfig(urls=(SITE,), as_of=AS_OF), SITE)


def _crawl(ctx: CheckContext, article_dates: dict[int, str]) -> list[Finding]:
    parsed = parse_html(_undated_html(), COLUMN, AS_OF)
    column = PageResult(COLUMN, 1, 200, undated_items=parsed.undated_items, is_html=True)
    found = list(check_page(column, ctx))
    for i, day in article_dates.items():
        url = f"http://www.a.gov.cn/tzgg/art_{i}.html"
        found += check_page(PageResult(url, 2, 200, is_html=True, published=day), ctx)
    return found + judge_undated(ctx)


def test_an_undated_column_whose_articles_are_old_is_stale() -> None:
    ctx = _ctx()
    findings = _crawl(ctx, {0: "2025-10-01", 1: "2025-09-01", 2: "2025-08-01"})
    assert [f.to_json() for f in findings] == [
        {
            "kind": "stale_column",
            "page": COLUMN,
            "latest": "2025-10-01",
            "days": 272,
            "column_type": "通知公告",  # from its folder, /tzgg/
            "window_days": 183,
        }
    ]


@pytest.mark.parametrize(
    "article_dates",
    [
        {0: "2026-06-01", 1: "2025-09-01", 2: "2025-08-01"},  # fresh
        {1: "2025-09-01", 2: "2025-08-01", 3: "2025-07-01"},  # the newest item was not fetched
        {0: "2025-10-01", 1: "2025-09-01"},  # too few articles known
        {0: "2025-10-01", 1: "2025-09-01", 2: "2025-08-01", 5: "2026-06-01"},  # a later one fresh
    ],
)
def test_undated_columns_not_provably_stale(article_dates: dict[int, str]) -> None:
    assert _crawl(_ctx(), article_dates) == []


def test_an_undated_list_of_dated_urls_is_a_column() -> None:
    rows = "".join(
        f'<li><a href="/zwgk/tzgg/2024{m:02d}/t2024{m:02d}10_{m}.html">{t}</a></li>'
        for m, t in enumerate(TITLES[:6], start=1)
    )
    page = parse_html(f'<ul class="list">{rows}</ul>', COLUMN, AS_OF)
    assert page.is_list_page and max(i.date for i in page.dated_items) == "2024-06-10"
    # Other sites' articles (a list of national policies) say nothing of this column.
    elsewhere = rows.replace('href="/', 'href="http://www.gov.cn/')
    page = parse_html(f'<ul class="list">{elsewhere}</ul>', COLUMN, AS_OF)
    assert not page.is_list_page
