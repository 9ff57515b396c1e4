"""Security posture checks: HTTP sent on to HTTPS, HSTS, TLS, mixed content and IPv6.

Sites are served on loopback with certificates made here (trustme): a trusted one for clean
cases, and expired, not yet valid, self-signed, untrusted, wrong-name and TLS 1.1 ones. One
server answers both plain HTTP and TLS on the same port (it looks at the first byte), as a
real site answers http:// and https:// on the same host name.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import socket
import ssl
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme
from aiohttp import web

from ceping.cli import build_parser
from ceping.cli.scan_checks import security_switches
from ceping.scan import ScanConfig, SiteReport, run_scan
from ceping.scan.checks import hsts, https, ipv6, mixed, tls
from ceping.scan.checks.base import Check
from ceping.scan.fetch import Response
from ceping.scan.models import IMAGE, PAGE_LINK, SCRIPT, STYLESHEET, Finding, Link, PageResult
from ceping.scan.pages import page_from_response
from ceping.scan.tls import Certificate, TlsProbe, TrustStore, probe_tls, read_certificate
from ceping.vocabulary import evidence_items
from tests.commands import run_ceping
from tests.threaded_http import HTML, QuietHandler, serve_threaded
from tests.web.loopback import serve_handler

NOW = dt.datetime.now(dt.UTC)
CA = trustme.CA()
OTHER_CA = trustme.CA()  # a certificate authority no trust store here holds
LOOPBACK = ("127.0.0.1", "localhost")


def trusting(ca: trustme.CA) -> TrustStore:
    def make() -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        ca.configure_trust(ctx)
        return ctx

    return make


def server_context(
    cert: trustme.LeafCert, *, old_only: bool = False, accept_old: bool = False
) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(ctx)
    if old_only or accept_old:
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            if old_only:
                ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    return ctx


@dataclass(frozen=True)
class Plan:
    """How the dual server answers: its plain HTTP home, its HSTS header, its https pages."""

    plain: str = "page"  # "page", "redirect" (301 to https://) or "refresh" (meta refresh)
    hsts: str = ""
    extra: str = ""  # HTML added to the https:// home page
    secure_status: int = 200  # the status of every https:// answer
    plain_extra: str = ""  # HTML added to the http:// pages
    csp: str = ""  # the Content-Security-Policy header of the https:// pages


def _page(body: str) -> bytes:
    return f"<html><head><title>测试</title></head><body>{body}</body></html>".encode()


@contextmanager
def dual_site(ctx: ssl.SSLContext | None, plan: Plan = Plan()) -> Iterator[int]:
    """A site answering http:// and (when `ctx`) https:// on one port; yields the port."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self.answer(with_body=True)

        def do_HEAD(self) -> None:
            self.answer(with_body=False)

        def answer(self, with_body: bool) -> None:
            secure = isinstance(self.connection, ssl.SSLSocket)
            to_https = f"https://{self.headers.get('Host')}/"
            if not secure and plan.plain == "redirect":
                self.send_response(301)
                self.send_header("Location", to_https)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = '<a href="/a.html">政务公开</a>'
            if secure:
                body += plan.extra.replace("{port}", str(self.server.server_address[1]))
            if not secure and plan.plain == "refresh":
                body = f'<meta http-equiv="refresh" content="0; url={to_https}">'
            if not secure:
                body += plan.plain_extra
            data = _page(body)
            self.send_response(plan.secure_status if secure else 200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if secure and plan.hsts:
                self.send_header("Strict-Transport-Security", plan.hsts)
            if secure and plan.csp:
                self.send_header("Content-Security-Policy", plan.csp)
            self.end_headers()
            if with_body:
                self.wfile.write(data)

    class Server(ThreadingHTTPServer):
        def get_request(self) -> tuple[socket.socket, object]:
            sock, addr = super().get_request()
            sock.settimeout(5)
            if ctx is not None and sock.recv(1, socket.MSG_PEEK) == b"\x16":  # a ClientHello
                return ctx.wrap_socket(sock, server_side=True), addr
            return sock, addr

    with serve_threaded(Handler, Server) as base:
        yield int(base.rsplit(":", 1)[1].strip("/"))


def scan_one(url: str, *checks: Check, **overrides: object) -> SiteReport:
    values: dict[str, object] = {
        "urls": (url,),
        "allow_private": True,
        "check_typos": False,
        "check_resources": False,
        "timeout_s": 5.0,
        "attempts": 1,
        "home_attempts": 1,
        "backoff_s": 0.01,
    }
    values.update(overrides)
    [report] = run_scan(ScanConfig(**values), checks=checks)  # type: ignore[arg-type]
    return report


def of_kind(report: SiteReport, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


# -- no_https_redirect ---------------------------------------------------------------------


def test_an_http_home_that_serves_the_site_while_https_answers_is_reported() -> None:
    with dual_site(server_context(CA.issue_cert(*LOOPBACK))) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert [f.to_json() for f in report.findings] == [
        {"kind": "no_https_redirect", "page": f"http://127.0.0.1:{port}/", "status": 200}
    ]
    assert report.features["https"] is True


@pytest.mark.parametrize("plain", ["redirect", "refresh"])
def test_an_http_home_sent_on_to_https_is_clean(plain: str) -> None:
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), Plan(plain=plain)) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert report.reachable and report.findings == ()


