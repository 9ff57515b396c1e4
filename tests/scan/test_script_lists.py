"""Lists a page's scripts build: rows written with `document.write`, data loaded as JSON from the
same site, and what must never be read as such."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from ceping.scan import jsonlist, scriptdata
from ceping.scan.listpage import written_items
from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)
URL = "http://www.a.gov.cn/zwgk/tzgg/index.html"


def _parse(body: str) -> tuple[list[str], bool, tuple[str, ...]]:
    html = f"<html><head><title>通知公告</title></head><body>{body}</body></html>"
    page = parse_html(html, URL, AS_OF)
    return sorted(i.date for i in page.dated_items), page.is_script_built, page.data_sources


def test_rows_written_by_document_write_are_read() -> None:
    rows = (
        "<script>"
        'document.write(\'<li><a href="/a/1.html">关于做好冬季安全生产工作的通知</a>'
        "<span>2025-11-02</span></li>');"
        'document.writeln("<li><a href=\\"/a/2.html\\">市政府常务会议研究部署重点工作</a>" + '
        '"<span>2025-10-20</span></li>");'
        "</script>"
    )
    dates, _, _ = _parse(f'<ul class="list">{rows}</ul>')
    assert dates == ["2025-10-20", "2025-11-02"]


def test_written_text_ends_at_a_variable() -> None:
    scripts = "document.write('<li>' + title + '</li>'); document.write('\\u4e2d\\x41');"
    assert scriptdata.written_html(scripts) == ["<li>", "中A"]
    # A script writing a banner or a date of today is no list.
    assert _parse("<script>document.write(new Date().getFullYear());</script>")[0] == []


@pytest.mark.parametrize(
    ("script", "sources"),
    [
        ('$.getJSON("/api/tzgg.json", draw);', ("http://www.a.gov.cn/api/tzgg.json",)),
        (
            "$.ajax({url: 'list_data.html', success: fill});",
            ("http://www.a.gov.cn/zwgk/tzgg/list_data.html",),
        ),
        ('fetch("./data.json").then(r => r.json())', ("http://www.a.gov.cn/zwgk/tzgg/data.json",)),
        ("xhr.open('GET', '/api/list?col=12');", ("http://www.a.gov.cn/api/list?col=12",)),
        ('$("#list").load("/inc/list.html");', ("http://www.a.gov.cn/inc/list.html",)),
    ],
)
def test_the_same_site_data_a_script_loads(script: str, sources: tuple[str, ...]) -> None:
    _, is_script_built, found = _parse(f'<ul id="list" class="list"></ul><script>{script}</script>')
    assert is_script_built and found == sources


@pytest.mark.parametrize(
    "script",
    [
        '$.getJSON("http://api.other.com/news.json", draw);',  # another site is never asked
        "$.ajax({url: base + '/list', success: fill});",  # built at run time
        "fetch(`/api/${col}/list`)",
        '$.ajax({url: "javascript:void(0)"});',
    ],
)
def test_data_the_scanner_does_not_fetch(script: str) -> None:
    _, is_script_built, found = _parse(f'<ul id="list" class="list"></ul><script>{script}</script>')
    assert is_script_built and found == ()


def test_a_full_list_with_scripts_is_not_script_built() -> None:
    rows = '<li><a href="/a/1.html">关于做好冬季安全生产工作的通知</a><span>2025-11-02</span></li>'
    dates, is_script_built, found = _parse(
        f'<ul class="list">{rows * 2}</ul><script>$.getJSON("/api/hits.json", show);</script>'
    )
    assert dates == ["2025-11-02"] and not is_script_built and found == ()


def _records(**dated: object) -> list[dict[str, object]]:
    titles = [
        "关于做好冬季安全生产工作的通知",
        "市政府常务会议研究部署重点工作",
        "行政许可事项清单",
    ]
    return [{"title": t, **{k: v[i] for k, v in dated.items()}} for i, t in enumerate(titles)]  # type: ignore[index]


@pytest.mark.parametrize(
    ("document", "newest"),
    [
        (
            {
                "data": {
                    "list": _records(
                        publishTime=["2025-11-02 09:30:00", "2025-10-20", "2025-09-05"]
                    )
                }
            },
            "2025-11-02",
        ),
        ({"rows": _records(pubDate=["2025/11/02", "2025/10/20", "2025/09/05"])}, "2025-11-02"),
        # Epoch milliseconds, read as the day in China: 2025-11-01 17:00 UTC is 11-02 there.
        (
            {
                "result": {
                    "records": _records(createTime=[1762016400000, 1760900000000, 1757000000000])
                }
            },
            "2025-11-02",
        ),
        # The publication date wins over a later change.
        (
            {
                "list": _records(
                    updateTime=["2026-06-29"] * 3, fbrq=["2025-11-02", "2025-10-20", "2025-09-05"]
                )
            },
            "2025-11-02",
        ),
        (
            [
                *_records(
                    docreltime=[
                        "2025-11-02T09:30:00+08:00",
                        "2025-10-20T08:00:00+08:00",
                        "2025-09-05T08:00:00+08:00",
                    ]
                )
            ],
            "2025-11-02",
        ),
    ],
)
def test_json_lists_by_shape(document: object, newest: str) -> None:
    items = jsonlist.dated_items(json.dumps(document, ensure_ascii=False), AS_OF)
    assert len(items) == 3 and max(i.date for i in items) == newest


def test_jsonp_and_pinned_records() -> None:
    records = _records(pubDate=["2026-06-01", "2025-10-20", "2025-09-05"])
    records[0]["isTop"] = 1
    records[1]["isTop"] = 0
    text = f"jQuery1124({json.dumps({'data': records}, ensure_ascii=False)});"
    items = jsonlist.dated_items(text, AS_OF)
    assert [(i.date, i.is_pinned) for i in items] == [
        ("2026-06-01", True),
        ("2025-10-20", False),
        ("2025-09-05", False),
    ]


@pytest.mark.parametrize(
    "document",
    [
        {"menu": [{"name": "首页", "url": "/"}, {"name": "政务公开", "url": "/zwgk/"}]},
        {"list": _records(updateTime=["2026-06-29"] * 3)},  # only when it changed
        {"list": _records(pubDate=["2027-01-01"] * 3)},  # after the as-of date
        {"list": _records(hits=[1102, 2012, 330])},
        {"total": 0, "list": []},
        "not json at all",
    ],
)
def test_json_that_holds_no_dated_list(document: object) -> None:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    assert jsonlist.dated_items(text, AS_OF) == ()


def test_hostile_json_is_bounded() -> None:
    deep = "[" * 5000 + "]" * 5000  # nested past what json and the walk accept
    assert jsonlist.dated_items(deep, AS_OF) == ()
    # Past the size read, a document is not read at all (not half of it, as if it were all).
    wide = json.dumps({"list": [{"title": "x", "pubDate": "2025-11-02"}] * 100_000})
    assert len(wide) > jsonlist.MAX_JSON_CHARS
    assert jsonlist.dated_items(wide, AS_OF) == ()
    # Just under the size read, arrays in arrays: the walk stops at its node budget, quickly.
    many = json.dumps([[{"t": "x", "d": [i]} for i in range(40)] for _ in range(1200)])
    assert len(many) < jsonlist.MAX_JSON_CHARS
    started = time.process_time()
    assert jsonlist.dated_items(many, AS_OF) == ()
    assert time.process_time() - started < 5.0


def test_a_script_file_inside_a_list_is_where_its_rows_come_from() -> None:
    body = (
        '<script src="/js/jquery.min.js"></script><div class="footer"><script src="/js/tj.js">'
        '</script></div><ul class="list"><script src="/js/tzgg_list.js"></script></ul>'
    )
    _, is_script_built, found = _parse(body)
    assert is_script_built and found == ("http://www.a.gov.cn/js/tzgg_list.js",)
    written = (
        "document.write(\"<li><a href='/a/1.html'>关于做好冬季安全生产工作的通知</a>"
        '<span>2025-11-02</span></li>");\n'
        "document.write(\"<li><a href='/a/2.html'>市政府常务会议研究部署重点工作</a>"
        '<span>2025-10-20</span></li>");'
    )
    items = written_items(written, AS_OF)
    assert sorted(i.date for i in items) == ["2025-10-20", "2025-11-02"]
    assert written_items("var a = 1; document.write(a);", AS_OF) == ()


def test_only_a_few_plain_words_a_script_writes_are_put_in_its_place() -> None:
    from selectolax.lexbor import LexborHTMLParser

    html = (
        "<p><script>document.write('2025-11-02');</script></p>"
        "<p><script>document.write('<a href=\"/x.html\">链接</a>');</script></p>"
        f"<p><script>document.write('{'很长的文字' * 20}');</script></p>"
        "<p><script>document.write(today);</script></p>"
        '<p><script src="/js/date.js"></script></p>'
    )
    tree = LexborHTMLParser(f"<html><body>{html}</body></html>")
    scriptdata.write_in_place(tree)
    assert tree.body is not None
    assert [len(p.css("script")) for p in tree.body.css("p")] == [0, 1, 1, 1, 1]
    assert tree.body.css_first("p").text() == "2025-11-02"
