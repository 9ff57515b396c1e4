"""大汉 JCMS columns: an empty datastore is a blank column; one its scripts or its count say is
filled from elsewhere is read from there, never judged blank.

The markup is modelled on how JCMS pages look in public code read with the search tool (shapes
only, nothing copied): the column page's `<div id="212860"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&
columnid=…&unitid=…&webname=…&permissiontype=0"></a>]]></nextgroup><recordset><record><![CDATA[<li>
<a href='/art/2026/9/11/art_33718_….html' title='…'>…</a><span>2026-09-11</span></li>]]></record>`
followed by `$('#212860').jpage({totalRecord:4895,perPage:19})` (a test fixture of a Jiangsu
provincial-site reader, `wanggenAi/opportunity-routing-engine`); the jpage call with its options
`themeName, showMode, totalRecord:1418, dataStore, groupSize, proxyUrl:'/module/jslib/jquery/
jpage/dataproxy.jsp', perPage:25, ajaxParam:{col, appid, webid, path, columnid, unitid, webname,
permissiontype}` (a crawl dump of a 南通 procurement site in a public repository); and the
dataproxy answer `<datastore><totalrecord>…</totalrecord><totalpage>…</totalpage><recordset>…`
(`nikan1996/PyScraper`, `PyScraper/extractor/xml_link.py`, which reads those two counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiohttp import web

from ceping.scan import ScanConfig, run_scan
from ceping.scan.jcms import read_datastore
from ceping.scan.parse import parse_html
from tests.web.loopback import serve_handler

AS_OF = dt.date(2026, 6, 30)
URL = "http://www.a.gov.cn/col/col33718/index.html"
NEXTGROUP = (
    '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1'
    '&path=/&columnid=33718&unitid=212860&webname=某市人民政府&permissiontype=0"></a>]]>'
    "</nextgroup>"
)
RECORDS = (
    "<record><![CDATA[<li><a href='/art/2026/6/11/art_33718_1182.html' title='关于做好防汛"
    "工作的通知' target='_blank'>关于做好防汛工作的通知</a><span>2026-06-11</span></li>]]>"
    "</record>\n<record><![CDATA[<li><a href='/art/2026/5/2/art_33718_1170.html' title='市政府"
    "常务会议研究部署重点工作' target='_blank'>市政府常务会议研究部署重点工作</a>"
    "<span>2026-05-02</span></li>]]></record>"
)


def _jpage(total: int | str) -> str:
    return (
        "<script>$(function(){$('#212860').jpage({themeName:'default',showMode:'full',"
        f"totalRecord:{total},openCookies:false,dataBefore:'<ul class=\"list\">',"
        "dataAfter:'</ul>',groupSize:3,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:15,"
        "barPosition:'bottom',ajaxParam:{col:1,appid:'1',webid:1,path:'/',columnid:33718,"
        "unitid:'212860',webname:'某市人民政府',permissiontype:0}});});</script>"
    )


def _column(records: str, after: str = "", store_extra: str = "") -> str:
    return (
        "<html><head><title>通知公告_某市人民政府</title></head><body>"
        '<div class="bt-position">当前位置：<a href="/">首页</a> &gt; 通知公告</div>'
        '<div class="main"><h2>通知公告</h2><div id="212860"><script type="text/xml"><datastore>'
        f"{NEXTGROUP}{store_extra}<recordset>\n{records}\n</recordset></datastore></script></div>"
        f"</div>{after}</body></html>"
    )


def _read(html: str) -> tuple[list[str], bool, bool, tuple[str, ...]]:
    page = parse_html(html, URL, AS_OF)
    dates = sorted(i.date for i in page.dated_items)
    return dates, page.is_list_page, page.is_script_built, page.data_sources


@pytest.mark.parametrize(
    "html",
    [
        _column("", _jpage(0)),  # the count jpage is handed says 0
        _column("", _jpage("'0'")),
        _column("", store_extra="<totalrecord>0</totalrecord>"),  # the proxy's own count
        _column(""),  # no count and nothing loaded: the browser shows nothing
    ],
    ids=["totalRecord-0", "totalRecord-quoted-0", "totalrecord-tag-0", "no-count"],
)
def test_an_empty_jcms_datastore_is_a_blank_column(html: str) -> None:
    assert _read(html) == ([], True, False, ())


def test_a_jcms_datastore_with_records_is_read() -> None:
    dates, is_list, is_script_built, _ = _read(_column(RECORDS, _jpage(2)))
    assert (dates, is_list, is_script_built) == (["2026-05-02", "2026-06-11"], True, False)


@pytest.mark.parametrize(
    ("html", "source"),
    [
        # The count says 37 but no record ships in the page: the proxy's first page has them.
        (
            _column("", _jpage(37)),
            (
                "http://www.a.gov.cn/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/"
                "&columnid=33718&unitid=212860&webname=某市人民政府&permissiontype=0"
            ),
        ),
        # An Ajax call to an address the page names fills the datastore later.
        (
            _column(
                "",
                "<script>$.ajax({url: '/module/web/jpage/dataproxy.jsp?page=1&columnid=33718',"
                " success: function (xml) { $('#212860').jpage({dataStore: xml}); }});</script>",
            ),
            "http://www.a.gov.cn/module/web/jpage/dataproxy.jsp?page=1&columnid=33718",
        ),
    ],
    ids=["count-but-no-record", "ajax-fills-it"],
)
def test_a_jcms_datastore_filled_from_elsewhere_is_not_blank(html: str, source: str) -> None:
    dates, is_list, is_script_built, sources = _read(html)
    assert (dates, is_list, is_script_built) == ([], False, True)
    assert [s.replace("%E6%9F%90%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C", "某市人民政府")
            for s in sources][:1] == [source]  # fmt: skip


def test_undated_jcms_records_leave_the_column_unjudged() -> None:
    undated = "<record><![CDATA[<li><a href='/art/1.html'>关于做好防汛工作的通知</a></li>]]>"
    undated += "</record>"
    dates, is_list, _, _ = _read(_column(undated, _jpage(1)))
    assert (dates, is_list) == ([], False)


def test_the_datastore_counts_and_proxy() -> None:
    store = read_datastore(_column("", _jpage(0)), _jpage(0), URL)
    assert store is not None and (store.records, store.total, store.is_empty) == (0, 0, True)
    assert store.pages_from.startswith("http://www.a.gov.cn/module/web/jpage/dataproxy.jsp?page=1")
    assert read_datastore("<ul><li>无</li></ul>", "", URL) is None
    # Another site's proxy is never named as this one's.
    other = _column("").replace('href="/module', 'href="http://other.example.com/module')
    assert read_datastore(other, "", URL).pages_from == ""  # type: ignore[union-attr]


# --- over a crawl on loopback ----------------------------------------------------------------

NAV = (
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/col/col1/index.html">通知公告</a>'
    '</li><li><a href="/col/col2/index.html">政策文件</a></li>'
    '<li><a href="/col/col3/index.html">工作动态</a></li></ul>'
)
PROXY_ANSWER = (
    '<?xml version="1.0" encoding="UTF-8"?><datastore><nextgroup><![CDATA[]]></nextgroup>'
    "<totalrecord>2</totalrecord><totalpage>1</totalpage><recordset>"
    "<record><![CDATA[<li><a href='/art/2026/4/1/art_3_9.html'>关于做好防汛工作的通知</a>"
    "<span>2026-04-01</span></li>]]></record><record><![CDATA[<li><a href='/art/2026/3/1/"
    "art_3_8.html'>市政府常务会议研究部署重点工作</a><span>2026-03-01</span></li>]]></record>"
    "</recordset></datastore>"
)


def _in_site(html: str, column: str) -> str:
    return html.replace("col33718", column).replace("<body>", f"<body>{NAV}", 1)


@contextmanager
def _site(pages: dict[str, tuple[str, str]]) -> Iterator[str]:
    async def handle(request: web.Request) -> web.Response:
        found = pages.get(request.path_qs) or pages.get(request.path)
        if found is None:
            return web.Response(status=404, text="not found")
        return web.Response(text=found[0], content_type=found[1])

    with serve_handler(handle) as base:
        yield f"{base}/"


def _findings(pages: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    with _site(pages) as url:
        config = ScanConfig(
            urls=(url,), as_of=AS_OF, allow_private=True, check_typos=False, check_https=False,
            check_external=False, check_resources=False, backoff_s=0.05, render_pages=0,
        )  # fmt: skip
        (report,) = run_scan(config)
    return sorted(
        ({k: v.replace(url, "/") for k, v in f.items() if k in ("kind", "page", "latest")}
         for f in report.to_json()["findings"] if f["kind"] in ("blank_column", "stale_column")),
        key=lambda f: f["page"],
    )  # fmt: skip


def test_jcms_columns_over_a_crawl() -> None:
    html = "text/html"
    pages = {
        "/": (f"<html><head><title>某市人民政府</title></head><body>{NAV}</body></html>", html),
        # Empty: blank. Filled from the proxy (the count says 2): read from its answer, stale.
        "/col/col1/index.html": (_in_site(_column("", _jpage(0)), "col1"), html),
        "/col/col2/index.html": (_in_site(_column(RECORDS, _jpage(2)), "col2"), html),
        "/col/col3/index.html": (_in_site(_column("", _jpage(2)), "col3"), html),
        "/module/web/jpage/dataproxy.jsp": (PROXY_ANSWER, "text/xml"),
    }
    assert _findings(pages) == [
        {"kind": "blank_column", "page": "/col/col1/index.html"},
        {"kind": "stale_column", "page": "/col/col3/index.html", "latest": "2026-04-01"},
    ]