def test_an_https_side_that_serves_no_site_asks_for_no_redirect() -> None:
    plan = Plan(secure_status=404)
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), plan) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert report.findings == () and report.features["https"] is True


# Ways government templates send a reader on with a script (see checks/https.py).
SCRIPT_REDIRECTS = (
    (
        '<script>if (location.protocol != "https:") { location.href = "https:" +'
        " window.location.href.substring(window.location.protocol.length); }</script>"
    ),
    (
        "<SCRIPT type='text/javascript'>var protocol = 'https:';"
        " window.location.replace(protocol + '//' + location.host + '/');</SCRIPT>"
    ),
    '<script>window.location.protocol = "https:";</script>',
)
# Scripts that navigate elsewhere, and https: named only in another script: no redirect.
NOT_REDIRECTS = (
    (
        '<script>function go() { location.href = "/search?q=" + q; }</script>'
        '<script>var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js";'
        "</script>"
    ),
    '<script>if (location.protocol == "https:") { track(); }</script>',
)


@pytest.mark.parametrize("script", SCRIPT_REDIRECTS)
def test_a_script_sending_the_reader_to_https_is_a_redirect(script: str) -> None:
    assert https.scripts_redirect_to_https(_page(script))
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), Plan(plain_extra=script)) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert report.findings == ()


@pytest.mark.parametrize("script", NOT_REDIRECTS)
def test_scripts_that_do_not_send_the_reader_to_https_leave_the_finding(script: str) -> None:
    assert not https.scripts_redirect_to_https(_page(script))
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), Plan(plain_extra=script)) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert [f.kind for f in report.findings] == ["no_https_redirect"]


def test_unclosed_script_tags_are_read_in_linear_time() -> None:
    hostile = b"<script>location.href = 1;" * 200_000  # 5 MB of openings, none closed
    started = time.monotonic()
    assert not https.scripts_redirect_to_https(hostile)
    assert time.monotonic() - started < 1.0


def test_a_site_without_https_is_no_https_only_never_also_no_redirect() -> None:
    with dual_site(None) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK)
    assert [f.kind for f in report.findings] == ["no_https"]


def test_a_site_given_as_https_has_its_http_home_checked_too() -> None:
    with dual_site(server_context(CA.issue_cert(*LOOPBACK))) as port:
        report = scan_one(f"https://127.0.0.1:{port}/", https.CHECK)
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), Plan(plain="redirect")) as port2:
        clean = scan_one(f"https://127.0.0.1:{port2}/", https.CHECK)
    assert [(f.kind, f.page, f.get("status")) for f in report.findings] == [
        ("no_https_redirect", f"http://127.0.0.1:{port}/", 200)
    ]
    assert clean.findings == ()


def test_the_redirect_switch_turns_off_no_https_redirect_and_leaves_no_https() -> None:
    with dual_site(server_context(CA.issue_cert(*LOOPBACK))) as port:
        off = scan_one(f"http://127.0.0.1:{port}/", https.CHECK, check_https_redirect=False)
    with dual_site(None) as port:
        plain = scan_one(f"http://127.0.0.1:{port}/", https.CHECK, check_https_redirect=False)
        quiet = scan_one(f"http://127.0.0.1:{port}/", https.CHECK, check_https=False)
    assert off.findings == ()
    assert [f.kind for f in plain.findings] == ["no_https"]
    assert quiet.findings == ()  # no https: the redirect check has nothing to ask for either


