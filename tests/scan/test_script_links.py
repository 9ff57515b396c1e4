"""Links a page draws from its scripts (JCMS records, TRS pagers) are crawled like ordinary ones."""

from __future__ import annotations

import datetime as dt

from ceping.scan.models import IMAGE, PAGE_LINK
from ceping.scan.pagination import MAX_PAGER_LINKS, script_pager_pages
from ceping.scan.parse import parse_html
from ceping.scan.scriptlinks import SCRIPT_DATA
from tests.scan.test_resources import Site, broken, html, scan, serve

COLUMN = "http://www.a.gov.cn/col/col1017/index.html"
AS_OF = dt.date(2025, 11, 30)
JCMS = (
    '<div class="default_pgContainer"><script type="text/xml"><datastore>'
    "<nextgroup><![CDATA[]]></nextgroup><totalrecord>2</totalrecord><recordset>"
    "<record><![CDATA[<li><a href='/art/2025/11/5/art_1017_2.html'>通知</a>"
    "<span>2025-11-05</span></li>]]></record>"
    "<record><![CDATA[<li><img src='/pic/a.jpg' alt=''><a href='/art/2025/11/1/art_1017_1.html'>"
    "公告</a><span>2025-11-01</span></li>]]></record>"
    "</recordset></datastore></script></div>"
)
TRS = (
    "<script>var countPage = 3;var currentPage = 0;"
    'createPageHTML(countPage, currentPage, "index", "html");</script>'
)


def links(body: str, url: str = COLUMN) -> set[tuple[str, str, str]]:
    page = parse_html(f"<html><body>{body}</body></html>", url, AS_OF)
    return {
        (link.url.removeprefix("http://www.a.gov.cn"), link.kind, link.tag) for link in page.links
    }


def test_jcms_records_link_their_articles_and_images() -> None:
    assert links(JCMS) == {
        ("/art/2025/11/5/art_1017_2.html", PAGE_LINK, SCRIPT_DATA),
        ("/art/2025/11/1/art_1017_1.html", PAGE_LINK, SCRIPT_DATA),
        ("/pic/a.jpg", IMAGE, SCRIPT_DATA),
    }


def test_records_outside_an_xml_data_script_are_no_links() -> None:
    # The same text in a script the browser runs, or shown as text, draws no link.
    code = JCMS.replace('type="text/xml"', 'type="text/javascript"')
    assert links(code) == set()
    assert links("<pre>&lt;record&gt;&lt;![CDATA[&lt;a href='/x.html'&gt;]]&gt;</pre>") == set()


def test_a_trs_pager_links_the_other_pages_of_its_list() -> None:
    assert links(TRS, "http://www.a.gov.cn/zwgk/tzgg/index.html") == {
        ("/zwgk/tzgg/index_1.html", PAGE_LINK, SCRIPT_DATA),
        ("/zwgk/tzgg/index_2.html", PAGE_LINK, SCRIPT_DATA),
    }
    later = TRS.replace("currentPage = 0", "currentPage = 2")
    assert {u for u, _, _ in links(later, "http://www.a.gov.cn/zwgk/tzgg/index_2.html")} == {
        "/zwgk/tzgg/index.html",
        "/zwgk/tzgg/index_1.html",
    }


def test_a_pager_on_one_page_or_without_a_count_links_nothing() -> None:
    assert links(TRS.replace("countPage = 3", "countPage = 1")) == set()
    assert links('<script>createPageHTML(total, 0, "index", "html");</script>') == set()
    assert links("<p>createPageHTML(3, 0, 'index', 'html') 是翻页函数</p>") == set()


def test_a_huge_page_count_gives_a_window_of_pages() -> None:
    pages = script_pager_pages(
        'createPageHTML(100000, 500, "index", "html")', "http://www.a.gov.cn/l/index_500.html"
    )
    assert len(pages) == MAX_PAGER_LINKS  # the first, and the window without this page
    assert pages[0] == "http://www.a.gov.cn/l/index.html"
    assert "http://www.a.gov.cn/l/index_501.html" in pages


def test_articles_and_list_pages_only_scripts_link_are_crawled_and_checked() -> None:
    site = Site(
        {
            "/": html("<a href='/col/col1017/index.html'>通知公告</a><a href='/zwgk/'>公开</a>"),
            "/col/col1017/index.html": html(JCMS),
            "/art/2025/11/5/art_1017_2.html": html("<p>正文</p><a href='/old/gone.html'>旧</a>"),
            "/art/2025/11/1/art_1017_1.html": html("<p>正文</p>"),
            "/pic/a.jpg": (200, "image/jpeg", b"jpg"),
            "/zwgk/": html(TRS.replace("countPage = 3", "countPage = 2")),
            "/zwgk/index_1.html": html("<a href='/zwgk/lost.html'>文件</a>"),
        }
    )
    with serve(site):
        report = scan(site, as_of=AS_OF)
        assert site.asked("/art/2025/11/5/art_1017_2.html") == ["GET"]
        assert site.asked("/zwgk/index_1.html") == ["GET"]
    # The evidence names the page that links the broken target, fetched through script data.
    assert broken(report, site.base) == {
        ("art/2025/11/5/art_1017_2.html", "old/gone.html", PAGE_LINK, 404),
        ("zwgk/index_1.html", "zwgk/lost.html", PAGE_LINK, 404),
    }
