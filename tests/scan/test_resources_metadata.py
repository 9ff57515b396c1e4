"""Addresses in a page's metadata: every `<link>`, `<meta>` web addresses, JSON-LD (issue 23)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from ceping.scan.parse import extract_links
from tests.scan.test_resources import Site, broken, file, html, scan, serve

PAGE = "http://a.gov.cn/dir/page.html"


def links_of(head: str, body: str = "") -> set[tuple[str, str]]:
    tree = LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>")
    return {(link.url, link.kind) for link in extract_links(tree, PAGE)}


LINKS = [
    ("<link rel=canonical href='/zwgk/page.html'>", "/zwgk/page.html", "page"),
    ("<link rel=next href='index_2.html'>", "/dir/index_2.html", "page"),
    ("<link rel=search href='/os.xml'>", "/os.xml", "page"),
    ("<link href='/no-rel.html'>", "/no-rel.html", "page"),
    ("<link rel='alternate' type='application/rss+xml' href='/rss.xml'>", "/rss.xml", "page"),
    ("<link rel='alternate stylesheet' href='big.css'>", "/dir/big.css", "stylesheet"),
    ("<meta property='og:image' content='http://a.gov.cn/share.jpg'>", "/share.jpg", "image"),
    ("<meta name='twitter:image' content='https://b.cn/t.png'>", "https://b.cn/t.png", "image"),
    ("<meta name='msapplication-TileImage' content='http://a.gov.cn/t.png'>", "/t.png", "image"),
    ("<meta property='og:url' content='http://a.gov.cn/dir/page.html'>", "/dir/page.html", "page"),
    ("<meta name='Url' content='http://a.gov.cn/zwgk/1.html'>", "/zwgk/1.html", "page"),
    ("<meta property='og:image' content='/img/share.png'>", "/img/share.png", "image"),
    ("<meta property='og:image:secure_url' content='s.png'>", "/dir/s.png", "image"),
    ("<meta property='og:video' content='/v/1.mp4'>", "/v/1.mp4", "media"),
    ("<meta name='thumbnail' content='th.jpg'>", "/dir/th.jpg", "image"),
]  # fmt: skip


@pytest.mark.parametrize(("head", "url", "kind"), LINKS)
def test_link_and_meta_addresses_are_extracted(head: str, url: str, kind: str) -> None:
    expected = url if url.startswith("http") else f"http://a.gov.cn{url}"
    assert (expected, kind) in links_of(head)


JSON_LD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "通知",
 "image": ["http://a.gov.cn/p/1.jpg", "http://a.gov.cn/p/2.jpg"],
 "author": {"@type": "Person", "name": "办公室", "url": "http://a.gov.cn/bgs/"},
 "publisher": {"@type": "GovernmentOrganization", "name": "某市人民政府",
   "logo": {"@type": "ImageObject", "url": "http://a.gov.cn/logo.png"},
   "sameAs": ["http://weibo.example.cn/a"]},
 "potentialAction": {"@type": "SearchAction",
   "target": "http://a.gov.cn/search?q={search_term_string}", "query-input": "required"},
 "description": "http://a.gov.cn/not-an-address-field.html",
 "mainEntityOfPage": {"@id": "http://a.gov.cn/dir/page.html"}}
</script>"""


def test_json_ld_addresses_are_extracted_by_their_property() -> None:
    assert links_of(JSON_LD) == {
        ("http://a.gov.cn/p/1.jpg", "image"),
        ("http://a.gov.cn/p/2.jpg", "image"),
        ("http://a.gov.cn/bgs/", "page"),
        ("http://a.gov.cn/logo.png", "image"),
        ("http://weibo.example.cn/a", "page"),
    }


LD = "<script type='application/ld+json'>{}</script>"
NOT_LINKS = [
    "<link rel=dns-prefetch href='//cdn.a.gov.cn'><link rel=preconnect href='https://c.gov.cn'>",
    "<link rel='preconnect dns-prefetch' href='https://d.gov.cn'>",
    "<link rel=pingback href='http://a.gov.cn/xmlrpc.php'><link rel=webmention href='/wm'>",
    "<meta name=description content='政务公开 http://a.gov.cn 欢迎访问'>",
    "<meta name=SiteDomain content='www.a.gov.cn'>",
    "<meta name=msapplication-config content='/browserconfig.xml'>",  # relative: not taken
    "<meta http-equiv='Content-Security-Policy' content='https://a.gov.cn'>",
    "<meta http-equiv=refresh content='300'>",
    "<meta property='og:title' content='通知公告'><meta property='og:type' content='article'>",
    "<meta property='og:image' content=''><meta property='og:image' content='{{share_pic}}'>",
    "<meta name='keywords' content='/zwgk/,/xxgk/'>",
    "<script type='application/ld+json'>{not json</script>",
    LD.format('{"name": "http://a.gov.cn/x", "url": "/relative"}'),
    "<script type='application/json'>{\"url\": \"http://a.gov.cn/data\"}</script>",
    LD.format('{"image":' * 40 + '"http://a.gov.cn/deep.jpg"' + "}" * 40),
]  # fmt: skip


@pytest.mark.parametrize("head", NOT_LINKS)
def test_what_is_no_address_to_check_gives_no_link(head: str) -> None:
    assert links_of(head) == set()


def test_broken_metadata_addresses_are_reported_with_their_kind() -> None:
    head = (
        "<link rel=canonical href=/gone-canonical.html><link rel=pingback href=/xmlrpc.php>"
        "<meta property=og:image content='{base}img/gone-share.jpg'>"
        '<script type="application/ld+json">{{"logo": "{base}img/gone-logo.png"}}</script>'
    )
    with serve(Site({"/img/ok.png": file("image/png")})) as site:
        site.routes["/"] = html(head.format(base=site.base))
        report = scan(site)
    assert broken(report, site.base) == {
        ("", "gone-canonical.html", "page", 404),
        ("", "img/gone-share.jpg", "image", 404),
        ("", "img/gone-logo.png", "image", 404),
    }
    assert site.asked("/xmlrpc.php") == []


def test_a_dublin_core_address_is_taken_relative_too() -> None:
    head = "<meta name='DC.Identifier' scheme='DCTERMS.URI' content='/zwgk/2012/7.html'>"
    head += "<meta name='DC.Title' content='关于印发通知的通知'>"
    assert links_of(head) == {("http://a.gov.cn/zwgk/2012/7.html", "page")}