# -- no_hsts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("", "no_header"),
        ("max-age=0", "max_age_zero"),
        ("max-age=0; includeSubDomains", "max_age_zero"),
        ("includeSubDomains", "no_max_age"),
        ("max-age=abc", "no_max_age"),
        ("max-age=-5", "no_max_age"),
        ("max-age=31536000; includeSubDomains; preload", None),
        ('Max-Age="600"', None),
        (" includeSubDomains ; max-age = 63072000 ", None),
    ],
)
def test_hsts_header_reading(header: str, reason: str | None) -> None:
    assert hsts.hsts_problem(header) == reason


@pytest.mark.parametrize(
    ("header", "reason"), [("", "no_header"), ("max-age=0", "max_age_zero"), ("max-age=600", None)]
)
def test_hsts_is_read_from_the_https_home(header: str, reason: str | None) -> None:
    plan = Plan(plain="redirect", hsts=header)
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), plan) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", https.CHECK, hsts.CHECK)
    found = of_kind(report, "no_hsts")
    assert [f.get("reason") for f in found] == ([reason] if reason else [])
    if reason:
        assert found[0].page == f"https://127.0.0.1:{port}/"
        assert found[0].get("header") == header


def test_no_hsts_is_not_judged_on_a_site_without_https() -> None:
    with dual_site(None) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", hsts.CHECK)
    assert report.findings == ()


# -- weak_tls ------------------------------------------------------------------------------


TRUST_CA = trusting(CA)


def tls_findings(ctx: ssl.SSLContext, trust: TrustStore = TRUST_CA) -> list[Finding]:
    with dual_site(ctx, Plan(plain="redirect", hsts="max-age=600")) as port:
        report = scan_one(f"https://127.0.0.1:{port}/", tls.make_check(trust))
    # A bad certificate is a finding, not a lost site: the crawl read both pages.
    assert report.reachable and report.pages == 2
    return of_kind(report, "weak_tls")


def test_a_trusted_valid_certificate_on_tls_12_or_later_is_clean() -> None:
    assert tls_findings(server_context(CA.issue_cert(*LOOPBACK))) == []


