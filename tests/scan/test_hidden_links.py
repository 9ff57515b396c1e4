"""暗链 (hidden_link): links to other sites hidden by CSS or scripts, or spam words on a link; and
the hidden things a government page has for good reasons, which are never reported."""

from __future__ import annotations

import pytest

from ceping.scan.checks import hidden_links
from ceping.scan.csshide import hiding
from ceping.scan.pagesignals import written_html
from tests.scan.pagecheck import SITE, fields, page_of, run_check

CASINO = '<a href="http://www.amazing-casino.example/">百家乐</a><a href="http://ylc.example.net/">娱乐城</a>'
SPAM = '<a href="http://seo-shop.example.com/">优惠</a>'


def _page(body: str, head: str = "", url: str = SITE) -> str:
    return (
        f'<html lang="zh-CN"><head><meta charset="utf-8">{head}</head><body>'
        f'<div class="nav"><a href="/xxgk/">信息公开</a><a href="/zwfw/">政务服务</a></div>'
        f"{body}<div class='foot'>版权所有</div></body></html>"
    )


def _found(body: str, head: str = "", **config: object) -> list[tuple[str, str, str]]:
    outcome = run_check(hidden_links.CHECK, page_of(_page(body, head)), **config)
    return [(f["url"], f["text"], f["reason"]) for f in fields(outcome.findings)]


def test_a_display_none_block_of_casino_links_to_foreign_domains_is_found() -> None:
    outcome = run_check(
        hidden_links.CHECK, page_of(_page(f'<div style="display:none">{CASINO}</div>'))
    )
    assert fields(outcome.findings) == [
        {
            "kind": "hidden_link",
            "page": SITE,
            "url": "http://www.amazing-casino.example/",
            "text": "百家乐",
            "reason": "display_none",
            "keyword": "百家乐",
        },
        {
            "kind": "hidden_link",
            "page": SITE,
            "url": "http://ylc.example.net/",
            "text": "娱乐城",
            "reason": "display_none",
            "keyword": "娱乐城",
        },
    ]


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        (f'<div style="position:absolute; left:-9999px; top:0">{SPAM}</div>', "off_screen"),
        (f'<div style="POSITION: fixed; TOP: -1200px">{SPAM}</div>', "off_screen"),
        (f'<p style="text-indent:-9999em">{SPAM}</p>', "text_indent"),
        (f'<div style="height:0;overflow:hidden">{SPAM}</div>', "zero_size"),
        (f'<div style="width:1px;height:1px;overflow:hidden">{SPAM}</div>', "zero_size"),
        (f'<span style="font-size:0">{SPAM}</span>', "font_size_zero"),
        (
            f'<div style="color:#fff;background-color:#fff;font-size:2px">{SPAM}</div>',
            "same_colour",
        ),
        (f'<marquee height="1" scrollamount="1000">{SPAM}</marquee>', "marquee"),
        (f'<marquee height="0">{SPAM}</marquee>', "marquee"),
        (f'<marquee style="height:1px">{SPAM}</marquee>', "marquee"),
        (f"<div hidden>{SPAM}</div>", "display_none"),
        (f'<div style="visibility:hidden">{SPAM}</div>', "visibility_hidden"),
    ],
)
def test_every_hiding_technique_is_found_and_named(block: str, reason: str) -> None:
    assert _found(block) == [("http://seo-shop.example.com/", "优惠", reason)]


def test_a_style_rule_that_moves_a_block_off_screen_is_found() -> None:
    head = "<style>/* ad */ .yq { position:absolute; top:-1000px }</style>"
    assert _found(f'<div class="yq">{SPAM}</div>', head) == [
        ("http://seo-shop.example.com/", "优惠", "off_screen")
    ]


