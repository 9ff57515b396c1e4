"""The second farm's https:// sites: what the server answers is what the truth says, and the
scanner's security checks, trusting the farm's certificate authority as the TLS tests trust
theirs, find exactly the planted findings on a small farm of its own."""

from __future__ import annotations

import datetime as dt
import http.client
import ssl
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest

from ceping.scan import ScanConfig, run_scan
from ceping.scan.checks import hsts, https, ipv6, mixed, tls
from ceping.scan.hostmap import parse_pin
from ceping.scan.tls import probe_tls, tls_problems
from ceping.sitefarm.cms import CmsFarm, build_cms_farm
from ceping.sitefarm.cms.accuracy import ALL_SPLITS, score
from ceping.sitefarm.cms.security import make_security_plan, weak_tls_reasons
from ceping.sitefarm.farm import IPV6_ANSWERS, IPV6_NONE
from ceping.sitefarm.server import FarmServer, free_port

SECURITY_KINDS = ("no_https_redirect", "no_hsts", "weak_tls", "mixed_content", "no_ipv6")


@pytest.fixture(scope="module")
def small_farm() -> Iterator[tuple[CmsFarm, FarmServer]]:
    farm = build_cms_farm(sites=12, pages_per_site=40, port=free_port(), dead_port=free_port())
    server = FarmServer(farm.farm).start()
    yield farm, server
    server.stop()


def _trust(server: FarmServer) -> ssl.SSLContext:
    assert server.ca_file is not None
    return ssl.create_default_context(cafile=server.ca_file)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]


def _get(host: str, port: int, secure: ssl.SSLContext | None, netloc: str = "") -> Answer:
    if secure is None:
        conn: http.client.HTTPConnection = http.client.HTTPConnection(host, port, timeout=10)
    else:
        conn = http.client.HTTPSConnection(host, port, timeout=10, context=secure)
    with closing(conn):
        conn.request("GET", "/", headers={"Host": netloc} if netloc else {})
        resp = conn.getresponse()
        resp.read()
        return Answer(resp.status, dict(resp.getheaders()))


def test_sites_answer_both_schemes_on_one_port_as_planned(
    small_farm: tuple[CmsFarm, FarmServer],
) -> None:
    farm, _ = small_farm
    lenient = ssl.create_default_context()
    lenient.check_hostname, lenient.verify_mode = False, ssl.CERT_NONE
    seen = set()
    for site in farm.sites:
        plain = _get(site.host, site.port, None, site.netloc)
        if site.tls is None:
            assert site.base.startswith("http://") and plain.status == 200
            continue
        assert site.base.startswith("https://")
        if site.tls.redirect:
            assert (plain.status, plain.headers.get("Location")) == (301, f"{site.base}/")
        else:
            assert plain.status == 200
        secure = _get(site.host, site.port, lenient, site.netloc)
        assert secure.status == 200
        assert secure.headers.get("Strict-Transport-Security", "") == site.tls.hsts
        assert secure.headers.get("Content-Security-Policy", "") == site.tls.csp
        seen.add(site.tls.redirect)
    assert seen == {True, False}


def test_each_certificate_and_protocol_shows_the_planted_weakness(
    small_farm: tuple[CmsFarm, FarmServer],
) -> None:
    farm, server = small_farm
    now = dt.datetime.now(dt.UTC)
    judged = 0
    for site in farm.sites:
        if site.tls is None:
            continue
        name = site.domain or site.host  # a named site's certificate is for its name
        probe = probe_tls(name, [(site.host, site.port)], lambda: _trust(server), 10.0)
        assert probe is not None
        assert list(tls_problems(probe, now)) == weak_tls_reasons(site.tls), site.tls
        judged += 1
    assert judged >= 6


def test_the_outside_host_answers_https_but_is_linked_as_http(
    small_farm: tuple[CmsFarm, FarmServer],
) -> None:
    farm, server = small_farm
    outside = farm.farm.external
    assert outside.base.startswith("http://")
    assert _get(outside.host, outside.port, _trust(server)).status == 404  # its home: nothing
    assert _get(outside.host, outside.port, None).status == 404


def test_named_sites_answer_over_ipv6_as_planned(small_farm: tuple[CmsFarm, FarmServer]) -> None:
    farm, _ = small_farm
    lenient = ssl.create_default_context()
    lenient.check_hostname, lenient.verify_mode = False, ssl.CERT_NONE
    seen = set()
    for site in farm.sites:
        if not site.domain or site.ipv6 == IPV6_NONE:
            assert "::1" not in site.pin
            continue
        secure = lenient if site.tls is not None else None
        answer = _get("::1", site.port, secure, site.netloc)
        assert (answer.status, site.ipv6) == (200, IPV6_ANSWERS)
        seen.add(site.tls is not None)
    assert seen == {True, False}  # plain HTTP and TLS (its certificate chosen by name) alike


def test_plans_cover_every_certificate_fault_and_asset_scheme() -> None:
    plans = [make_security_plan(2025, i) for i in range(60)]
    certs = {p.tls.cert for p in plans if p.tls is not None}
    assert certs == {"valid", "expired", "self_signed", "wrong_name", "untrusted"}
    assert {p.tls.protocols for p in plans if p.tls is not None} == {
        "modern",
        "old_only",
        "accepts_old",
    }
    assert {p.assets for p in plans if p.tls is not None} == {"http", "https", "relative"}
    assert any(p.tls is None for p in plans)


def test_the_security_checks_find_exactly_what_the_farm_plants(
    small_farm: tuple[CmsFarm, FarmServer],
) -> None:
    farm, server = small_farm
    trusted = tls.make_check(lambda: _trust(server))
    checks = (https.CHECK, hsts.CHECK, trusted, mixed.CHECK, ipv6.CHECK)
    config = ScanConfig(
        urls=tuple(farm.start_urls),
        as_of=farm.as_of,
        allow_private=True,
        check_typos=False,
        timeout_s=10.0,
        pins=tuple(parse_pin(pin) for pin in farm.farm.pins),
    )
    reports = run_scan(config, checks=checks)
    found = [
        {**f.to_json(), "site": s.index, "split": s.split}
        for s, r in zip(farm.sites, reports, strict=True)
        for f in r.findings
    ]
    tallies = score(found, farm.truth(), SECURITY_KINDS)
    for kind in SECURITY_KINDS:
        t = tallies[ALL_SPLITS, kind]
        assert (t.misses, t.false_alarms) == (set(), set()), kind
        assert t.hits, kind
