"""A page nested thousands of block levels deep is cut before parsing (the parser is quadratic in
that depth); real pages, sloppy ones included, are left whole."""

from __future__ import annotations

import datetime as dt
import time

from ceping.scan.fetch import Response
from ceping.scan.nesting import MAX_NESTING, cut_deep_nesting
from ceping.scan.pages import page_from_response


def test_deep_nesting_is_cut_where_it_passes_the_limit() -> None:
    html = b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000
    cut, is_cut = cut_deep_nesting(html)
    assert is_cut and cut.count(b"<div>") == MAX_NESTING


def test_sloppy_but_real_markup_is_left_whole() -> None:
    sloppy = (
        b"<div><ul>" + b"<li><p>item<font>x" * 5000 + b"</ul></div>"
        + b"<table>" + b"<tr><td>1" * 3000 + b"</table>"
        + b"<div></div>" * 5000
    )  # fmt: skip
    assert cut_deep_nesting(sloppy) == (sloppy, False)


def test_a_page_nested_200k_deep_is_parsed_in_seconds_and_marked() -> None:
    body = (
        b"<html><body><a href='/first.html'>first</a>"
        + b"<DIV>" * 200_000
        + b"<a href='/deep.html'>deep</a>"
        + b"</div>" * 200_000
    )
    resp = Response("http://a.gov.cn/", "http://a.gov.cn/", 200, None, "text/html", body)
    started = time.monotonic()
    page = page_from_response(resp, 0, dt.date(2013, 1, 15))
    assert time.monotonic() - started < 5
    assert page.cut == "nesting"
    assert [link.url for link in page.links] == ["http://a.gov.cn/first.html"]