def test_a_hidden_block_written_by_a_script_is_found() -> None:
    script = (
        "<script>document.write('<div style=\"display:none\">');"
        "document.writeln('<a href=\"http://w.example.org/\">\\u68cb\\u724c</a>');"
        "document.write('</div>');</script>"
    )
    assert _found(script) == [("http://w.example.org/", "棋牌", "display_none")]
    encoded = (
        '<script>document.write(unescape("%3Cdiv style=%22height:0;overflow:hidden%22%3E'
        '%3Ca href=%22http://e.example.org/%22%3Ex%3C/a%3E%3C/div%3E"));</script>'
    )
    assert _found(encoded) == [("http://e.example.org/", "x", "zero_size")]


def test_a_visible_foreign_link_with_spam_words_or_address_is_found() -> None:
    body = (
        '<div class="links"><a href="http://a.example.com/">时时彩开户</a>'
        '<a href="http://best-casino.example.com/x">友情链接</a></div>'
    )
    outcome = run_check(hidden_links.CHECK, page_of(_page(body)))
    assert [(f["url"], f["reason"], f["keyword"]) for f in fields(outcome.findings)] == [
        ("http://a.example.com/", "keyword", "时时彩"),
        ("http://best-casino.example.com/x", "keyword", "casino"),
    ]


def test_look_alike_government_domains_are_not_trusted() -> None:
    body = (
        '<div style="display:none"><a href="http://www.shgov.cn/">a</a>'
        '<a href="http://fakeconac.cn/">b</a></div>'
    )
    assert _found(body) == [
        ("http://fakeconac.cn/", "b", "display_none"),
        ("http://www.shgov.cn/", "a", "display_none"),
    ]


def test_the_keyword_list_comes_from_the_config() -> None:
    body = '<a href="http://a.example.com/">特价机票</a>'
    assert _found(body) == []
    assert _found(body, hidden_link_words=("机票",)) == [
        ("http://a.example.com/", "特价机票", "keyword")
    ]


PEOPLE = '<a href="http://www.people.com.cn/">人民网</a>'
GOOD_REASONS = {
    # A skip link, moved off-screen until focused, to an anchor of the page.
    "skip-link": (
        '<a href="#main" style="position:absolute;left:-9999px">跳转到主要内容</a>'
        '<div id="main"></div>'
    ),
    # A drop-down of friendly links, folded inside the menu item that opens it.
    "drop-down": (
        '<ul><li><a href="javascript:;">友情链接</a>'
        f'<ul style="display:none"><li>{PEOPLE}</li></ul></li></ul>'
    ),
    # A folded block the page's script finds by id (a pop-up, a collapsed panel).
    "panel-by-id": f'<div id="more-links" style="display:none">{PEOPLE}</div>',
    # Tab panels: the hidden ones carry their class, whatever they link to.
    "tabs": (
        '<div class="tab-con" style="display:block"><a href="/a.html">要闻</a></div>'
        f'<div class="tab-con" style="display:none">{PEOPLE}</div>'
    ),
    # Hidden links to the site itself, and a hidden block of its own content.
    "own-links": (
        '<div style="display:none"><a href="/old/">旧版</a>'
        '<a href="http://example.gov.cn/x">x</a></div>'
    ),
    "own-content": '<div style="display:none"><p>通知：系统维护</p></div>',
    # Hidden links to other government sites and to the identification services.
    "government": (
        '<div style="display:none"><a href="http://www.shanghai.gov.cn/">上海市人民政府</a>'
        '<a href="http://bszs.conac.cn/sitename?id=1">党政机关</a></div>'
    ),
    # A badge drawn by a background image, its text indented away on purpose.
    "image-replacement": (
        '<a href="http://www.people.com.cn/" '
        'style="text-indent:-9999px;background:url(/img/rmw.png) no-repeat">人民网</a>'
    ),
    # An image link inside tiny text: the image shows.
    "image-in-tiny-text": (
        '<span style="font-size:0">'
        '<a href="http://www.people.com.cn/"><img src="/r.png"></a></span>'
    ),
    # font-size:0 on a list that only closes the gaps between its items.
    "gapless-list": f'<ul style="font-size:0"><li style="font-size:14px">{PEOPLE}</li></ul>',
    # A news ticker of friendly links, scrolling in plain sight.
    "ticker": f'<marquee height="30" direction="left">{PEOPLE}</marquee>',
    # 成人教育 is an education bureau's daily business.
    "adult-education": '<a href="http://www.ceaie.example.edu.cn/">成人教育招生</a>',
}


