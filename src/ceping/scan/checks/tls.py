"""TLS configuration (`weak_tls`): the protocol and the certificate of the site's https:// home.

One finding per reason: a protocol below TLS 1.2 negotiated or still accepted, a certificate
expired, not yet valid, self-signed, from a chain the trust store does not accept, or for
another name. The probe (scan/tls.py) runs in a thread, bounded by its socket timeouts and
by a wait here; the trust store is injectable, so tests trust their own certificate authority.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from urllib.parse import urlsplit

from ceping.scan import policy
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.https import https_answer, serves_https
from ceping.scan.config import ScanConfig
from ceping.scan.models import Finding
from ceping.scan.tls import (
    TlsProbe,
    TrustStore,
    probe_tls,
    resolve,
    system_trust,
    tls_problems,
)

WEAK_TLS = "weak_tls"
_HANDSHAKES = 3  # what one probe may do at most, each within TLS_PROBE_TIMEOUT_S


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def weak_tls_findings(page: str, probe: TlsProbe, now: dt.datetime) -> tuple[Finding, ...]:
    """The findings of one probed https:// address, each with the whole evidence."""
    evidence: dict[str, object] = {"protocol": probe.protocol, "cipher": probe.cipher}
    cert = probe.certificate
    if cert is not None:
        evidence.update(
            subject=cert.subject,
            issuer=cert.issuer,
            not_before=_iso(cert.not_before),
            not_after=_iso(cert.not_after),
            names="、".join(cert.names),
        )
    found = []
    for reason in tls_problems(probe, now):
        shown = dict(evidence)
        if reason == "accepts_old_protocol":
            shown["protocol"] = f"{probe.protocol}（亦接受 {probe.old_protocol}）"
        found.append(Finding.make(WEAK_TLS, page=page, reason=reason, **shown))
    return tuple(found)


def make_check(trust: TrustStore = system_trust) -> Check:
    """The check with its trust store: the system's by default, a test's own CA."""

    async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
        answer = await https_answer(site, ctx)
        landed = urlsplit(answer.final_url or answer.url)
        if not serves_https(answer) or not landed.hostname:
            return SiteOutcome()  # no TLS the site uses: the https check says so
        host, port = landed.hostname, landed.port or 443
        timeout_s = policy.TLS_PROBE_TIMEOUT_S

        def judge() -> TlsProbe | None:
            addresses = resolve(host, port, ctx.config.allow_private, ctx.config.pins)
            return probe_tls(host, addresses, trust, timeout_s)

        work = asyncio.to_thread(judge)
        try:
            probe = await asyncio.wait_for(work, timeout_s * (_HANDSHAKES + 1))
        except TimeoutError:
            return SiteOutcome()
        if probe is None:
            return SiteOutcome()
        page = landed.geturl()
        findings = weak_tls_findings(page, probe, _utc_now())
        return SiteOutcome(findings, {"tls": probe.protocol})

    return Check("tls", on_site=check_site, enabled=is_enabled)


def is_enabled(config: ScanConfig) -> bool:
    return config.check_tls


CHECK = make_check()