def test_an_expired_certificate_is_weak_tls_with_its_dates() -> None:
    cert = CA.issue_cert(
        *LOOPBACK,
        common_name="www.example.gov.cn",
        not_before=NOW - dt.timedelta(days=400),
        not_after=NOW - dt.timedelta(days=2),
    )
    [found] = tls_findings(server_context(cert))
    assert found.get("reason") == "expired"
    assert found.get("not_after") == (NOW - dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert "CN=www.example.gov.cn" in found.get("subject")
    assert found.get("protocol") in ("TLSv1.2", "TLSv1.3")
    assert "127.0.0.1" in found.get("names")
    shown = dict(evidence_items(found.to_json()))
    assert shown["判断依据"] == "证书已过期"


def test_a_certificate_not_yet_valid_is_weak_tls() -> None:
    cert = CA.issue_cert(
        *LOOPBACK, not_before=NOW + dt.timedelta(days=3), not_after=NOW + dt.timedelta(days=90)
    )
    assert [f.get("reason") for f in tls_findings(server_context(cert))] == ["not_yet_valid"]


def test_a_self_signed_certificate_is_weak_tls() -> None:
    # A certificate authority's own certificate is signed by its own key.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with OTHER_CA.cert_pem.tempfile() as cert_path, OTHER_CA.private_key_pem.tempfile() as key:
        ctx.load_cert_chain(cert_path, key)
    reasons = [f.get("reason") for f in tls_findings(ctx)]
    assert reasons == ["self_signed"]


def test_a_certificate_from_an_authority_not_trusted_is_weak_tls() -> None:
    cert = OTHER_CA.issue_cert(*LOOPBACK)
    [found] = tls_findings(server_context(cert))
    assert found.get("reason") == "untrusted_chain"
    assert found.get("issuer") != found.get("subject")


def test_a_certificate_for_another_name_is_weak_tls() -> None:
    cert = CA.issue_cert("www.other.gov.cn")
    [found] = tls_findings(server_context(cert))
    assert found.get("reason") == "wrong_name"
    assert found.get("names") == "www.other.gov.cn"


def test_a_server_speaking_only_tls_11_is_weak_tls() -> None:
    cert = CA.issue_cert(*LOOPBACK)
    [found] = tls_findings(server_context(cert, old_only=True))
    assert (found.get("reason"), found.get("protocol")) == ("old_protocol", "TLSv1.1")


def test_a_server_still_accepting_tls_11_beside_13_is_weak_tls() -> None:
    cert = CA.issue_cert(*LOOPBACK)
    [found] = tls_findings(server_context(cert, accept_old=True))
    assert found.get("reason") == "accepts_old_protocol"
    assert found.get("protocol") == "TLSv1.3（亦接受 TLSv1.1）"


def test_the_probe_judges_the_first_address_that_answers() -> None:
    # An IPv6 address first in the list, where nothing listens (a machine without IPv6, say).
    with dual_site(server_context(CA.issue_cert(*LOOPBACK))) as port:
        probe = probe_tls("127.0.0.1", [("::1", port), ("127.0.0.1", port)], TRUST_CA, 5.0)
        nowhere = probe_tls("127.0.0.1", [("::1", port)], TRUST_CA, 5.0)
    assert probe is not None and probe.verify_code == 0 and nowhere is None


def test_tls_and_hsts_of_an_https_side_that_serves_no_site_are_not_judged() -> None:
    # Another host's default set-up on port 443: its certificate names another site.
    plan = Plan(secure_status=404)
    with dual_site(server_context(CA.issue_cert("www.other.gov.cn")), plan) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", tls.make_check(TRUST_CA), hsts.CHECK)
    # The same certificate on a site served over https:// is weak_tls (see wrong_name above).
    assert report.findings == ()


def test_a_site_without_https_gets_no_weak_tls() -> None:
    with dual_site(None) as port:
        report = scan_one(f"http://127.0.0.1:{port}/", tls.make_check(TRUST_CA))
    assert report.findings == ()


def test_an_expired_self_signed_certificate_shows_both_faults() -> None:
    # OpenSSL names one fault per handshake; the dates are read from the certificate too.
    expired = TlsProbe("TLSv1.2", "x", _cert(NOW - dt.timedelta(days=9)), 18, None)
    assert [f.get("reason") for f in tls.weak_tls_findings("https://a/", expired, NOW)] == [
        "expired",
        "self_signed",
    ]
    assert tls.weak_tls_findings("https://a/", TlsProbe("TLSv1.3", "x", None, 0, None), NOW) == ()


def test_bytes_that_are_no_certificate_give_no_evidence() -> None:
    pem = CA.issue_cert("a.gov.cn").cert_chain_pems[0].bytes()
    assert read_certificate(pem) is None  # PEM text, not the DER a handshake gives


def _cert(not_after: dt.datetime) -> Certificate:
    return Certificate("CN=a", "CN=a", not_after - dt.timedelta(days=90), not_after, ("a",))


# -- mixed_content -------------------------------------------------------------------------


def _loads(url: str, *links: Link) -> list[tuple[str, str, str]]:
    page = PageResult(url=url, depth=0, status=200, final_url=url, is_html=True, links=links)
    return [(link.url, link.kind, content) for link, content in mixed.insecure_loads(page)]


LOADS = (
    Link("http://cdn.example.cn/jquery.js", tag="script", kind=SCRIPT),
    Link("http://cdn.example.cn/site.css", tag="link", kind=STYLESHEET),
    Link("http://img.example.cn/logo.png", tag="img", kind=IMAGE),
    Link("http://www.example.cn/other.html", tag="a", kind=PAGE_LINK),
    Link("https://cdn.example.cn/safe.js", tag="script", kind=SCRIPT),
)


def test_an_https_page_loading_http_resources_is_mixed_content_active_or_passive() -> None:
    assert _loads("https://www.example.gov.cn/", *LOADS) == [
        ("http://cdn.example.cn/jquery.js", "script", "active"),
        ("http://cdn.example.cn/site.css", "stylesheet", "active"),
        ("http://img.example.cn/logo.png", "image", "passive"),
    ]


def test_an_http_page_or_https_only_loads_are_not_mixed_content() -> None:
    assert _loads("http://www.example.gov.cn/", *LOADS) == []
    assert _loads("https://www.example.gov.cn/", LOADS[3], LOADS[4]) == []


# The footer badges of many government CMS templates (党政机关网站标识, 政府网站找错), as public
# site templates write them (code search: src="http://dcs.conac.cn/js/").
FOOTER = (
    '<span id="_ideConac"></span><script src="{scheme}dcs.conac.cn/js/01/014/0000/60438189/'
    'CA010140000604381890000.js" type="text/javascript"></script>'
    '<script id="_jiucuo_" sitecode="4100000001" '
    'src="{scheme}pucha.kaipuyun.cn/exposure/jiucuo.js"></script>'
)


def _parsed(url: str, footer: str) -> PageResult:
    body = f"<html><body><p>首页</p>{footer}</body></html>".encode()
    return page_from_response(Response(url, url, 200, None, HTML, body), 0, NOW.date())


def test_template_badges_loaded_over_http_are_active_mixed_content() -> None:
    url = "https://www.example.gov.cn/"
    found = list(mixed.insecure_loads(_parsed(url, FOOTER.format(scheme="http://"))))
    assert [(link.url.split("/")[2], content) for link, content in found] == [
        ("dcs.conac.cn", "active"),
        ("pucha.kaipuyun.cn", "active"),
    ]
    # Protocol-relative addresses load over the page's own https://.
    assert list(mixed.insecure_loads(_parsed(url, FOOTER.format(scheme="//")))) == []


MIXED = (
    '<script src="http://127.0.0.1:{port}/js/a.js"></script>'
    '<img src="http://127.0.0.1:{port}/i.png">'
)
UPGRADE_META = '<meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">'


def mixed_findings(plan: Plan) -> list[tuple[str, str, str]]:
    """(page, resource, content) of each mixed_content finding, the port written as PORT."""
    with dual_site(server_context(CA.issue_cert(*LOOPBACK)), plan) as port:
        report = scan_one(f"https://127.0.0.1:{port}/", mixed.CHECK)
    assert report.pages == 2
    found = of_kind(report, "mixed_content")
    assert all(dict(evidence_items(f.to_json()))["内容类别"] for f in found)
    mark = str(port)
    return [
        (f.page.replace(mark, "PORT"), f.get("url").replace(mark, "PORT"), f.get("content"))
        for f in found
    ]


def test_mixed_content_of_a_template_is_reported_once_on_its_first_page() -> None:
    assert sorted(mixed_findings(Plan(extra=MIXED))) == [  # both pages of the site load them
        ("https://127.0.0.1:PORT/", "http://127.0.0.1:PORT/i.png", "passive"),
        ("https://127.0.0.1:PORT/", "http://127.0.0.1:PORT/js/a.js", "active"),
    ]


@pytest.mark.parametrize(
    "plan",
    [
        Plan(extra=UPGRADE_META + MIXED),
        Plan(extra=MIXED, csp="default-src https: 'unsafe-inline'; upgrade-insecure-requests"),
    ],
)
def test_a_policy_that_upgrades_insecure_requests_leaves_no_mixed_content(plan: Plan) -> None:
    assert mixed_findings(plan) == []


def test_a_policy_without_upgrade_leaves_the_mixed_content() -> None:
    assert len(mixed_findings(Plan(extra=MIXED, csp="default-src https: http:"))) == 2


# -- no_ipv6 -------------------------------------------------------------------------------


async def to_loopback6(host: str, port: int) -> list[str] | None:
    return ["::1"]


async def no_record(host: str, port: int) -> list[str] | None:
    return []


async def resolver_down(host: str, port: int) -> list[str] | None:
    return None


async def _home(request: web.Request) -> web.Response:
    return web.Response(text="<html><body>首页</body></html>", content_type="text/html")


def ipv6_report(resolve: ipv6.Resolve6, hosts: tuple[str, ...]) -> SiteReport:
    with serve_handler(_home, hosts=hosts) as base:
        port = base.rsplit(":", 1)[1]
        return scan_one(f"http://localhost:{port}/", ipv6.make_check(resolve))


def test_a_host_answering_on_its_ipv6_address_is_clean() -> None:
    report = ipv6_report(to_loopback6, ("127.0.0.1", "::1"))
    assert report.findings == () and report.features["ipv6"] is True


def test_a_host_whose_ipv6_address_does_not_answer_is_no_ipv6() -> None:
    report = ipv6_report(to_loopback6, ("127.0.0.1",))
    [found] = report.findings
    assert (found.kind, found.get("reason"), found.get("address")) == (
        "no_ipv6",
        "no_answer",
        "::1",
    )
    assert found.get("error") == "connection refused"


def test_a_host_without_aaaa_record_is_no_ipv6() -> None:
    [found] = ipv6_report(no_record, ("127.0.0.1", "::1")).findings
    assert found.get("reason") == "no_aaaa"


async def _refused_over_ipv6(request: web.Request) -> web.Response:
    peer = request.transport.get_extra_info("peername") if request.transport else None
    if peer is not None and ":" in str(peer[0]):
        return web.Response(status=403, text="forbidden")
    return await _home(request)


def test_a_host_answering_an_error_over_ipv6_is_no_ipv6() -> None:
    with serve_handler(_refused_over_ipv6, hosts=("127.0.0.1", "::1")) as base:
        port = base.rsplit(":", 1)[1]
        report = scan_one(f"http://localhost:{port}/", ipv6.make_check(to_loopback6))
    assert report.reachable
    [found] = report.findings
    assert (found.get("reason"), found.get("status")) == ("error_status", 403)


def test_a_scanner_without_ipv6_judges_nothing_a_refusal_is_the_site_s() -> None:
    assert ipv6.reason_of(OSError(errno.ENETUNREACH, "Network is unreachable")) is None
    assert ipv6.reason_of(OSError(errno.EADDRNOTAVAIL, "Cannot assign")) is None
    assert ipv6.reason_of(ConnectionRefusedError(errno.ECONNREFUSED, "refused")) == (
        "connection refused"
    )
    assert ipv6.reason_of(TimeoutError()) == "timeout"


def test_nothing_is_judged_when_resolution_fails_or_the_site_is_an_ipv4_address() -> None:
    assert ipv6_report(resolver_down, ("127.0.0.1",)).findings == ()
    with serve_handler(_home) as base:
        assert scan_one(base + "/", ipv6.make_check(no_record)).findings == ()


# -- switches and the command line ----------------------------------------------------------


def test_each_security_check_has_its_switch() -> None:
    off = ScanConfig(
        urls=("https://a/",),
        check_https_redirect=False,
        check_hsts=False,
        check_tls=False,
        check_mixed_content=False,
        check_ipv6=False,
    )
    on = ScanConfig(urls=("https://a/",))
    for check in (hsts.CHECK, tls.CHECK, mixed.CHECK, ipv6.CHECK):
        assert check.enabled(on) and not check.enabled(off)
    args = build_parser().parse_args(
        ["scan", "https://a/", "--json", "x", "--no-hsts", "--no-ipv6"]
    )
    assert security_switches(args) == {"check_hsts": False, "check_ipv6": False}
    plain = build_parser().parse_args(["scan", "https://a/", "--json", "x"])
    assert security_switches(plain) == {}


def test_ceping_scan_of_a_loopback_https_site_reports_its_security_posture(
    tmp_path: Path,
) -> None:
    plan = Plan(extra=MIXED)
    with dual_site(server_context(OTHER_CA.issue_cert(*LOOPBACK)), plan) as port:
        out = tmp_path / "scan.json"
        done = run_ceping(
            tmp_path, "scan", f"https://127.0.0.1:{port}/", "--json", str(out),
            "--allow-private", "--no-typos", "--quiet", "--timeout", "5",
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [site] = json.loads(out.read_text(encoding="utf-8"))["sites"]
    assert site["reachable"] is True
    kinds = {f["kind"]: f for f in site["findings"]}
    assert kinds["weak_tls"]["reason"] == "untrusted_chain"
    assert kinds["no_hsts"] == {
        "kind": "no_hsts",
        "page": f"https://127.0.0.1:{port}/",
        "reason": "no_header",
        "header": "",
    }
    assert kinds["no_https_redirect"]["page"] == f"http://127.0.0.1:{port}/"
    mixed_found = [f for f in site["findings"] if f["kind"] == "mixed_content"]
    assert sorted((f["url"], f["content"]) for f in mixed_found) == [
        (f"http://127.0.0.1:{port}/i.png", "passive"),
        (f"http://127.0.0.1:{port}/js/a.js", "active"),
    ]
    assert "no_ipv6" not in kinds  # a site given by an IPv4 address is not judged
