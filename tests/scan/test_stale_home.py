"""首页不更新: planted stale home pages are found, fresh and undated ones are not (on loopback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiohttp import web

from ceping.scan import ScanConfig, run_scan
from ceping.scan.checks.home import header_date
from tests.web.loopback import serve_handler

AS_OF = dt.date(2019, 6, 30)


def _home(*dates: str) -> str:
    items = "".join(
        f'<li><a href="/a{i}.html">要闻{i}</a><span>{d}</span></li>' for i, d in enumerate(dates)
    )
    return f"<html><head><title>首页</title></head><body><ul>{items}</ul></body></html>"


@contextmanager
def _site(body: str, headers: dict[str, str] | None = None) -> Iterator[str]:
    """One site on 127.0.0.1 whose home page is `body`; every other page is a plain page."""

    async def handle(request: web.Request) -> web.Response:
        if request.path == "/robots.txt":
            return web.Response(status=404)
        text = body if request.path == "/" else "<html><body><p>正文</p></body></html>"
        extra = (headers or {}) if request.path == "/" else {}
        return web.Response(text=text, content_type="text/html", headers=extra)

    with serve_handler(handle) as base:
        yield f"{base}/"


def _stale_home(body: str, headers: dict[str, str] | None = None, **config: Any) -> list[dict]:
    with _site(body, headers) as url:
        settings: dict[str, Any] = {
            "urls": (url,),
            "as_of": AS_OF,
            "allow_private": True,
            "check_typos": False,
            "check_https": False,
            "check_external": False,
            "backoff_s": 0.05,
            **config,
        }
        (report,) = run_scan(ScanConfig(**settings))
    found = [f for f in report.to_json()["findings"] if f["kind"] == "stale_home"]
    for finding in found:
        assert finding["page"] == url
    return [{k: v for k, v in f.items() if k not in ("kind", "page")} for f in found]


def test_newest_dated_item_older_than_two_weeks_is_found() -> None:
    assert _stale_home(_home("2019-05-20", "2019-06-01")) == [{"latest": "2019-06-01", "days": 29}]


def test_the_window_is_inclusive_of_fourteen_days() -> None:
    assert _stale_home(_home("2019-06-16")) == []  # 14 days: still within 2 weeks
    assert _stale_home(_home("2019-06-15")) == [{"latest": "2019-06-15", "days": 15}]


def test_chinese_dates_are_read() -> None:
    assert _stale_home(_home("2019年5月31日")) == [{"latest": "2019-05-31", "days": 30}]


def test_fresh_home_is_not_found() -> None:
    assert _stale_home(_home("2019-01-02", "2019-06-28")) == []


def test_dates_after_as_of_do_not_make_a_home_fresh() -> None:
    assert _stale_home(_home("2019-12-31", "2019-06-01")) == [{"latest": "2019-06-01", "days": 29}]


def test_last_modified_alone_is_judged() -> None:
    body = "<html><body><p>欢迎访问</p></body></html>"
    old = {"Last-Modified": "Sat, 01 Jun 2019 08:00:00 GMT"}
    assert _stale_home(body, old) == [{"latest": "2019-06-01", "days": 29}]
    recent = {"Last-Modified": "Tue, 25 Jun 2019 08:00:00 GMT"}
    assert _stale_home(body, recent) == []


def test_a_recent_last_modified_outweighs_old_items() -> None:
    recent = {"Last-Modified": "Tue, 25 Jun 2019 08:00:00 GMT"}
    assert _stale_home(_home("2019-03-01"), recent) == []


def test_undated_home_is_not_judged() -> None:
    assert _stale_home("<html><body><a href='/col/'>栏目</a></body></html>") == []


def test_window_comes_from_the_config() -> None:
    assert _stale_home(_home("2019-06-01"), stale_home_days=30) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sat, 01 Jun 2019 08:00:00 GMT", dt.date(2019, 6, 1)),
        ("", None),
        ("yesterday", None),
    ],
)
def test_header_date(value: str, expected: dt.date | None) -> None:
    assert header_date(value) == expected
