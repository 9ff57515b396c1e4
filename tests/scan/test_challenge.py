"""Script challenges: a first visit answered with a script that sets a cookie and reloads. Never
judged broken, blank or stale from the challenge; passed in Chromium when the scan may render,
else reported as a page that needs script verification and was not checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiohttp import web

from ceping.scan import ScanConfig, run_scan
from ceping.scan.challenge import is_challenge, is_challenge_html
from ceping.scan.fetch import Response
from ceping.scan.render import is_available
from ceping.vocabulary import label_of
from tests.web.loopback import serve_handler

AS_OF = dt.date(2026, 6, 30)
# The two WAF shapes: 瑞数 answers 412 with a page of scripts only (a token in a meta, an inline
# bootstrap, an external script); 加速乐 answers 521 with a script that builds the cookie from
# pieces and goes back to the page. Modelled on their published behaviour, nothing copied.
RUISHU_LIKE = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    'charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="Zm9vYmFyYmF6cXV4">'
    "<script type=\"text/javascript\">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=33041;"
    '$_ts.cd=\'qqqqqqqqqqqq\';</script><script type="text/javascript" charset="utf-8" '
    'src="/4QbVtADbnLVIc/c.FxJzG50F.0b3a8e.js"></script></head><body></body></html>'
)
JIASULE_LIKE = (
    "<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+"
    "('e')+('a')+('r')+('a')+('n')+('c')+('e')+('=')+(1+1)+('6')+'|0|'+('x')+"
    "';Expires=Mon, 07-Dec-26 04:00:00 GMT;Path=/;';location.href=location.pathname+"
    "location.search</script></body></html>"
)
COOKIE_RELOAD = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>'
    "<noscript>请开启浏览器的JavaScript功能后访问本站</noscript><script>var v = 6 * 7;"
    'document.cookie = "wafpass=" + v + "; path=/"; location.reload();</script></body></html>'
)


def _answer(status: int, html: str) -> Response:
    url = "http://www.a.gov.cn/"
    return Response(url, url, status, None, "text/html; charset=utf-8", html.encode("utf-8"))


@pytest.mark.parametrize(
    ("status", "html"),
    [(412, RUISHU_LIKE), (521, JIASULE_LIKE), (200, JIASULE_LIKE), (200, COOKIE_RELOAD)],
    ids=["412-scripts-only", "521-cookie-pieces", "200-cookie-pieces", "200-cookie-reload"],
)
def test_script_challenges_are_recognised(status: int, html: str) -> None:
    assert is_challenge(_answer(status, html))


@pytest.mark.parametrize(
    ("status", "html"),
    [
        # A page with content whose font-size switch sets a cookie and reloads.
        (
            200,
            (
                "<html><body><h1>某市人民政府</h1><a href='/gzdt/'>工作动态</a><p>欢迎访问</p>"
                "<script>function big(){document.cookie='font=big';location.reload();}</script>"
            ),
        ),
        # A script-only 200 page that sets no cookie: analytics, a redirect to /cn/.
        (200, "<html><body><script>var _hmt = _hmt || [];</script></body></html>"),
        (200, "<html><body><script>location.href = '/cn/';</script></body></html>"),
        # An error page with words, and a 412 that is not a page of scripts.
        (404, "<html><body><script>document.cookie='a=1';location.reload();</script></body>"),
        (412, "<html><body><h1>Precondition Failed</h1><p>请求条件不满足。" + "说明" * 40),
        # The same shape, too big to be a challenge (a page of scripts, the site's whole app).
        (412, "<html><body><script>" + "var a=1;" * 60_000 + "</script></body></html>"),
    ],
    ids=["content", "analytics", "redirect", "404", "412-with-text", "huge"],
)
def test_pages_that_are_no_challenge(status: int, html: str) -> None:
    assert not is_challenge(_answer(status, html))


def test_a_challenge_says_a_few_words_at_most() -> None:
    assert is_challenge_html("<html><body><p>正在验证，请稍候…</p>" + COOKIE_RELOAD[60:])
    long_text = "<p>" + "本站正在进行安全检查" * 10 + "</p>"
    assert not is_challenge_html(COOKIE_RELOAD.replace("<noscript>", long_text + "<noscript>"))


# --- a loopback site behind a real challenge ---------------------------------------------------

HOME = (
    "<html><head><title>某市人民政府</title></head><body><ul class='nav'>"
    "<li><a href='/'>首页</a></li><li><a href='/tzgg/index.html'>通知公告</a></li></ul>"
    "<p>欢迎访问某市人民政府网站</p><a href='/gone.html'>相关链接</a></body></html>"
)
BLANK = (
    "<html><head><title>通知公告_某市人民政府</title></head><body><h2>通知公告</h2>"
    "<div class='list'><p>暂无信息</p></div></body></html>"
)
PAGES = {"/": HOME, "/tzgg/index.html": BLANK}


@contextmanager
def _guarded(
    status: int,
    pages: dict[str, str] = PAGES,
    always: tuple[str, ...] = (),
    browser_only: bool = False,
) -> Iterator[str]:
    """A site whose WAF answers every request without its cookie (and those under `always`,
    whatever the cookie; and, `browser_only`, any but a browser's) with a script that computes
    the cookie (6 × 7) and reloads; with the cookie, the site's own pages (or a 404)."""

    async def handle(request: web.Request) -> web.Response:
        passes = request.cookies.get("wafpass") == "42" and (
            not browser_only or "Chrome" in request.headers.get("User-Agent", "")
        )
        if not passes or request.path.startswith(always):
            return web.Response(status=status, text=COOKIE_RELOAD, content_type="text/html")
        body = pages.get(request.path)
        if body is None:
            return web.Response(status=404, text="not found")
        return web.Response(text=body, content_type="text/html")

    with serve_handler(handle) as base:
        yield f"{base}/"


def _scan(status: int, **overrides: Any) -> tuple[list[dict[str, Any]], dict[str, Any], bool]:
    with _guarded(status) as url:
        values: dict[str, Any] = {
            "urls": (url,), "as_of": AS_OF, "allow_private": True, "check_typos": False,
            "check_https": False, "check_external": False, "backoff_s": 0.05, "render_pages": 0,
        }  # fmt: skip
        (report,) = run_scan(ScanConfig(**{**values, **overrides}))
    out = report.to_json()
    found = [
        {k: v.replace(url, "/") if isinstance(v, str) else v for k, v in f.items()}
        for f in out["findings"]
    ]
    return found, out["features"], out["reachable"]


@pytest.mark.parametrize("status", [412, 200])
def test_without_a_browser_the_site_is_reported_unchecked_never_judged(status: int) -> None:
    found, features, reachable = _scan(status)
    assert found == [{"kind": "script_challenge", "page": "/", "status": status, "page_count": 1}]
    assert reachable and features["unchecked"] is True
    assert (features["search"], features["english"], set(features["sections"].values())) == (
        None,
        None,
        {None},
    )
    assert label_of("script_challenge") == "需要脚本验证，未能检查"


@pytest.mark.skipif(
    not is_available("/usr/bin/chromium"),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)
def test_with_a_browser_the_challenge_is_passed_and_the_site_checked() -> None:
    found, features, _ = _scan(412, render_pages=3, render_seconds=60.0)
    kinds = sorted((f["kind"], f.get("page", ""), f.get("url", "")) for f in found)
    assert ("blank_column", "/tzgg/index.html", "") in kinds
    assert ("broken_link", "/", "/gone.html") in kinds
    assert not [k for k in kinds if k[0] == "script_challenge"]
    assert [p.rsplit("/", 1)[-1] for p in features["challenge_pages"]] == [""]


@pytest.mark.skipif(
    not is_available("/usr/bin/chromium"),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)
def test_links_the_waf_still_answers_412_are_no_broken_links() -> None:
    """Pictures the WAF keeps challenging (412 whatever the cookie): its answer, not a dead
    link; a real 404 of the same site still is one."""
    pages = {**PAGES, "/": HOME.replace("</body>", "<img src='/img/a.png' alt='图'></body>")}
    with _guarded(412, pages, always=("/img/",)) as url:
        config = ScanConfig(
            urls=(url,), as_of=AS_OF, allow_private=True, check_typos=False, check_https=False,
            check_external=False, backoff_s=0.05, render_pages=3, render_seconds=60.0,
        )  # fmt: skip
        (report,) = run_scan(config)
    found = report.to_json()["findings"]
    broken = sorted(f["url"].replace(url, "/") for f in found if f["kind"] == "broken_link")
    assert broken == ["/gone.html"]


@pytest.mark.skipif(
    not is_available("/usr/bin/chromium"),
    reason="需要 playwright 和 Debian 的 chromium（apt-get install -y chromium）",
)
def test_a_pass_bound_to_the_browser_reads_each_page_as_the_browser_draws_it() -> None:
    with _guarded(412, browser_only=True) as url:
        config = ScanConfig(
            urls=(url,), as_of=AS_OF, allow_private=True, check_typos=False, check_https=False,
            check_external=False, backoff_s=0.05, render_pages=4, render_seconds=60.0,
        )  # fmt: skip
        (report,) = run_scan(config)
    out = report.to_json()
    kinds = {(f["kind"], f.get("page", "").replace(url, "/")) for f in out["findings"]}
    assert {("blank_column", "/tzgg/index.html"), ("broken_link", "/")} <= kinds
    assert not [k for k in kinds if k[0] in ("script_challenge", "unreachable")]
    broken = [f["url"].replace(url, "/") for f in out["findings"] if f["kind"] == "broken_link"]
    assert broken == ["/gone.html"]  # the 404 the browser met behind the challenge
    drawn = sorted(p.replace(url, "/") for p in out["features"]["challenge_pages"])
    assert drawn == ["/", "/gone.html", "/tzgg/index.html"]
