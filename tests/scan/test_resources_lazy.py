"""Lazy-loaded images: the real address in a data attribute is checked like `src` (issue 23)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from ceping.scan.parse import extract_links
from tests.scan.test_resources import Site, broken, file, html, scan, serve

PAGE = "http://a.gov.cn/dir/page.html"


def links_of(body: str) -> set[tuple[str, str]]:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    return {(link.url, link.kind) for link in extract_links(tree, PAGE)}


LAZY = [
    # jQuery lazyload and the Chinese CMSs that ship it: a grey placeholder in src.
    ("<img src='/images/grey.gif' data-original='pic/1.jpg'>", "/dir/pic/1.jpg", "image"),
    ("<img class=lazy data-src='/uploads/2012/a.png'>", "/uploads/2012/a.png", "image"),
    ("<img data-lazy-src='b.webp'>", "/dir/b.webp", "image"),
    ("<img lazy-src='c.jpg'>", "/dir/c.jpg", "image"),
    ("<img data-lazyload='d.jpg'>", "/dir/d.jpg", "image"),
    ("<img data-echo='e.jpg'>", "/dir/e.jpg", "image"),
    ("<div class=slider><img data-lazy='/banner/1.jpg'></div>", "/banner/1.jpg", "image"),
    ("<img data-actualsrc='f.png'>", "/dir/f.png", "image"),
    ("<div class=swiper-lazy data-background='/banner/2.jpg'></div>", "/banner/2.jpg", "image"),
    ("<section class=lazyload data-bg='/bg/3.png'></section>", "/bg/3.png", "image"),
    ("<img data-srcset='s1.jpg 1x, s2.jpg 2x'>", "/dir/s2.jpg", "image"),
    ("<img data-lazy-srcset='w.jpg 480w'>", "/dir/w.jpg", "image"),
    ("<picture><source data-srcset='p.avif' type='image/avif'></picture>", "/dir/p.avif", "image"),
    ("<iframe class=lazyload data-src='/map.html'></iframe>", "/map.html", "frame"),
    ("<video class=lazy data-src='v.mp4'></video>", "/dir/v.mp4", "media"),
    ("<video><source data-src='v.webm'></video>", "/dir/v.webm", "media"),
    # A lazy background on another element, when the attribute names an image.
    ("<div class=lazy data-original='/bg/banner.JPG?v=2'>x</div>", "/bg/banner.JPG?v=2", "image"),
    ("<img data-src=' spaced.png '>", "/dir/spaced.png", "image"),
    # Owl Carousel's high-density image (what a phone loads) and HopeUI's by screen width,
    # libraries government templates ship.
    ("<img class=owl-lazy data-src='s.jpg' data-src-retina='s@2x.jpg'>", "/dir/s@2x.jpg", "image"),
    ("<img hope-src='/hope/a.jpg'>", "/hope/a.jpg", "image"),
    # The browser's own lazy loading keeps the address in src: loaded all the same.
    ("<img loading=lazy src='native.jpg'>", "/dir/native.jpg", "image"),
    ("<iframe loading='lazy' src='/map2.html'></iframe>", "/map2.html", "frame"),
    ("<img loading=lazy src='/g.gif' data-src='both.jpg'>", "/dir/both.jpg", "image"),
    ("<img hope-xl-src='xl.jpg' hope-xs-src='xs.jpg'>", "/dir/xs.jpg", "image"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "url", "kind"), LAZY)
def test_a_lazy_image_is_extracted_with_its_kind(body: str, url: str, kind: str) -> None:
    assert (f"http://a.gov.cn{url}", kind) in links_of(body)


def test_the_placeholder_and_the_real_image_are_both_read() -> None:
    body = "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-src='real.jpg'>"
    body += "<img src='/img/loading.gif' data-original='/img/news.png'>"
    assert links_of(body) == {
        ("http://a.gov.cn/dir/real.jpg", "image"),
        ("http://a.gov.cn/img/loading.gif", "image"),
        ("http://a.gov.cn/img/news.png", "image"),
    }


NOT_LAZY_IMAGES = [
    "<img data-src='data:image/png;base64,iVBORw0KGgo='>",  # a placeholder in the lazy slot
    "<img data-src=''><img data-original='   '><img data-srcset=''>",
    "<li data-src='tab2'>通知</li>",  # a tab's key for a script, not an address
    "<div data-src='news'>x</div><span data-original='/list/'>y</span>",
    "<div data-background='#fff'>x</div><div data-bg='dark'>y</div><li data-lazy='ondemand'>z</li>",
    "<a data-src='#more' href='#'>更多</a>",
    "<img data-src='{{item.pic}}'><img data-original='${img}'><img lazy-src='<%=pic%>'>",
    "<img data-srcset='{{a}} 1x'>",
    "<img data-src='holder.js/300x200?text=图片'><img data-src='Holder.js/100px180'>",
    "<div data-srcset='x.jpg 1x'>srcset belongs to img and source only</div>",
    "<a data-src-retina='menu' href='#'>x</a><div hope-src='panel2'>y</div>",  # not images
    "<a data-original-title='提示' href='#'>Bootstrap's tooltip keeps its title here</a>",
]


@pytest.mark.parametrize("body", NOT_LAZY_IMAGES)
def test_what_is_not_a_lazy_image_gives_no_link(body: str) -> None:
    assert links_of(body) == set()


def test_a_malformed_lazy_address_is_reported_with_its_reason() -> None:
    tree = LexborHTMLParser("<img src=/grey.gif data-src='http://'>")
    found = [(link.url, link.error) for link in extract_links(tree, PAGE)]
    assert ("http://", "malformed URL: empty host") in found


def test_a_missing_lazy_image_is_a_broken_image_checked_once() -> None:
    home = (
        "<img src=/img/grey.gif data-original=/img/lazy-gone.jpg>"
        "<img src=/img/grey.gif data-src=/img/lazy-ok.jpg>"
        "<div class=lazy data-original=/img/bg-gone.png>x</div><li data-src=tab1>t</li>"
        "<a href=/p2.html>2</a>"
    )
    routes = {
        "/": html(home),
        "/p2.html": html("<img data-original=/img/lazy-gone.jpg>"),
        "/img/grey.gif": file("image/gif"),
        "/img/lazy-ok.jpg": file("image/jpeg"),
    }
    with serve(Site(routes)) as site:
        report = scan(site)
    assert broken(report, site.base) == {
        ("", "img/lazy-gone.jpg", "image", 404),
        ("", "img/bg-gone.png", "image", 404),
        ("p2.html", "img/lazy-gone.jpg", "image", 404),
    }
    assert site.asked("/img/lazy-ok.jpg") == ["HEAD"]
    assert site.asked("/img/lazy-gone.jpg") == ["HEAD", "GET"]  # once for both pages
    assert site.asked("/tab1") == []
