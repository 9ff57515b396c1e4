"""Addresses in older and less common markup, and links to the author's own disk (issue 23).

Found by running bench/peer_links.py on a peer link checker's fixtures; the cases here are
our own, written for what government pages carry (Flash and Windows Media players, pages from
old editors, quotations with sources)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from ceping import vocabulary
from ceping.scan.embeds import linked_css_links, srcset_urls
from ceping.scan.parse import extract_links
from tests.scan.test_resources import Site, broken, file, html, scan, serve

PAGE = "http://a.gov.cn/dir/page.html"
FLASH = (
    "<object classid='clsid:D27CDB6E-AE6D-11cf-96B8-444553540000' "
    "codebase='http://download.vendor.com/cabs/player.cab#version=7,0,19,0'>"
    "<param name='Movie' value='/flash/banner.swf'><param name='quality' value='high'>"
    "<param name='wmode' value='transparent'>"
    "<embed src='/flash/banner.swf' pluginspage='http://www.vendor.com/get-player'></embed>"
    "</object>"
)


def links_of(body: str) -> set[tuple[str, str]]:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    return {(link.url, link.kind) for link in extract_links(tree, PAGE)}


WMP = "<object classid='clsid:6BF52A52-394A-11D3-B153-00C04F79FAA6'><param name=URL value=v.wmv>"
# (markup, the path on a.gov.cn or a whole URL, kind)
OLDER = [
    ("<img src=big.jpg lowsrc=small.gif>", "/dir/small.gif", "image"),
    ("<bgsound src='/music/bg.mid' loop=-1>", "/music/bg.mid", "media"),
    ("<table><tr background='row.gif'><td>x</td></tr></table>", "/dir/row.gif", "image"),
    ("<layer src='/news/top.html'></layer>", "/news/top.html", "frame"),
    ("<ilayer background='/img/l.gif'></ilayer>", "/img/l.gif", "image"),
    ("<applet code=Clock src='clock.class'></applet>", "/dir/clock.class", "object"),
    ("<isindex action='/cgi-bin/search'>", "/cgi-bin/search", "form"),
    ("<embed src=a.mov pluginurl='/plugins/qt.jar'>", "/plugins/qt.jar", "plugin"),
    ("<embed src=a.mov href='/video/a.html'>", "/video/a.html", "page"),
    ("<menu><command label=打印 icon='/img/print.png'></menu>", "/img/print.png", "image"),
    ("<img src=chart.png longdesc='chart-text.html'>", "/dir/chart-text.html", "page"),
    ("<iframe src=a.html longdesc='/desc/a.html'></iframe>", "/desc/a.html", "page"),
    ("<blockquote cite='/zcwj/2012/1.html'>引文</blockquote>", "/zcwj/2012/1.html", "page"),
    ("<q cite='http://b.gov.cn/speech.html'>讲话</q>", "http://b.gov.cn/speech.html", "page"),
    ("<del cite='/changes/7.html'>旧</del><ins>新</ins>", "/changes/7.html", "page"),
    ("<meta rel='shortcut icon' href='/favicon.ico'>", "/favicon.ico", "image"),
    (FLASH, "http://download.vendor.com/cabs/player.cab", "plugin"),
    (FLASH, "/flash/banner.swf", "object"),
    (FLASH, "http://www.vendor.com/get-player", "plugin"),
    (WMP + "</object>", "/dir/v.wmv", "object"),
    ("<object classid='/py/clock.py' codebase='/apps/'></object>", "/py/clock.py", "object"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "url", "kind"), OLDER)
def test_older_markup_is_extracted_with_its_kind(body: str, url: str, kind: str) -> None:
    assert (url if url.startswith("http") else f"http://a.gov.cn{url}", kind) in links_of(body)


def test_an_activex_codebase_is_the_installer_not_the_base_of_its_parameters() -> None:
    assert links_of(FLASH) == {
        ("http://download.vendor.com/cabs/player.cab", "plugin"),
        ("http://a.gov.cn/flash/banner.swf", "object"),
        ("http://www.vendor.com/get-player", "plugin"),
    }


NOT_LINKS = [
    "<object data='data:image/svg+xml,x' codebase='/lib/'></object>",  # codebase: a base only
    "<object classid='clsid:D27CDB6E-AE6D-11cf-96B8-444553540000'></object>",
    "<object classid='java:Clock.class'></object>",
    "<param name=movie value='lost.swf'>",  # a parameter outside any object
    "<object data='data:,'><param name=FlashVars value='a=1&b=/x.swf'></object>",
    "<meta rel=author href='/people.html'><meta name=keywords content='政务公开'>",
    "<link rel=dns-prefetch href='//cdn.a.gov.cn'><link rel=preconnect href='https://c.gov.cn'>",
    "<div itemscope itemtype='http://schema.org/GovernmentOrganization'>x</div>",
    "<blockquote>无出处的引文</blockquote><q cite=''>空</q>",
    "<blockquote cite='国务院办公厅'>引文</blockquote><q cite='新华社 2012年'>讲话</q>",
    "<img src='data:,' longdesc='A bar chart of 2012 revenue by district'>",
    "<img src='data:,' usemap='#nav'><img src='data:,' usemap='Map1'><map name=Map1></map>",
]


@pytest.mark.parametrize("body", NOT_LINKS)
def test_what_is_no_address_to_check_gives_no_link(body: str) -> None:
    assert links_of(body) == set()


LOCAL = [
    "file:///C:/Users/admin/Desktop/通知.doc",
    "FILE://server/share/a.pdf",
    " file:/home/editor/x.html",
    "file:",
]


@pytest.mark.parametrize("href", LOCAL)
def test_a_link_to_a_file_on_the_authors_computer_is_reported(href: str) -> None:
    tree = LexborHTMLParser(f"<a href='{href}'>附件</a><img src='{href}'>")
    found = [(link.url, link.kind, link.error) for link in extract_links(tree, PAGE)]
    reason = "malformed URL: local file"
    kind = "download" if href.endswith((".doc", ".pdf")) else "page"
    assert found == [(href.strip(), kind, reason), (href.strip(), "image", reason)]
    css = linked_css_links(f".a{{background:url({href.strip()})}}", "http://a.gov.cn/c/s.css")
    assert [(link.url, link.error) for link in css] == [(href.strip(), reason)]
    assert vocabulary.error_text(reason) == "链接指向编写者本机上的文件，访问者无法打开"


def test_a_file_lookalike_is_not_a_local_file() -> None:
    tree = LexborHTMLParser("<a href='files/a.html'>a</a><a href='/file:x'>b</a>")
    assert [link.error for link in extract_links(tree, PAGE)] == [None, None]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a.jpg,b.jpg 2x", ["a.jpg,b.jpg"]),  # a comma inside a URL is part of it
        ("a.jpg 1x,, ,b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("a.jpg 100w (junk, more), b.jpg", ["a.jpg", "b.jpg"]),
        ("a.jpg (unclosed, b.jpg 2x", ["a.jpg"]),
        ("\n  a.jpg\t1x ,\nb.jpg  ", ["a.jpg", "b.jpg"]),
    ],
)
def test_srcset_follows_the_html_parsing_rules(value: str, expected: list[str]) -> None:
    assert srcset_urls(value) == expected


def test_missing_files_in_older_markup_and_local_links_are_broken() -> None:
    home = (
        FLASH.replace("http://download.vendor.com/cabs/player.cab", "/cabs/gone.cab")
        + "<bgsound src=/music/gone.mid><img src=/img/ok.png longdesc=/desc/gone.html>"
        + "<blockquote cite=/zcwj/ok.html>引文</blockquote>"
        + "<a href='file:///D:/web/通知.doc'>通知</a>"
    )
    routes = {
        "/": html(home),
        "/img/ok.png": file("image/png"),
        "/flash/banner.swf": file("application/x-shockwave-flash"),
        "/zcwj/ok.html": html("政策"),
    }
    with serve(Site(routes)) as site:
        report = scan(site, check_external=False)
    assert broken(report, site.base) == {
        ("", "cabs/gone.cab", "plugin", 404),  # reported; the shipped frameworks deduct nothing
        ("", "music/gone.mid", "media", 404),
        ("", "desc/gone.html", "page", 404),
        ("", "file:///D:/web/通知.doc", "download", None),
    }
    assert site.asked("/flash/banner.swf") == ["HEAD"]  # the param and the embed: one check
    assert not [p for _, p in site.requests if "file" in p or "D:" in p]


def test_an_svg_link_with_xlink_href_only_is_a_page_link() -> None:
    body = "<svg><a xlink:href='/map/district.html'><rect/></a><a href='/b.html' xlink:href='/x'>"
    body += "</a></svg>"
    assert links_of(body) == {
        ("http://a.gov.cn/map/district.html", "page"),
        ("http://a.gov.cn/b.html", "page"),
    }


def test_the_strings_of_a_css_image_set_are_images() -> None:
    css = ".a{background-image:image-set('bg.png' 1x, \"bg-2x.png\" 2x)}"
    css += ".b{background:-webkit-image-set(url(w.png) 1x)}"
    css += ".c{background:image-set(\"f.avif\" type(\"image/avif\"), 'f.jpg' type('image/jpeg'))}"
    css += ".d{font-family:\"x.png\"; content:'y.png'}"  # strings elsewhere are no addresses
    found = {(link.url, link.kind) for link in linked_css_links(css, "http://a.gov.cn/c/s.css")}
    assert found == {
        ("http://a.gov.cn/c/bg.png", "image"),
        ("http://a.gov.cn/c/bg-2x.png", "image"),
        ("http://a.gov.cn/c/w.png", "image"),
        ("http://a.gov.cn/c/f.avif", "image"),
        ("http://a.gov.cn/c/f.jpg", "image"),
    }
