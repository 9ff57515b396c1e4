"""Parsing: encodings, links, dated items, forms, columns."""

from __future__ import annotations

import codecs
import datetime as dt

from ceping.scan import dates
from ceping.scan.encoding import decode
from ceping.scan.parse import parse_html

AS_OF = dt.date(2026, 6, 30)


def test_encoding_sources_in_order() -> None:
    text = "<p>政府信息公开</p>"
    assert decode(codecs.BOM_UTF8 + text.encode()) == (text, "utf-8")
    assert decode(text.encode("gbk"), "text/html; charset=GBK") == (text, "gb18030")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{text}'
    assert decode(meta.encode("gb18030"), "text/html")[1] == "gb18030"
    assert decode(f'<meta charset="gbk">{text}'.encode("gbk"))[0].endswith(text)
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    long_gbk = ("各区县人民政府，市政府各委、办、局：现将有关情况通报如下。" * 20).encode("gbk")
    assert "通报" in decode(long_gbk)[0]


def test_a_few_stray_bytes_keep_the_declared_encoding() -> None:
    # A GB2312 page with a UTF-8 fragment pasted in: read as declared, the fragment replaced.
    text = "各区县人民政府，市政府各委、办、局：现将有关情况通报如下。" * 40
    body = f'<meta charset="gb2312"><p>{text}</p><img alt="'.encode("gbk") + "图".encode()
    decoded, name = decode(body + b'">')
    assert name == "gb18030"
    assert text in decoded


def test_a_wrong_declaration_is_not_trusted_with_replacements() -> None:
    # Declared UTF-8 but written in GBK throughout: too many bad bytes to be strays.
    text = "各区县人民政府，市政府各委、办、局：现将有关情况通报如下。" * 20
    decoded, name = decode(f"<p>{text}</p>".encode("gbk"), "text/html; charset=utf-8")
    assert name != "utf-8"
    assert "通报" in decoded


def test_gb18030_superset_characters() -> None:
    # 镕 is outside GB2312; pages declared gb2312 still carry it.
    body = '<meta charset="gb2312"><p>朱镕基</p>'.encode("gb18030")
    assert "朱镕基" in decode(body)[0]


def test_dates_in_every_format() -> None:
    assert dates.item_date("通知 2012-11-05", 2026, AS_OF) == dt.date(2012, 11, 5)
    assert dates.item_date("通知 2012年11月5日", 2026, AS_OF) == dt.date(2012, 11, 5)
    assert dates.item_date("通知 2012/11/05", 2026, AS_OF) == dt.date(2012, 11, 5)
    assert dates.item_date("通知 [11-05]", 2012, AS_OF) == dt.date(2012, 11, 5)
    assert dates.item_date("通知 [12-30]", 2026, dt.date(2026, 1, 10)) == dt.date(2025, 12, 30)
    assert dates.item_date("第2012号文件", 2026, AS_OF) is None
    assert dates.context_year("2012年 工作动态", AS_OF) == 2012


def test_links_base_and_kinds() -> None:
    html = (
        '<base href="http://a.gov.cn/sub/"><a href="x.html">甲</a><area href="/map.html">'
        '<iframe src="f.html"></iframe><a href="mailto:a@b">信</a>'
        '<a href="y.html#p"><img alt="图片链接"></a>'
    )
    page = parse_html(html, "http://a.gov.cn/index.html", AS_OF)
    assert [(link.url, link.text, link.tag) for link in page.links] == [
        ("http://a.gov.cn/sub/x.html", "甲", "a"),
        ("http://a.gov.cn/sub/y.html", "图片链接", "a"),
        ("http://a.gov.cn/map.html", "", "area"),
        ("http://a.gov.cn/sub/f.html", "", "iframe"),
    ]
    frames = parse_html(
        '<frameset><frame src="/top.html"><frame src="m.html"></frameset>',
        "http://a.gov.cn/x/",
        AS_OF,
    )
    assert [link.url for link in frames.links] == [
        "http://a.gov.cn/top.html",
        "http://a.gov.cn/x/m.html",
    ]


def test_column_pages() -> None:
    items = "".join(
        f'<li><a href="a{i}.html">文{i}</a><span>[0{i}-1{i}]</span></li>' for i in range(1, 4)
    )
    page = parse_html(f"<h2>2025年</h2><ul>{items}</ul>", "http://a/c/", AS_OF)
    assert page.is_list_page and [i.date for i in page.dated_items] == [
        "2025-01-11",
        "2025-02-12",
        "2025-03-13",
    ]
    blank = parse_html('<ul class="list"></ul>', "http://a/c/", AS_OF)
    assert blank.is_list_page and not blank.dated_items
    article = parse_html(
        "<h1>标题</h1><p>发布日期：2026-01-01</p><p>正文</p>", "http://a/c/", AS_OF
    )
    assert not article.is_list_page


def test_visible_text_and_forms() -> None:
    html = (
        '<script>var x="隐藏";</script><style>p{}</style><p>可见 文字</p>'
        '<form action="/s" method="get"><input name="q" placeholder="站内搜索">'
        '<input type="hidden" name="site" value="1"><button>搜索</button></form>'
    )
    page = parse_html(html, "http://a/", AS_OF)
    assert "隐藏" not in page.text and "可见 文字" in page.text
    [form] = page.forms
    assert (form.action, form.text_fields, form.hidden) == ("http://a/s", ("q",), (("site", "1"),))
    assert "搜索" in form.words


def test_a_page_decoded_twice_is_decoded_by_what_each_call_declares() -> None:
    """The last answer is kept for the same bytes (the challenge test, then the parse): asked
    with another content type, or for other bytes, it is decoded anew."""
    body = "测试页面".encode()
    assert decode(body) == ("测试页面", "utf-8")
    assert decode(body) == ("测试页面", "utf-8")
    assert decode(body, "text/html; charset=gbk") == (body.decode("gb18030"), "gb18030")
    other = "测试页面".encode("gb18030")
    assert decode(other, "text/html; charset=gbk") == ("测试页面", "gb18030")
    assert decode(bytes(bytearray(body))) == ("测试页面", "utf-8")  # equal bytes, another object
