"""Links a site may hold that the scanner cannot use: they are skipped or reported, never fatal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ceping.scan import ScanConfig, run_scan, urls
from ceping.scan.models import BROKEN_LINK
from ceping.sitefarm.server import free_port
from tests.threaded_http import QuietHandler, serve_threaded

BAD_HREFS = (
    "http://[::1/x",
    "http://a.gov.cn:99999/x",
    "http://a.gov.cn:port/x",
    "http://[zz::1]/x",
    "http://a.gov.cn:-1/",
    "http://[::1]:abc/",
)


@contextmanager
def site(home: str) -> Iterator[str]:
    """One page on 127.0.0.1 linking where the test says, and a page the home links to."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            body = {"/": home, "/ok.html": "<html><body>好</body></html>"}.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_body(body)

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        yield base


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("HTTP://[::1]:80/x", "http://[::1]/x"),
        ("https://[2001:DB8::1]/", "https://[2001:db8::1]/"),
        ("http://[fe80::1%25eth0]:81/", "http://[fe80::1%25eth0]:81/"),
    ],
)
def test_normalize_keeps_the_brackets_of_an_ipv6_literal(url: str, expected: str) -> None:
    assert urls.normalize(url) == expected
    assert urls.site_key(expected).startswith("[")


@pytest.mark.parametrize("href", BAD_HREFS)
def test_a_malformed_link_resolves_to_nothing(href: str) -> None:
    assert urls.absolute("http://a.gov.cn/", href) is None
    assert urls.Resolver("http://a.gov.cn/")(href) is None


def test_ipv6_and_malformed_links_do_not_stop_the_scan() -> None:
    v6 = f"http://[::1]:{free_port()}/x"
    links = "".join(f"<a href='{href}'>坏</a>" for href in (v6, *BAD_HREFS))
    with site(f"<html><body>{links}<a href='/ok.html'>好</a></body></html>") as base:
        config = ScanConfig(
            urls=(base,),
            as_of=dt.date(2012, 11, 30),
            allow_private=True,
            check_typos=False,
            timeout_s=2.0,
            attempts=1,
            backoff_s=0.01,
        )
        for _ in range(2):  # a rerun does not stop either
            (report,) = run_scan(config)
            assert report.reachable
            assert report.pages == 2
            broken = {f.get("url") for f in report.findings if f.kind == BROKEN_LINK}
            assert v6 in broken


def test_a_malformed_site_address_is_that_site_unreachable() -> None:
    with site("<html><body><a href='/ok.html'>好</a></body></html>") as base:
        config = ScanConfig(
            urls=("http://a.gov.cn:99999/", base),
            as_of=dt.date(2012, 11, 30),
            allow_private=True,
            check_typos=False,
        )
        bad, good = run_scan(config)
    assert not bad.reachable
    assert [(f.kind, f.get("error")) for f in bad.findings] == [("unreachable", "unusable address")]
    assert good.reachable and good.pages == 2
