"""Embedded resources (images, CSS, scripts, media, objects) and malformed URLs (issue 23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from selectolax.lexbor import LexborHTMLParser

from ceping import vocabulary
from ceping.scan import MemorySink, ScanConfig, SiteReport, run_scan
from ceping.scan.embeds import css_urls, refresh_target, srcset_urls
from ceping.scan.models import BROKEN_LINK
from ceping.scan.parse import extract_links
from tests.threaded_http import QuietHandler, serve_threaded

PAGE = "http://a.gov.cn/dir/page.html"


def links_of(html: str, url: str = PAGE) -> set[tuple[str, str]]:
    return {(link.url, link.kind) for link in extract_links(LexborHTMLParser(html), url)}


# -- extraction ------------------------------------------------------------------------------

ELEMENTS = [
    ("<img src='i.png'>", "/dir/i.png", "image"),
    ("<img srcset='s1.png 1x, s2.png 2x'>", "/dir/s2.png", "image"),
    ("<img srcset='w.png 480w,x.png 800w'>", "/dir/x.png", "image"),
    ("<picture><source srcset='p.webp' type='image/webp'></picture>", "/dir/p.webp", "image"),
    ("<script src='/js/a.js'></script>", "/js/a.js", "script"),
    ("<link rel='stylesheet' href='s.css'>", "/dir/s.css", "stylesheet"),
    ("<link rel='shortcut icon' href='/favicon.ico'>", "/favicon.ico", "image"),
    ("<link rel='preload' as='font' href='f.woff2'>", "/dir/f.woff2", "font"),
    ("<link rel='preload' as='image' href='h.jpg'>", "/dir/h.jpg", "image"),
    ("<link rel='alternate' href='/en/'>", "/en/", "page"),
    ("<style>body{background:url( 'bg.png' )}</style>", "/dir/bg.png", "image"),
    ("<style>@import \"more.css\";</style>", "/dir/more.css", "stylesheet"),
    ("<style>@import url(m2.css);</style>", "/dir/m2.css", "stylesheet"),
    ("<div style='background-image:url(d.gif)'>x</div>", "/dir/d.gif", "image"),
    ("<meta http-equiv='refresh' content='0; url=next.html'>", "/dir/next.html", "page"),
    ("<meta http-equiv='Refresh' content=\"3;URL='/n2.html'\">", "/n2.html", "page"),
    ("<audio src='a.mp3'></audio>", "/dir/a.mp3", "media"),
    ("<video src='v.mp4' poster='v.jpg'></video>", "/dir/v.jpg", "image"),
    ("<video><source src='v.webm'><track src='v.vtt'></video>", "/dir/v.vtt", "media"),
    ("<object data='o.swf'></object>", "/dir/o.swf", "object"),
    ("<object data=o.swf archive='x.jar y.jar' codebase=/cb/></object>", "/cb/y.jar", "object"),
    ("<applet code='A.class' codebase='/ap/'></applet>", "/ap/A.class", "object"),
    ("<applet code='A' archive='z.jar, w.jar'></applet>", "/dir/w.jar", "object"),
    ("<embed src='e.swf'>", "/dir/e.swf", "object"),
    ("<form action='/search'><input name=q></form>", "/search", "form"),
    ("<form method=post><button formaction=/g formmethod=get>b</button></form>", "/g", "form"),
    ("<form><button formaction='/b2'>b</button></form>", "/b2", "form"),
    ("<form><input type=image src='go.png'></form>", "/dir/go.png", "image"),
    ("<iframe src='f.html'></iframe>", "/dir/f.html", "frame"),
    ("<frameset><frame src='top.html'></frameset>", "/dir/top.html", "frame"),
    ("<svg><image xlink:href='s.svg'/></svg>", "/dir/s.svg", "image"),
    ("<svg><use href='sprite.svg#i'/></svg>", "/dir/sprite.svg", "image"),
    ("<a href='doc.pdf'>下载</a>", "/dir/doc.pdf", "download"),
    ("<a href='x.html'>页</a>", "/dir/x.html", "page"),
    ("<body background='b.gif'>x</body>", "/dir/b.gif", "image"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "url", "kind"), ELEMENTS)
def test_every_element_a_browser_loads_is_extracted_with_its_kind(
    html: str, url: str, kind: str
) -> None:
    page = html if "<frameset" in html else f"<html><body>{html}</body></html>"
    assert (f"http://a.gov.cn{url}", kind) in links_of(page)


def test_manifest_and_base_href_and_codebase() -> None:
    html = "<html manifest='app.appcache'><head><base href='http://b.gov.cn/x/'></head><body>"
    html += "<img src='i.png'><object data='o' archive='a.jar' codebase='/c/'></object></body>"
    assert links_of(html) == {
        ("http://b.gov.cn/x/app.appcache", "other"),
        ("http://b.gov.cn/x/i.png", "image"),
        ("http://b.gov.cn/c/o", "object"),
        ("http://b.gov.cn/c/a.jar", "object"),
    }


def test_an_alternate_style_sheet_is_a_style_sheet() -> None:
    html = "<link rel='alternate stylesheet' href='alt.css'>"
    assert links_of(html) == {("http://a.gov.cn/dir/alt.css", "stylesheet")}


def test_line_breaks_inside_a_url_are_dropped_as_a_browser_does() -> None:
    html = "<a href='/news/\n2012/a.html'>x</a><img src='i\tmg.png'>"
    found = extract_links(LexborHTMLParser(html), PAGE)
    assert [(link.url, link.error) for link in found] == [
        ("http://a.gov.cn/news/2012/a.html", None),
        ("http://a.gov.cn/dir/img.png", None),
    ]


def test_a_post_form_is_not_checked() -> None:
    assert links_of("<form action='/post' method='POST'><input name=q></form>") == set()


COUNTER_EXAMPLES = [
    "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>",
    "<iframe src='about:blank'></iframe>",
    "<a href='javascript:void(0)'>x</a>",
    "<a href='JavaScript:;'>x</a>",
    "<a href='mailto:zwgk@a.gov.cn'>x</a>",
    "<a href='tel:12345'>x</a>",
    "<a href='#top'>x</a>",
    "<a href=''>x</a>",
    "<style>/* body{background:url(gone.png)} */</style>",
    "<div style='/* url(gone2.png) */color:red'>x</div>",
    "<svg><use href='#icon'/></svg>",
    "<meta http-equiv='refresh' content='300'>",
    "<link rel='dns-prefetch' href='//cdn.a.gov.cn'><link rel='pingback' href='/xmlrpc.php'>",
]


@pytest.mark.parametrize("html", COUNTER_EXAMPLES)
def test_clean_counter_examples_give_no_link_and_no_error(html: str) -> None:
    assert extract_links(LexborHTMLParser(f"<html><body>{html}</body></html>"), PAGE) == ()


def test_srcset_descriptors_are_not_urls() -> None:
    value = " a.png 1x,b.png 2x , c.png 480w, data:image/png;base64,AAAA 3x,d, e.png,"
    urls = ["a.png", "b.png", "c.png", "data:image/png;base64,AAAA", "d", "e.png"]
    assert srcset_urls(value) == urls


def test_css_urls_skip_comments_and_read_every_quote() -> None:
    css = "/* url(a.png) */ x{background:url(b.png)} y{src:url('f.woff')} @import 'i.css';"
    css += ' z{background:url("c d.png")} /* unterminated url(e.png)'
    assert css_urls(css) == [
        ("i.css", "stylesheet"),
        ("b.png", "image"),
        ("f.woff", "font"),
        ("c d.png", "image"),
    ]


@pytest.mark.parametrize(
    ("content", "target"),
    [("0; url=a.html", "a.html"), ("5;URL='b.html'", "b.html"), ("0", ""), ("1, url=c", "c")],
)
def test_meta_refresh_target(content: str, target: str) -> None:
    assert refresh_target(content) == target


MALFORMED = [
    ("http://localhost]", "malformed URL: illegal character in host"),
    ("http:", "malformed URL: no host"),
    ("http://", "malformed URL: empty host"),
    ("http:/", "malformed URL: no host"),
    ("http:/x.html", "malformed URL: no host"),
    ("https://a.gov.cn:99999/", "malformed URL: bad port"),
    ("http://a.gov.cn:0/", "malformed URL: bad port"),
    ("http://a.gov.cn:port/", "malformed URL: bad port"),
    ("http://[::1/x", "malformed URL: bad IPv6 address"),
    ("/a%zz.html", "malformed URL: bad percent-encoding"),
    ("http://a.gov.cn/?q=100%", "malformed URL: bad percent-encoding"),
    ("http://exa mple.gov.cn/", "malformed URL: illegal character in host"),
    ("//", "malformed URL: empty host"),
    ("http:www.example.com/", "malformed URL: no host"),
    ("http://.example.org/", "malformed URL: empty label in host"),
    ("http://a..gov.cn/", "malformed URL: empty label in host"),
]


@pytest.mark.parametrize(("href", "reason"), MALFORMED)
def test_a_malformed_url_is_kept_as_written_with_its_reason(href: str, reason: str) -> None:
    html = f"<html><body><a href='{href}'>坏</a><img src='{href}'></body></html>"
    found = extract_links(LexborHTMLParser(html), PAGE)
    assert [(link.url, link.kind, link.error) for link in found] == [
        (href, "page", reason),
        (href, "image", reason),
    ]


@pytest.mark.parametrize(
    "href",
    [
        "http://a.gov.cn/%E4%B8%AD.html",
        "a b.html",
        "http://[::1]:8080/",
        "中文.html",
        "http://www.a.gov.cn./x",
        "/?quoted=%FF",
        "/stalter&sohn",
        "http://a_b.gov.cn/",
    ],
)
def test_unusual_but_valid_urls_are_not_malformed(href: str) -> None:
    found = extract_links(LexborHTMLParser(f"<a href='{href}'>x</a>"), PAGE)
    assert [link.error for link in found] == [None]


def test_vocabulary_names_the_resource_and_what_the_reader_sees() -> None:
    assert vocabulary.value_text("resource", "image") == "图片"
    assert vocabulary.field_label("broken_link", "resource") == "链接类型"
    assert vocabulary.broken_effect("image") == "图片无法显示"
    assert vocabulary.broken_effect("download") == "附件无法下载"
    assert vocabulary.broken_effect(None) == "页面无法打开"
    assert vocabulary.error_text("malformed URL: no host") == "链接地址格式错误（缺少域名）"


# -- scanning --------------------------------------------------------------------------------

Route = tuple[int, str, bytes]


class Site:
    """Pages and files on 127.0.0.1, with every request it was asked (method, path)."""

    def __init__(self, routes: dict[str, Route], no_head: frozenset[str] = frozenset()) -> None:
        self.routes = routes
        self.no_head = no_head
        self.requests: list[tuple[str, str]] = []
        self.base = ""

    def asked(self, path: str) -> list[str]:
        return [method for method, p in self.requests if p == path]


def html(body: str) -> Route:
    return 200, "text/html; charset=utf-8", f"<html><body>{body}</body></html>".encode()


def file(ctype: str, body: bytes = b"x") -> Route:
    return 200, ctype, body


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    class Handler(QuietHandler):
        def _answer(self, with_body: bool) -> None:
            site.requests.append((self.command, self.path))
            if self.command == "HEAD" and self.path in site.no_head:
                self.send_error(405)
                return
            status, ctype, body = site.routes.get(self.path, (404, "text/html", b"missing"))
            self.send_body(body, ctype, status=status, with_body=with_body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

    with serve_threaded(Handler) as site.base:
        yield site


def scan(site: Site, sink: MemorySink | None = None, **overrides: object) -> SiteReport:
    values: dict[str, object] = {
        "urls": (site.base,),
        "as_of": dt.date(2012, 11, 30),
        "allow_private": True,
        "check_typos": False,
        "check_https": False,
        "timeout_s": 3.0,
        "attempts": 1,
        "backoff_s": 0.01,
    }
    values.update(overrides)
    (report,) = run_scan(ScanConfig(**values), sink)  # type: ignore[arg-type]
    return report


def broken(report: SiteReport, base: str) -> set[tuple[str, str, str, int | None]]:
    """(page path, target path or URL as written, resource, status) of each broken_link."""
    return {
        (
            str(f.page).removeprefix(base),
            str(f.get("url")).removeprefix(base),
            str(f.get("resource")),
            f.get("status"),
        )
        for f in report.findings
        if f.kind == BROKEN_LINK
    }


HOME = """
<link rel=stylesheet href=/css/site.css><link rel=stylesheet href=/css/gone.css>
<link rel=icon href=/favicon.ico><script src=/js/ok.js></script><script src=/js/gone.js></script>
<style>/* url(/img/commented.png) */ .a{background:url(/img/style-gone.png)}</style>
<div style="background:url('/img/attr-gone.png')">x</div>
<img src=/img/ok.png><img src=/img/gone.png><img src=/img/nohead.png>
<img srcset="/img/ok.png 1x, /img/srcset-gone.png 2x">
<picture><source srcset=/img/pic-gone.webp></picture>
<video src=/media/gone.mp4 poster=/img/poster-gone.jpg><track src=/media/gone.vtt></video>
<audio><source src=/media/ok.mp3></audio>
<object data=/obj/gone.swf></object><embed src=/obj/ok.swf>
<applet code=A.class archive="/obj/gone.jar"></applet>
<form action=/search><button formaction=/gone-action>go</button></form>
<form action=/post-only method=post></form>
<svg><image xlink:href=/img/svg-gone.svg /></svg>
<meta http-equiv=refresh content="30; url=/page2.html">
<a href=/doc/gone.pdf>附件</a><a href=/page2.html>第二页</a>
<img src="data:image/gif;base64,R0lGOD"><a href="javascript:void(0)">x</a><a href=#top>t</a>
<a href="mailto:a@b.gov.cn">m</a><a href="tel:110">t</a><iframe src=about:blank></iframe>
<a href="http://localhost]">bad1</a><a href="http:">bad2</a><a href="http://">bad3</a>
<img src="http:/x.png"><a href="/a%zz.html">bad5</a>
"""
PAGE2 = "<img src=/img/gone.png><img src=/img/ok.png><a href=/>home</a>"
CSS = b"""/* url(/img/css-commented.png) */
@import url(/css/imported-gone.css);
.b { background: url("../img/css-gone.png") } .c { background: url(/img/ok.png) }
@font-face { src: url(/fonts/gone.woff2) }"""


def routes() -> dict[str, Route]:
    return {
        "/": html(HOME),
        "/page2.html": html(PAGE2),
        "/css/site.css": file("text/css", CSS),
        "/favicon.ico": file("image/x-icon"),
        "/js/ok.js": file("application/javascript"),
        "/img/ok.png": file("image/png"),
        "/img/nohead.png": file("image/png"),
        "/media/ok.mp3": file("audio/mpeg"),
        "/obj/ok.swf": file("application/x-shockwave-flash"),
        "/search": html("搜索"),
        "/robots.txt": file("text/plain", b"User-agent: *\nDisallow: /private/\n"),
    }


def test_every_missing_resource_is_a_broken_link_with_its_kind() -> None:
    with serve(Site(routes(), no_head=frozenset({"/img/nohead.png"}))) as site:
        report = scan(site)
    assert report.reachable and report.pages == 2
    assert broken(report, site.base) == {
        ("", "css/gone.css", "stylesheet", 404),
        ("", "js/gone.js", "script", 404),
        ("", "img/style-gone.png", "image", 404),
        ("", "img/attr-gone.png", "image", 404),
        ("", "img/gone.png", "image", 404),
        ("", "img/srcset-gone.png", "image", 404),
        ("", "img/pic-gone.webp", "image", 404),
        ("", "media/gone.mp4", "media", 404),
        ("", "img/poster-gone.jpg", "image", 404),
        ("", "media/gone.vtt", "media", 404),
        ("", "obj/gone.swf", "object", 404),
        ("", "obj/gone.jar", "object", 404),
        ("", "gone-action", "form", 404),
        ("", "img/svg-gone.svg", "image", 404),
        ("", "doc/gone.pdf", "download", 404),
        ("", "http://localhost]", "page", None),
        ("", "http:", "page", None),
        ("", "http://", "page", None),
        ("", "http:/x.png", "image", None),
        ("", "/a%zz.html", "page", None),
        ("page2.html", "img/gone.png", "image", 404),
        ("css/site.css", "css/imported-gone.css", "stylesheet", 404),
        ("css/site.css", "img/css-gone.png", "image", 404),
        ("css/site.css", "fonts/gone.woff2", "font", 404),
    }
    errors = {f.get("url"): f.get("error") for f in report.findings if f.get("status") is None}
    assert errors["http:"] == "malformed URL: no host"
    assert errors["http://localhost]"] == "malformed URL: illegal character in host"


def test_resources_are_checked_once_by_head_and_never_crawled() -> None:
    with serve(Site(routes(), no_head=frozenset({"/img/nohead.png"}))) as site:
        # The home-page checks, which read the site's own scripts for the footer they write
        # when a mark is missing (checks/homescripts), are another matter: see the next test.
        scan(site, check_identifiers=False, check_accessible_mode=False)
    assert site.asked("/img/ok.png") == ["HEAD"]  # used by home, page2 and the CSS: one check
    assert site.asked("/img/gone.png") == ["HEAD", "GET"]  # a 404 to HEAD is asked again by GET
    assert site.asked("/img/nohead.png") == ["HEAD", "GET"]  # HEAD refused: GET decides
    assert site.asked("/js/ok.js") == ["HEAD"]
    assert site.asked("/css/site.css") == ["GET"]  # the site's own sheet is read for its url()s
    assert site.asked("/post-only") == []  # a POST form's address is not requested
    for path in ("/img/commented.png", "/img/css-commented.png", "/x.png", "/a%zz.html"):
        assert site.asked(path) == []


def test_a_script_the_home_page_checks_read_is_asked_once_more_by_get() -> None:
    # The home page shows no identification mark: its own script is read for the footer it
    # may write (one GET, once per site), beside the resource check's HEAD.
    with serve(Site(routes(), no_head=frozenset({"/img/nohead.png"}))) as site:
        scan(site)
    assert site.asked("/js/ok.js") == ["HEAD", "GET"]
    assert site.asked("/img/ok.png") == ["HEAD"]


def test_resources_obey_robots() -> None:
    home = "<img src=/private/a.png><img src=/img/gone.png>"
    with serve(Site({**routes(), "/": html(home)})) as site:
        report = scan(site)
    assert site.asked("/private/a.png") == []
    assert {u for _, u, _, _ in broken(report, site.base)} == {"img/gone.png"}


def test_a_page_with_thousands_of_images_stays_bounded() -> None:
    home = "".join(f"<img src=/img/{i}.png>" for i in range(3000))
    with serve(Site({**routes(), "/": html(home)})) as site:
        report = scan(site, max_resources_per_page=40)
    asked = [p for _, p in site.requests if p.startswith("/img/")]
    assert len(set(asked)) == 40
    assert "resources" in report.stats["limits_hit"]
    with serve(Site({**routes(), "/": html(home)})) as site:
        report = scan(site, max_resources=25)
    assert len({p for _, p in site.requests if p.startswith("/img/")}) == 25
    assert "resources" in report.stats["limits_hit"]


def test_resource_checks_can_be_turned_off() -> None:
    with serve(Site(routes())) as site:
        report = scan(site, check_resources=False)
    assert {r for _, _, r, _ in broken(report, site.base)} == {"page", "download"}
    assert site.asked("/img/gone.png") == [] and site.asked("/css/site.css") == []


def test_a_form_address_also_linked_as_a_page_is_crawled() -> None:
    home = "<form action=/search></form><a href=/search>搜索</a>"
    with serve(Site({**routes(), "/": html(home), "/search": html("<img src=/img/s.png>")})) as s:
        report = scan(s)
    assert report.pages == 2
    assert ("search", "img/s.png", "image", 404) in broken(report, s.base)


def test_a_resumed_scan_keeps_the_findings_of_resources_and_style_sheets() -> None:
    with serve(Site(routes(), no_head=frozenset({"/img/nohead.png"}))) as site:
        sink = MemorySink()
        whole = scan(site, sink)
        sink.done.clear()  # as if killed after everything was written
        sink.findings.clear()
        before = len(site.requests)
        resumed = scan(site, sink)
        again = [p for _, p in site.requests[before:]]
    assert broken(resumed, site.base) == broken(whole, site.base)
    assert "/img/gone.png" not in again  # answers restored from the sink are not asked again
    assert again.count("/css/site.css") == 1  # the sheet is read again for its url()s


def test_external_resources_follow_check_external_and_external_sheets_are_not_read() -> None:
    other_routes = {"/ok.png": file("image/png"), "/ext.css": file("text/css", CSS)}
    with serve(Site(other_routes)) as other:
        home = (
            f"<img src={other.base}ok.png><img src={other.base}gone.png>"
            f"<link rel=stylesheet href={other.base}ext.css><a href=/page2.html>2</a>"
        )
        page2 = f"<img src={other.base}gone.png>"
        pages = {**routes(), "/": html(home), "/page2.html": html(page2)}
        with serve(Site(pages)) as site:
            report = scan(site)
        assert other.asked("/ok.png") == ["HEAD"]
        assert other.asked("/gone.png") == ["HEAD", "GET"]  # once, for both pages
        assert other.asked("/ext.css") == ["HEAD"]  # another site's sheet: checked, not read
        assert {(p, u) for p, u, _, _ in broken(report, site.base)} == {
            ("", f"{other.base}gone.png"),
            ("page2.html", f"{other.base}gone.png"),
        }
        before = len(other.requests)
        with serve(Site(pages)) as site:
            scan(site, check_external=False)
        assert other.requests[before:] == []
