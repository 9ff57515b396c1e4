"""Publication dates in every form government lists print them, and numbers that only look so."""

from __future__ import annotations

import datetime as dt

import pytest

from ceping.scan import dates

AS_OF = dt.date(2026, 6, 30)
D = dt.date(2012, 11, 2)


@pytest.mark.parametrize(
    "text",
    [
        "2012-11-02",
        "2012-11-2",
        "2012/11/02",
        "2012.11.02",
        "2012年11月2日",
        "2012年11月02日",
        "2012 年 11 月 2 日",
        "[2012-11-02]",
        "（2012-11-02）",
        "【2012.11.02】",
        "2012-11-02 10:30",
        "2012-11-02 10:30:15",
        "2012年11月2日 星期五",
        "2012年11月2日 周五 09:00",
        "发布日期：2012-11-02",
        "发布时间: 2012/11/02 08:00",
        "20121102",
        "02 2012-11",
        "2012-11 02",
        "12-11-02",  # a `yy-MM-dd` template
        "12-11-02 10:30",
        "2012-11-02T10:30:00+08:00",
        "2012-11-02T10:30",
        "2012-11-02 10:30:00.0",  # a Java Timestamp as a JSP prints it
    ],
)
def test_full_dates_alone(text: str) -> None:
    assert dates.date_only_text(text, 2026, AS_OF) == D


@pytest.mark.parametrize("text", ["11-02", "[11-02]", "11/02", "11月02日", "11月2日", "(11.02)"])
def test_short_dates_take_the_given_year(text: str) -> None:
    assert dates.date_only_text(text, 2012, AS_OF) == D


def test_short_date_read_in_january_is_last_december() -> None:
    assert dates.date_only_text("12-30", 2026, dt.date(2026, 1, 10)) == dt.date(2025, 12, 30)


@pytest.mark.parametrize(
    "text",
    [
        "关于做好冬季安全生产工作的通知 2012-11-02",
        "关于做好冬季安全生产工作的通知[11-02]",
        "关于做好冬季安全生产工作的通知 (2012年11月2日)",
    ],
)
def test_date_closing_a_title(text: str) -> None:
    assert dates.trailing_date(text, 2012, AS_OF) == D


@pytest.mark.parametrize(
    "text",
    [
        "电话：0531-86051234",
        "0531-2012-1102",
        "鲁政办字〔2012〕12号",
        "鲁政发[2012]11号",
        "© 2012-2026 版权所有",
        "Copyright 2004-2012",
        "索引号：11370000004/2012-00123",
        "1949年10月1日",
        "2027-03-01",
        "v2.2012.11.02",
        "第2012号文件",
        "2012年11月",
        "2012-13-45",
        "阅读次数：1102",
        "12.5KB",
        "1/3",
        "10.25%",
        "第1-2页",
        "11-02KB",
        "版本 12.05",
        "12-13-45",  # no month 13
        "27-01-01",  # 2027: after the as-of date
        "0531-12-11-02",
        "12-11-2",  # yy-MM-dd pads its numbers
    ],
)
def test_non_dates(text: str) -> None:
    assert dates.date_only_text(text, 2026, AS_OF) is None
    assert dates.trailing_date(text, 2026, AS_OF) is None


def test_a_date_inside_a_title_is_not_its_publication_date() -> None:
    title = "关于2012年11月2日召开听证会的公告"
    assert dates.date_only_text(title, 2026, AS_OF) is None
    assert dates.trailing_date(title, 2026, AS_OF) is None


@pytest.mark.parametrize(
    ("url", "year"),
    [
        ("http://a.gov.cn/xxgk/202211/t20221102_3301.html", 2022),
        ("/art/2022/11/2/art_1229_5511.html", 2022),
        ("http://a.gov.cn/zwgk/2022-11/02/content_5511.htm", 2022),
        ("/news/20221102/123.html", 2022),
        ("/col/col1229/index.html", None),
        ("/news/show.aspx?id=2022", None),
    ],
)
def test_year_of_an_article_url(url: str, year: int | None) -> None:
    assert dates.url_year(url) == year


def test_heading_year() -> None:
    assert dates.heading_year("2012年 工作动态", AS_OF) == 2012
    assert dates.heading_year("工作动态", AS_OF) is None
    assert dates.heading_year("2030年 规划", AS_OF) is None
