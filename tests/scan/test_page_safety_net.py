"""One page whose parsing or check fails in our code does not end the site's scan: the page is
noted with a Chinese reason, the traceback is logged, the crawl goes on, the result is partial."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest

from ceping.scan import ScanConfig, run_scan
from ceping.scan import pages as scan_pages
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.crawler import CHECK_FAILED, PARSE_FAILED, SITE_CHECK_FAILED
from ceping.scan.models import BROKEN_LINK, Finding, PageResult
from tests.threaded_http import QuietHandler, serve_threaded

PAGES = {
    "/": "<html><body><a href='/bad.html'>坏</a><a href='/next.html'>下一页</a></body></html>",
    "/bad.html": "<html><body><a href='/after.html'>后面</a></body></html>",
    "/next.html": "<html><body><a href='/gone.html'>没了</a></body></html>",
    "/after.html": "<html><body><a href='/gone2.html'>也没了</a></body></html>",
}


class Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path in PAGES:
            self.send_body(PAGES[self.path])
        else:
            self.send_error(404)

    do_HEAD = do_GET


@pytest.fixture
def site() -> Iterator[str]:
    with serve_threaded(Site) as base:
        yield base


def _config(base: str) -> ScanConfig:
    return ScanConfig(
        urls=(base,), as_of=dt.date(2013, 1, 15), allow_private=True, check_typos=False
    )


def _raises_on_bad(page: PageResult, ctx: CheckContext) -> list[Finding]:
    if page.url.endswith("/bad.html"):
        raise ZeroDivisionError("planted")
    return [Finding.make("planted_ok", page=page.url)]


async def _site_raises(view: SiteView, ctx: CheckContext) -> SiteOutcome:
    raise RuntimeError("planted site failure")


def test_a_check_that_raises_on_one_page_skips_that_check_there_only(
    site: str, caplog: pytest.LogCaptureFixture
) -> None:
    planted = Check("planted", on_page=_raises_on_bad)
    with caplog.at_level(logging.ERROR, logger="ceping.scan.crawler"):
        [report] = run_scan(_config(site), checks=(planted,))
    assert report.reachable and report.pages == 4
    # The pages past the failing one were crawled and their links checked.
    broken = {f.get("url") for f in report.findings if f.kind == BROKEN_LINK}
    assert broken == {f"{site}gone.html", f"{site}gone2.html"}
    ok = {f.page for f in report.findings if f.kind == "planted_ok"}
    assert ok == {site, f"{site}next.html", f"{site}after.html"}
    assert report.stats["failed_pages"] == [
        {"page": f"{site}bad.html", "reason": CHECK_FAILED, "check": "planted"}
    ]
    out = report.to_json()
    assert out["partial"] is True and any("出错" in r for r in out["partial_reasons"])
    assert "ZeroDivisionError: planted" in caplog.text  # the traceback, for whoever fixes it


def test_a_page_that_cannot_be_parsed_is_noted_and_the_rest_crawled(
    site: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = scan_pages.parse_html

    def parse_html(html: str, page_url: str, as_of: dt.date):  # type: ignore[no-untyped-def]
        if page_url.endswith("/next.html"):
            raise RecursionError("planted parser failure")
        return real(html, page_url, as_of)

    monkeypatch.setattr(scan_pages, "parse_html", parse_html)
    with caplog.at_level(logging.ERROR, logger="ceping.scan.crawler"):
        [report] = run_scan(_config(site), checks=())
    assert report.pages == 4  # next.html counts as fetched, unparsed
    broken = {f.get("url") for f in report.findings if f.kind == BROKEN_LINK}
    assert broken == {f"{site}gone2.html"}  # next.html's link could not be read
    assert report.stats["failed_pages"] == [{"page": f"{site}next.html", "reason": PARSE_FAILED}]
    assert "RecursionError: planted parser failure" in caplog.text


def test_a_site_check_that_raises_leaves_the_others_and_the_result(site: str) -> None:
    features = Check("features", on_site=_features)
    broken = Check("broken", on_site=_site_raises)
    [report] = run_scan(_config(site), checks=(broken, features))
    assert report.features["seen"] is True
    assert report.stats["failed_pages"] == [
        {"page": site, "reason": SITE_CHECK_FAILED, "check": "broken"}
    ]


async def _features(view: SiteView, ctx: CheckContext) -> SiteOutcome:
    return SiteOutcome(features={"seen": True})


def test_a_complete_scan_is_not_partial(site: str) -> None:
    [report] = run_scan(_config(site), checks=())
    out = report.to_json()
    assert out["partial"] is False and out["partial_reasons"] == []
    assert report.stats["failures"] == 0
