"""Host names pinned to addresses (`--resolve NAME=ADDR,…`): the crawl, the address guard, the
TLS probe and the IPv6 check all ask the pins before any name server. `.test` names (RFC 6761)
resolve nowhere else, so every answer here comes from the pins."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp import web

from ceping.cli import build_parser
from ceping.cli.common import scan_config
from ceping.errors import AddressRefused
from ceping.scan import ScanConfig, SiteReport, run_scan
from ceping.scan.address import AddressGuard
from ceping.scan.checks import ipv6
from ceping.scan.codec import config_from_json, config_to_json
from ceping.scan.hostmap import parse_pin, pinned
from ceping.scan.render import _resolver_rules
from ceping.scan.tls import resolve
from tests.commands import run_ceping
from tests.web.loopback import serve_handler

NAME = "www.pinned-site.test"


async def _pages(request: web.Request) -> web.Response:
    if request.path == "/":
        body = "<html><body><a href='/a.html'>政务公开</a></body></html>"
    else:
        body = "<html><body>第二页</body></html>"
    return web.Response(text=body, content_type="text/html")


def _scan(port: str, pins: tuple[tuple[str, tuple[str, ...]], ...]) -> SiteReport:
    config = ScanConfig(
        urls=(f"http://{NAME}:{port}/",),
        allow_private=True,
        check_typos=False,
        timeout_s=5.0,
        attempts=1,
        home_attempts=1,
        pins=pins,
    )
    [report] = run_scan(config, checks=(ipv6.CHECK,))
    return report


def test_a_pin_is_read_and_a_wrong_one_is_refused() -> None:
    assert parse_pin("WWW.Example.gov.cn.=192.0.2.1, [2001:db8::1]") == (
        "www.example.gov.cn",
        ("192.0.2.1", "2001:db8::1"),
    )
    for bad in ("www.example.gov.cn", "=192.0.2.1", "a.gov.cn=localhost", "a.gov.cn="):
        with pytest.raises(ValueError):
            parse_pin(bad)
    pins = (parse_pin("a.gov.cn=192.0.2.1"),)
    assert pinned(pins, "A.GOV.CN") == ("192.0.2.1",) and pinned(pins, "b.gov.cn") is None


def test_the_command_line_pins_names_and_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = build_parser()
    args = parser.parse_args(
        ["campaign", "scan", "活动", "--resolve", f"{NAME}=127.0.0.1,::1",
         "--resolve", "b.test=10.0.0.1"]
    )  # fmt: skip
    config = scan_config(args, urls=())
    assert config.pins == ((NAME, ("127.0.0.1", "::1")), ("b.test", ("10.0.0.1",)))
    assert config_from_json(json.loads(json.dumps(config_to_json(config)))) == config
    with pytest.raises(SystemExit):
        parser.parse_args(["scan", "http://a/", "--json", "x", "--resolve", "a.gov.cn=本机"])
    assert "应为 主机名=IP地址[,IP地址…]" in capsys.readouterr().err


def test_a_site_by_a_pinned_name_is_crawled_and_answers_on_its_ipv6_address() -> None:
    with serve_handler(_pages, hosts=("127.0.0.1", "::1")) as base:
        port = base.rsplit(":", 1)[1]
        report = _scan(port, ((NAME, ("127.0.0.1", "::1")),))
    assert report.reachable and report.pages == 2
    assert report.findings == () and report.features["ipv6"] is True


def test_a_name_pinned_to_ipv4_only_has_no_aaaa_record() -> None:
    with serve_handler(_pages, hosts=("127.0.0.1", "::1")) as base:
        report = _scan(base.rsplit(":", 1)[1], ((NAME, ("127.0.0.1",)),))
    [found] = report.findings
    assert (found.kind, found.get("reason")) == ("no_ipv6", "no_aaaa")


def test_a_pinned_ipv6_address_that_does_not_answer_is_no_ipv6() -> None:
    with serve_handler(_pages, hosts=("127.0.0.1",)) as base:
        report = _scan(base.rsplit(":", 1)[1], ((NAME, ("127.0.0.1", "::1")),))
    assert report.pages == 2  # the crawl went over IPv4, the pinned address first
    [found] = report.findings
    assert (found.get("reason"), found.get("address")) == ("no_answer", "::1")


def test_the_tls_probe_and_the_guard_follow_the_pins() -> None:
    pins = ((NAME, ("::1", "127.0.0.1")),)
    assert resolve(NAME, 443, True, pins) == [("127.0.0.1", 443), ("::1", 443)]
    assert resolve(NAME, 443, False, pins) == []  # loopback is never dialled unless allowed
    assert resolve(NAME, 443, True) == []  # not pinned: a .test name resolves nowhere


def test_a_name_pinned_to_a_private_address_is_still_refused() -> None:
    async def verdict(addresses: tuple[str, ...]) -> str:
        guard = AddressGuard(allow_private=False, pins=((NAME, addresses),))
        try:
            await guard.check(NAME, 80)
        except AddressRefused:
            return "refused"
        return "allowed"

    assert asyncio.run(verdict(("10.0.0.1",))) == "refused"
    assert asyncio.run(verdict(("1.1.1.1", "::1"))) == "refused"  # every address must be public
    assert asyncio.run(verdict(("1.1.1.1",))) == "allowed"  # judged without a name server


def test_ceping_scan_resolves_through_its_pins(tmp_path: Path) -> None:
    with serve_handler(_pages, hosts=("127.0.0.1",)) as base:
        port = base.rsplit(":", 1)[1]
        out = tmp_path / "scan.json"
        done = run_ceping(
            tmp_path, "scan", f"http://{NAME}:{port}/", "--json", str(out), "--allow-private",
            "--no-typos", "--quiet", "--timeout", "5", "--render-pages", "0",
            "--resolve", f"{NAME}=127.0.0.1",
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [site] = json.loads(out.read_text(encoding="utf-8"))["sites"]
    assert site["reachable"] is True and site["pages"] == 2
    no_ipv6 = [f for f in site["findings"] if f["kind"] == "no_ipv6"]
    assert [f["reason"] for f in no_ipv6] == ["no_aaaa"]


def test_the_browser_is_told_the_pins() -> None:
    pins = ((NAME, ("::1", "127.0.0.1")), ("v6.test", ("::1",)))
    assert _resolver_rules(pins) == [
        f"--host-resolver-rules=MAP {NAME} 127.0.0.1, MAP v6.test [::1]"
    ]
    assert _resolver_rules(()) == []