@pytest.mark.parametrize("body", GOOD_REASONS.values(), ids=GOOD_REASONS.keys())
def test_hidden_things_a_government_page_has_for_good_reasons_are_not_found(body: str) -> None:
    assert _found(body) == []


def test_responsive_and_hover_rules_do_not_hide() -> None:
    head = (
        "<style>@media (max-width: 768px) { .side { position:absolute; left:-9999px } }"
        ".menu:hover .sub { display:none } .sub2 { display:none }</style>"
    )
    body = (
        f'<div class="side">{SPAM}</div><div class="menu"><div class="sub">{SPAM}</div></div>'
        f'<div class="sub2">{SPAM}</div>'
    )
    assert _found(body, head) == []


def test_a_template_block_is_reported_once_on_the_first_page_in_url_order() -> None:
    block = f'<div style="display:none">{CASINO}</div>'
    pages = [page_of(_page(block), f"{SITE}{path}", 1) for path in ("b.html", "a.html", "c.html")]
    outcome = run_check(hidden_links.CHECK, page_of(_page("")), *pages)
    assert {(f["page"], f["url"]) for f in fields(outcome.findings)} == {
        (f"{SITE}a.html", "http://www.amazing-casino.example/"),
        (f"{SITE}a.html", "http://ylc.example.net/"),
    }


def test_a_hidden_copy_outranks_a_visible_keyword_link() -> None:
    visible = page_of(_page(CASINO), f"{SITE}a.html", 1)
    hidden = page_of(_page(f'<div style="display:none">{CASINO}</div>'), f"{SITE}b.html", 1)
    outcome = run_check(hidden_links.CHECK, visible, hidden)
    assert {(f["page"], f["reason"]) for f in fields(outcome.findings)} == {
        (f"{SITE}b.html", "display_none")
    }


def test_hostile_markup_stays_bounded() -> None:
    many = "".join(
        f'<div style="display:none"><a href="http://s{i}.example.com/">{i}</a></div>'
        for i in range(5000)
    )
    page = page_of(_page(many))
    assert len(page.signals.hidden_links) <= 100
    assert written_html("document.write('" + "<a>" * 200_000 + "')").count("<a>") < 40_000
    # Thousands of hiding rules, hidden blocks nested thousands deep, thousands of writing
    # scripts and @media blocks never closed: the signals stay small.
    rules = "".join(f".c{i}{{position:absolute;left:-9999px}}" for i in range(5000))
    link = '<a href="http://x.example.com/">x</a>'
    nested = '<div style="display:none">' * 3000 + link * 3000 + "</div>" * 3000
    writes = f"<script>document.write('{link * 30}');</script>" * 2000
    head = f"<style>{rules}</style><style>{'@media screen {' * 2000}</style>"
    signals = page_of(_page(nested + writes, head)).signals
    # The blocks nested 3,000 deep are cut at 1,000 levels (scan/nesting.py): what lies below
    # is not read, so at most the one link is found.
    assert len(signals.hidden_links) <= 1 and len(signals.written_text) <= 10_000


@pytest.mark.parametrize(
    ("style", "technique"),
    [
        ("display: none !important", "display_none"),
        ("left:-9999px", None),  # not positioned: left does nothing
        ("position:absolute;left:-20px", None),  # a small offset is layout
        ("height:0", None),  # content overflows a zero box unless clipped
        ("text-indent:2em", None),
        ("color:#333;background:#333", None),  # readable size: a reader still selects it
        ("font-size:12px", None),
    ],
)
def test_hiding_reads_declarations_as_a_browser_does(style: str, technique: str | None) -> None:
    assert hiding(style) == technique
