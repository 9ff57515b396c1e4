"""Column types from the names a site shows its columns under and from their folders, and the
staleness window each type is judged by."""

from __future__ import annotations

import pytest

from ceping.scan.checks.columns import window_days
from ceping.scan.column_types import (
    INTERACTION,
    NEWS,
    NOTICE,
    OTHER,
    PERSONNEL,
    PLAN,
    POLICY,
    column_type,
    is_no_column,
    title_names,
    type_of_name,
    type_of_path,
)
from ceping.scan.columns_nav import ColumnNames
from ceping.scan.config import ScanConfig
from ceping.scan.models import IMAGE, Link, PageResult


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("工作动态", NEWS),
        ("本地要闻", NEWS),
        ("部门动态", NEWS),
        ("新闻中心", NEWS),
        ("通知公告", NOTICE),
        ("公示公告", NOTICE),
        ("政策文件", POLICY),
        ("规范性文件", POLICY),
        ("政策解读", POLICY),
        ("发展规划", PLAN),
        ("年度工作计划", PLAN),
        ("人事任免公示", PERSONNEL),
        ("招聘信息", PERSONNEL),
        ("领导信箱", INTERACTION),
        ("在线访谈", INTERACTION),
        ("新闻发布会", INTERACTION),
        ("机构职能", OTHER),
        ("更多>>", OTHER),
        ("", OTHER),
        # An article title is no column name, whatever words it holds.
        ("关于做好2026年度冬季安全生产工作的通知要求", OTHER),
    ],
)
def test_type_of_a_name(name: str, kind: str) -> None:
    assert type_of_name(name) == kind


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://a.gov.cn/zwgk/tzgg/index.html", NOTICE),
        ("http://a.gov.cn/xwzx/gzdt/index_2.html", NEWS),
        ("http://a.gov.cn/zwgk/zcwj/", POLICY),
        ("http://a.gov.cn/hdjl/index.html", INTERACTION),
        ("http://a.gov.cn/%E9%80%9A%E7%9F%A5%E5%85%AC%E5%91%8A/index.html", NOTICE),
        # The column's own folder names it before its section's does.
        ("http://a.gov.cn/xwzx/tzgg/index.html", NOTICE),
        ("http://a.gov.cn/col/col1229/index.html", OTHER),
        ("http://a.gov.cn/news.html", OTHER),  # a file name, not a folder
    ],
)
def test_type_of_a_path(url: str, kind: str) -> None:
    assert type_of_path(url) == kind


def test_the_names_outvote_the_path_and_each_other() -> None:
    url = "http://a.gov.cn/xwzx/index.html"
    assert column_type(["通知公告", "通知公告", "更多", "工作动态"], url) == NOTICE
    assert column_type(["更多", "查看更多"], "http://a.gov.cn/gzdt/") == NEWS
    assert column_type([], "http://a.gov.cn/col/col9/index.html") == OTHER


def test_the_site_name_in_a_title_types_no_column() -> None:
    home = "某市规划和自然资源局"
    assert title_names("通知公告_某市规划和自然资源局", home) == ["通知公告"]
    assert column_type(title_names("机构职能 - 某市规划和自然资源局", home), "/jgzn/") == OTHER
    assert title_names("某市规划和自然资源局", home) == []


def test_the_navigation_names_a_column_from_every_page() -> None:
    names = ColumnNames()
    column = "http://a.gov.cn/col/col12/index.html"
    links = (
        Link(column, "通知公告"),
        Link(column, "更多"),
        Link("http://a.gov.cn/p.jpg", "通知公告", kind=IMAGE),
        Link("http://a.gov.cn/a/1.html", "关于做好冬季安全生产工作的通知要求和部署安排"),
    )
    for n in range(3):
        names.record(PageResult(f"http://a.gov.cn/{n}.html", 1, 200, links=links))
    assert sorted(names.of(column)) == ["更多"] * 3 + ["通知公告"] * 3
    assert column_type(names.of(column), column) == NOTICE
    assert names.of("http://a.gov.cn/p.jpg") == []
    assert names.of("http://a.gov.cn/a/1.html") == []  # a title, too long for a name


def test_each_type_has_its_window_and_the_rest_the_default() -> None:
    config = ScanConfig(urls=("http://a.gov.cn/",))
    assert window_days(NEWS, config) == 14
    assert window_days(NOTICE, config) == 183
    assert window_days(POLICY, config) == 183
    assert window_days(PLAN, config) == config.stale_after_days == 180
    assert window_days(OTHER, config) == 180
    custom = ScanConfig(urls=("http://a.gov.cn/",), stale_news_days=30, stale_after_days=365)
    assert window_days(NEWS, custom) == 30
    assert window_days(OTHER, custom) == 365


@pytest.mark.parametrize(
    ("names", "url"),
    [
        (["专题专栏"], "http://a.gov.cn/col/col88/index.html"),
        (["2019年全国两会专题"], "http://a.gov.cn/col/col89/index.html"),
        ([], "http://a.gov.cn/ztzl/2019lh/index.html"),
        ([], "http://a.gov.cn/search/result.html"),
        ([], "http://a.gov.cn/jsearch/search.do?searchword=%E6%94%BF%E5%BA%9C"),
        ([], "http://a.gov.cn/list.jsp?keyword=%E6%94%BF%E5%BA%9C&page=2"),
        (["站内搜索"], "http://a.gov.cn/s.html"),
    ],
)
def test_lists_that_are_no_columns(names: list[str], url: str) -> None:
    assert is_no_column(names, url)


@pytest.mark.parametrize(
    ("names", "url"),
    [
        (["通知公告"], "http://a.gov.cn/tzgg/index.html"),
        ([], "http://a.gov.cn/col/col88/index.html?uid=12&pageNum=2"),
        # A long article title that mentions a topic names no column.
        (["关于开展2019年全国两会专题宣传报道工作的通知"], "http://a.gov.cn/tzgg/"),
        ([], "http://a.gov.cn/zwgk/zdly/index.html"),  # 重点领域, no 专题 folder
        ([], "http://a.gov.cn/research/gzdt/index.html"),  # a research office's news
        ([], "http://a.gov.cn/list.aspx?key=tzgg"),  # a category key, not a search
    ],
)
def test_columns_that_are_columns(names: list[str], url: str) -> None:
    assert not is_no_column(names, url)
