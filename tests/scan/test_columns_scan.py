"""Columns judged over a whole crawl on loopback: named by the site's navigation, typed and judged
by their type's window, paged lists read only as far as the newest item needs, script-built
lists read from the data their scripts load."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from ceping.cli.scan_checks import WINDOW_FIELDS
from ceping.scan import ScanConfig, run_scan
from ceping.scan.column_types import COLUMN_TYPES
from ceping.scan.render import is_available
from tests.commands import run_ceping
from tests.web.loopback import serve_handler

AS_OF = dt.date(2026, 6, 30)
TITLES = (
    "关于做好冬季安全生产工作的通知",
    "市政府常务会议研究部署重点工作",
    "关于公布行政许可事项清单的公告",
)
NAV = (
    '<ul class="nav"><li><a href="/">首页</a></li>'
    '<li><a href="/gzdt/index.html">工作动态</a></li>'
    '<li><a href="/col/col7/index.html">本地要闻</a></li>'
    '<li><a href="/tzgg/index.html">通知公告</a></li>'
    '<li><a href="/zcwj/index.html">政策文件</a></li>'
    '<li><a href="/jgzn/index.html">机构职能</a></li>'
    '<li><a href="/xxgk/list.jsp?cat=1">信息公开目录</a></li></ul>'
)
Pages = dict[str, tuple[str, str]]  # path (with query) -> (body, content type)


def _page(title: str, body: str) -> str:
    return f"<html><head><title>{title}_某市人民政府</title></head><body>{NAV}{body}</body></html>"


def _rows(days: list[str], pinned: bool = False, prefix: str = "art") -> str:
    mark = ' class="top"' if pinned else ""
    return "".join(
        f'<li{mark}><a href="{prefix}_{i}.html">{TITLES[i % 3]}</a><span>{d}</span></li>'
        for i, d in enumerate(days)
    )


def _column(title: str, days: list[str], extra: str = "", pinned: bool = False) -> str:
    return _page(title, f'<h2>{title}</h2><ul class="list">{_rows(days, pinned)}</ul>{extra}')


@contextmanager
def _site(pages: Pages) -> Iterator[str]:
    async def handle(request: web.Request) -> web.Response:
        found = pages.get(request.path_qs)
        if found is None:
            return web.Response(status=404, text="not found")
        body, content_type = found
        return web.Response(text=body, content_type=content_type)

    with serve_handler(handle) as base:
        yield f"{base}/"


def _html(pages: dict[str, str]) -> Pages:
    return {path: (body, "text/html") for path, body in pages.items()}


def _columns(pages: Pages, **overrides: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    with _site(pages) as url:
        values: dict[str, Any] = {
            "urls": (url,),
            "as_of": AS_OF,
            "allow_private": True,
            "check_typos": False,
            "check_https": False,
            "check_external": False,
            "check_resources": False,
            "backoff_s": 0.05,
            "render_pages": 0,
        }
        (report,) = run_scan(ScanConfig(**{**values, **overrides}))
    out = report.to_json()
    found = [
        {k: v.replace(url, "/") if isinstance(v, str) else v for k, v in f.items()}
        for f in out["findings"]
        if f["kind"] in ("stale_column", "blank_column")
    ]
    return sorted(found, key=lambda f: f["page"]), out["features"]


def _stale(page: str, latest: str, kind: str, window: int) -> dict[str, Any]:
    days = (AS_OF - dt.date.fromisoformat(latest)).days
    return {
        "kind": "stale_column",
        "page": page,
        "latest": latest,
        "days": days,
        "column_type": kind,
        "window_days": window,
    }


SITE = {
    "/": _page("首页", "<p>欢迎访问</p>"),
    # 29 days: stale for news (2 weeks).
    "/gzdt/index.html": _column("工作动态", ["2026-06-01", "2026-05-20"]),
    # The folder says nothing; the menu says 本地要闻. 5 days: fresh.
    "/col/col7/index.html": _column("本地要闻", ["2026-06-25", "2026-06-20"]),
    # 121 days: fresh for a notice (6 months); its older pages are no columns of their own.
    "/tzgg/index.html": _column(
        "通知公告",
        ["2026-03-01", "2026-02-01"],
        '<div class="page"><a href="index_1.html">下一页</a><a href="index_1.html">尾页</a></div>',
    ),
    "/tzgg/index_1.html": _column("通知公告", ["2025-01-05", "2025-01-01"]),
    # 241 days and no type: the default 180 days.
    "/jgzn/index.html": _column("机构职能", ["2025-11-01", "2025-10-01"]),
    # Query-paged: page 2 holds the old items.
    "/xxgk/list.jsp?cat=1": _column(
        "信息公开目录", ["2026-06-10", "2026-06-01"], '<a href="list.jsp?cat=1&page=2">2</a>'
    ),
    "/xxgk/list.jsp?cat=1&page=2": _column("信息公开目录", ["2024-01-10", "2024-01-01"]),
}


def test_columns_typed_by_the_navigation_and_judged_by_their_window() -> None:
    found, features = _columns(_html(SITE))
    assert found == [
        _stale("/gzdt/index.html", "2026-06-01", "动态要闻", 14),
        _stale("/jgzn/index.html", "2025-11-01", "其他", 180),
    ]
    assert "rendered_pages" not in features


def test_windows_are_the_scans_to_set() -> None:
    found, _ = _columns(_html(SITE), stale_news_days=60, stale_after_days=365)
    assert found == []


# A first page of pinned items only: TRS draws its pager by script, so no link names page 2.
PINNED_ONLY = _column(
    "政策文件",
    ["2026-06-20", "2026-06-01"],
    '<script>createPageHTML(3, 0, "index", "html");</script>',
    pinned=True,
)


def test_pinned_items_only_read_on_to_the_next_page() -> None:
    pages = {"/": SITE["/"], "/zcwj/index.html": PINNED_ONLY}
    old = {**pages, "/zcwj/index_1.html": _column("政策文件", ["2025-06-01", "2025-05-01"])}
    assert _columns(_html(old))[0] == [_stale("/zcwj/index.html", "2025-06-01", "政策文件", 183)]
    fresh = {**pages, "/zcwj/index_1.html": _column("政策文件", ["2026-05-01", "2026-04-01"])}
    assert _columns(_html(fresh))[0] == []


def test_pinned_items_on_every_page_date_the_column_themselves() -> None:
    pages = {"/": SITE["/"], "/zcwj/index.html": PINNED_ONLY.replace("(3, 0", "(1, 0")}
    pages["/zcwj/index.html"] = pages["/zcwj/index.html"].replace("2026-06-20", "2025-06-20")
    pages["/zcwj/index.html"] = pages["/zcwj/index.html"].replace("2026-06-01", "2025-06-01")
    assert _columns(_html(pages))[0] == [_stale("/zcwj/index.html", "2025-06-20", "政策文件", 183)]


SCRIPT_BUILT = _page(
    "工作动态",
    '<h2>工作动态</h2><ul id="newsList" class="list"></ul>'
    '<script>$.getJSON("/api/gzdt.json", function (d) { draw("#newsList", d); });</script>',
)


def _json(days: list[str]) -> tuple[str, str]:
    records = [{"title": TITLES[i % 3], "pubDate": d} for i, d in enumerate(days)]
    return json.dumps({"data": {"list": records}}, ensure_ascii=False), "application/json"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["2026-05-01", "2026-04-01"], [_stale("/gzdt/index.html", "2026-05-01", "动态要闻", 14)]),
        (["2026-06-28", "2026-04-01"], []),
    ],
)
def test_a_list_read_from_the_json_its_script_loads(
    days: list[str], expected: list[dict[str, Any]]
) -> None:
    pages = {
        **_html({"/": SITE["/"], "/gzdt/index.html": SCRIPT_BUILT}),
        "/api/gzdt.json": _json(days),
    }
    assert _columns(pages)[0] == expected


def test_a_script_built_list_whose_data_cannot_be_read_is_not_judged() -> None:
    pages = _html({"/": SITE["/"], "/gzdt/index.html": SCRIPT_BUILT})  # the JSON answers 404
    assert _columns(pages)[0] == []


DRAWN_IN_BROWSER = _page(
    "工作动态",
    '<h2>工作动态</h2><ul id="newsList" class="list"></ul><script>'
    "var rows = [['/gzdt/a1.html', '关于做好冬季安全生产工作的通知', '2026-05-02'],"
    "['/gzdt/a2.html', '市政府常务会议研究部署重点工作', '2026-04-01']];"
    "document.addEventListener('DOMContentLoaded', function () {"
    " var ul = document.querySelector('#newsList');"
    " rows.forEach(function (r) { var li = document.createElement('li');"
    " li.innerHTML = '<a href=\"' + r[0] + '\">' + r[1] + '</a><span>' + r[2] + '</span>';"
    " ul.appendChild(li); }); });</script>",
)


@pytest.mark.skipif(
    not is_available("/usr/bin/chromium"),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)
def test_a_list_only_a_browser_draws_is_rendered_and_reported() -> None:
    pages = _html({"/": SITE["/"], "/gzdt/index.html": DRAWN_IN_BROWSER})
    found, features = _columns(pages, render_pages=2, render_seconds=60.0)
    assert found == [_stale("/gzdt/index.html", "2026-05-02", "动态要闻", 14)]
    assert [p.rsplit("/", 2)[-2:] for p in features["rendered_pages"]] == [["gzdt", "index.html"]]
    # Without a budget for it, the page stays unjudged: never a finding from a guess.
    assert _columns(pages, render_pages=0)[0] == []


def test_the_window_options_of_ceping_scan(tmp_path: Path) -> None:
    assert set(WINDOW_FIELDS) == set(COLUMN_TYPES)
    out = tmp_path / "scan.json"
    with _site(_html(SITE)) as url:
        args = (url, "--json", str(out), "--as-of", AS_OF.isoformat(), "--allow-private")
        args += ("--no-typos", "--no-external", "--render-pages", "0", "--quiet")
        done = run_ceping(tmp_path, "scan", *args, "--stale-window", "动态要闻=60")
        assert done.returncode == 0, done.stderr
        assert "动态要闻栏目更新时限 = 60 天" in done.stderr
        findings = json.loads(out.read_text(encoding="utf-8"))["sites"][0]["findings"]
        stale = sorted(f["page"].replace(url, "/") for f in findings if f["kind"] == "stale_column")
        assert stale == ["/jgzn/index.html"]
        wrong = run_ceping(tmp_path, "scan", *args, "--stale-window", "新闻=x")
    assert wrong.returncode != 0 and "类型=天数" in wrong.stderr


def _article(day: str) -> str:
    head = f'<meta name="ArticleTitle" content="通知"><meta name="PubDate" content="{day} 09:30">'
    return f"<html><head>{head}</head><body><h1>通知</h1><p>正文</p></body></html>"


@pytest.mark.parametrize(("newest", "stale"), [("2025-10-01", True), ("2026-06-01", False)])
def test_an_undated_list_is_dated_by_its_newest_articles_past_the_page_limit(
    newest: str, stale: bool
) -> None:
    titles = [f"关于做好第{i}批重点项目申报工作的通知" for i in range(6)]
    rows = "".join(f'<li><a href="a{i}.html">{t}</a></li>' for i, t in enumerate(titles))
    home = '<html><body><a href="/tzgg/index.html">通知公告</a></body></html>'
    pages = {"/": home, "/tzgg/index.html": _page("通知公告", f'<ul class="list">{rows}</ul>')}
    pages |= {f"/tzgg/a{i}.html": _article(newest if i == 0 else "2025-01-01") for i in range(6)}
    # Two pages: the home and the column; the articles are read only for the column's sake.
    found, _ = _columns(_html(pages), max_pages=2)
    assert found == ([_stale("/tzgg/index.html", newest, "通知公告", 183)] if stale else [])


@pytest.mark.parametrize(("newest", "stale"), [("2025-10-01", True), ("2026-06-25", False)])
def test_a_short_title_at_the_head_of_an_undated_list_dates_it(newest: str, stale: bool) -> None:
    # Long titles make the run a list of articles; the first item's title is short (10
    # characters) and it is the newest: the column is dated by it, not by the second item.
    titles = ["乡村振兴工作情况通报"] + [f"关于做好第{i}批重点项目申报工作的通知" for i in range(5)]
    rows = "".join(f'<li><a href="a{i}.html">{t}</a></li>' for i, t in enumerate(titles))
    home = '<html><body><a href="/gzdt/index.html">工作动态</a></body></html>'
    pages = {"/": home, "/gzdt/index.html": _page("工作动态", f'<ul class="list">{rows}</ul>')}
    pages |= {f"/gzdt/a{i}.html": _article(newest if i == 0 else "2025-01-01") for i in range(6)}
    found, _ = _columns(_html(pages))
    assert found == ([_stale("/gzdt/index.html", newest, "动态要闻", 14)] if stale else [])


def test_a_numbered_later_page_is_no_column_even_alone() -> None:
    home = (
        '<html><body><a href="/a/index_2.html">第2页</a><a href="/b/list_1.html">机构设置</a>'
        '<a href="/c/list_1.html">第1页</a></body></html>'
    )
    pages = {
        "/": home,
        # Page 2 of a list whose first page the crawl never saw: its old items are not the list's.
        "/a/index_2.html": _column("第2页", ["2024-01-10", "2024-01-01"]),
        # A site that numbers its first page 1, with nothing before it: a column.
        "/b/list_1.html": _column("机构设置", ["2025-11-01", "2025-10-01"]),
        # ... unless the page without a number is there too: then it is that list's.
        "/c/list_1.html": _column("第1页", ["2024-01-10", "2024-01-01"]),
        "/c/list.html": _column("第1页", ["2026-06-10", "2026-06-01"]),
    }
    home_c = pages["/"].replace("</body>", '<a href="/c/list.html">列表</a></body>')
    assert _columns(_html({**pages, "/": home_c}))[0] == [
        _stale("/b/list_1.html", "2025-11-01", "其他", 180)
    ]


def test_special_topics_and_search_results_are_not_judged() -> None:
    old = ["2019-03-10", "2019-03-01"]
    home = (
        '<html><body><a href="/ztzl/2019lh/index.html">2019年两会</a>'
        '<a href="/xxgk/list.jsp?keyword=zf">政府</a>'
        '<a href="/col/col88/index.html">脱贫攻坚专题</a><a href="/jgzn/index.html">机构职能</a>'
        "</body></html>"
    )
    pages = {
        "/": home,
        "/ztzl/2019lh/index.html": _column("2019年两会", old),
        "/xxgk/list.jsp?keyword=zf": _column("信息公开", old),
        "/col/col88/index.html": _column("脱贫攻坚", old),
        "/jgzn/index.html": _column("机构职能", old),  # the same list where a column is: stale
    }
    assert _columns(_html(pages))[0] == [_stale("/jgzn/index.html", "2019-03-10", "其他", 180)]


def test_a_column_under_two_addresses_is_judged_once_and_the_home_never() -> None:
    old = ["2025-11-01", "2025-10-01"]
    nav = '<a href="/index.html">首页</a><a href="/jgzn/">机构职能</a>'
    home = f'<html><body>{nav}<a href="/jgzn/index.html">更多</a>{_rows(old)}</body></html>'
    column = _column("机构职能", old).replace("<body>", f"<body>{nav}")
    pages = {"/": home, "/index.html": home, "/jgzn/": column, "/jgzn/index.html": column}
    assert _columns(_html(pages))[0] == [_stale("/jgzn/", "2025-11-01", "其他", 180)]


@pytest.mark.skipif(
    not is_available("/usr/bin/chromium"),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)
def test_ceping_scan_draws_script_built_lists_by_default(tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    pages = _html({"/": SITE["/"], "/gzdt/index.html": DRAWN_IN_BROWSER})
    with _site(pages) as url:
        args = (url, "--json", str(out), "--as-of", AS_OF.isoformat(), "--allow-private")
        done = run_ceping(tmp_path, "scan", *args, "--no-typos", "--no-external", "--quiet")
    assert done.returncode == 0, done.stderr
    (site,) = json.loads(out.read_text(encoding="utf-8"))["sites"]
    assert site["features"]["rendered_pages"] == [f"{url}gzdt/index.html"]
    assert [f["page"] for f in site["findings"] if f["kind"] == "stale_column"] == [
        f"{url}gzdt/index.html"
    ]


def test_a_column_link_answering_404_is_a_broken_link_not_a_blank_column() -> None:
    links = '<a href="/tzgg/index.html">通知公告</a><a href="/xwzx/">新闻中心</a>'
    home = f"<html><body>{links}</body></html>"
    blank = _page("新闻中心", '<ul class="list"></ul><p>暂无信息</p>')
    with _site(_html({"/": home, "/xwzx/": blank})) as url:
        config = ScanConfig(urls=(url,), as_of=AS_OF, allow_private=True, check_typos=False)
        (report,) = run_scan(config)
    found = report.to_json()["findings"]
    kinds = {(f["kind"], f.get("url") or f.get("page")) for f in found}
    assert ("broken_link", f"{url}tzgg/index.html") in kinds
    assert ("blank_column", f"{url}xwzx/") in kinds  # the page that answers, blank: blank
    assert ("blank_column", f"{url}tzgg/index.html") not in kinds


def _pager(current: int, last: int) -> str:
    def href(n: int) -> str:
        return "index.html" if n == 1 else f"{n}.html"

    numbers = "".join(f'<a href="{href(n)}">{n}</a>' for n in range(1, 4) if n != current)
    return f'<div class="fenye">{numbers}<a href="{href(last)}">尾页</a></div>'


@pytest.mark.parametrize(("first", "stale"), [("2026-06-20", False), ("2025-06-20", True)])
def test_pages_joined_by_a_pager_are_one_list(first: str, stale: bool) -> None:
    # /gzdt/2.html, 3.html, 9.html carry no page number a scheme knows: only the pager says
    # they are pages of /gzdt/index.html, and their old items are not a column's of their own.
    old = ["2024-01-10", "2024-01-01"]
    pages = {
        "/": '<html><body><a href="/gzdt/index.html">工作动态</a></body></html>',
        "/gzdt/index.html": _column("工作动态", [first, "2024-02-01"], _pager(1, 9)),
        **{f"/gzdt/{n}.html": _column("工作动态", old, _pager(n, 9)) for n in (2, 3, 9)},
    }
    expected = [_stale("/gzdt/index.html", first, "动态要闻", 14)] if stale else []
    assert _columns(_html(pages))[0] == expected


@pytest.mark.parametrize(("newest", "stale"), [("2026-05-01", True), ("2026-06-25", False)])
def test_a_list_written_by_a_script_file_of_the_site(newest: str, stale: bool) -> None:
    rows = "".join(
        f"document.write(\"<li><a href='/gzdt/a{i}.html'>{TITLES[i]}</a><span>{d}</span></li>\");"
        for i, d in enumerate([newest, "2026-04-01"])
    )
    column = _page("工作动态", '<ul class="list"><script src="/js/gzdt_list.js"></script></ul>')
    pages = {
        **_html({"/": SITE["/"], "/gzdt/index.html": column}),
        "/js/gzdt_list.js": (rows, "application/javascript"),
    }
    expected = [_stale("/gzdt/index.html", newest, "动态要闻", 14)] if stale else []
    assert _columns(pages)[0] == expected


def test_the_later_pages_of_an_undated_list_are_no_columns() -> None:
    titles = [f"关于做好第{i}批重点项目申报工作的通知" for i in range(6)]

    def undated(folder: str, pager: str = "") -> str:
        rows = "".join(f'<li><a href="{folder}{i}.html">{t}</a></li>' for i, t in enumerate(titles))
        return _page("通知公告", f'<ul class="list">{rows}</ul>{pager}')

    home = (
        '<html><body><a href="/tzgg/index.html">通知公告</a><a href="/gsgg/">公示</a></body></html>'
    )
    pages = {
        "/": home,
        # Fresh on its first page; its second page lists old articles.
        "/tzgg/index.html": undated("a", '<a href="index_1.html">下一页</a>'),
        "/tzgg/index_1.html": undated("b"),
        # Another list, of old articles only: stale.
        "/gsgg/": undated("c"),
    }
    pages |= {f"/tzgg/a{i}.html": _article("2026-06-01") for i in range(6)}
    pages |= {f"/tzgg/b{i}.html": _article("2025-01-01") for i in range(6)}
    pages |= {f"/gsgg/c{i}.html": _article("2025-01-01") for i in range(6)}
    assert _columns(_html(pages))[0] == [_stale("/gsgg/", "2025-01-01", "通知公告", 183)]
