"""Which sites of the second farm live on https://, and how well: their certificate and
protocols, whether http:// sends readers on, HSTS, and the outside resources their template
loads over http:// (mixed content). The ground truth of `no_https_redirect`, `no_hsts`,
`weak_tls` and `mixed_content` follows the definitions of docs/checks/security-posture.md.

Drawn from a random stream of its own per site, so that adding it left every other plan of the
farm as it was. Sites on plain HTTP are not judged on these kinds (their `no_https` is not
measured here: the first farm plants it on every site).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import urlsplit

from ceping.sitefarm.certs import (
    ACCEPTS_OLD,
    CERT_REASONS,
    EXPIRED,
    MODERN,
    OLD_ONLY,
    PROTOCOL_REASONS,
    SELF_SIGNED,
    UNTRUSTED,
    VALID,
    WRONG_NAME,
)
from ceping.sitefarm.cms.context import Ctx
from ceping.sitefarm.farm import IPV6_ANSWERS, IPV6_NONE, SiteTls

HTTPS_SHARE = 0.7
# HSTS headers as sites send them: none, one that turns HSTS off, and good ones (RFC 6797).
_HSTS = ("", "", "max-age=0", "max-age=31536000", "max-age=31536000; includeSubDomains",
         "max-age=63072000; includeSubDomains; preload")  # fmt: skip
_CERTS = (VALID, VALID, VALID, VALID, VALID, EXPIRED, SELF_SIGNED, WRONG_NAME, UNTRUSTED)
_PROTOCOLS = (MODERN,) * 7 + (OLD_ONLY, ACCEPTS_OLD)
# How the template writes the outside badges' addresses (conac mark, 找错 script):
# http:// (mixed content on an https:// page), https://, or protocol-relative //host/….
HTTP_ASSETS, HTTPS_ASSETS, RELATIVE_ASSETS = "http", "https", "relative"
_ASSETS = (HTTP_ASSETS, HTTP_ASSETS, HTTPS_ASSETS, RELATIVE_ASSETS)
UPGRADE = "upgrade-insecure-requests"
OUTSIDE_TLS = SiteTls(redirect=False, addressed_https=False)  # answers both, linked as http://


NAMED_SHARE = 0.6  # sites with a host name (pinned for the scanner), judged on IPv6
_IPV6 = (IPV6_ANSWERS, IPV6_ANSWERS, IPV6_NONE)  # farm.py says why no other ways
IPV6_REASONS = {IPV6_NONE: "no_aaaa"}  # the no_ipv6 reason of each (checks/ipv6.py)


@dataclass(frozen=True)
class SecurityPlan:
    tls: SiteTls | None  # None: the site is plain HTTP
    assets: str  # HTTP_ASSETS, HTTPS_ASSETS or RELATIVE_ASSETS
    domain: str = ""  # a host name, pinned for the scanner; "" for an IP address
    ipv6: str = IPV6_ANSWERS  # how a named site answers over IPv6

    def asset_base(self, outside: str) -> str:
        """Where the template loads the outside badges from (`outside`: http://host:port)."""
        netloc = urlsplit(outside).netloc
        if self.tls is None or self.assets == HTTP_ASSETS:
            return outside
        return f"https://{netloc}" if self.assets == HTTPS_ASSETS else f"//{netloc}"


def make_security_plan(seed: int, index: int) -> SecurityPlan:
    # Each part has a random stream of its own: adding one left the others' draws as they were.
    named = random.Random(f"cms-ipv6-{seed}-{index}")
    domain, ipv6 = "", IPV6_ANSWERS
    if named.random() < NAMED_SHARE:
        domain, ipv6 = f"site{index + 1}.cms-farm.test", named.choice(_IPV6)
    rng = random.Random(f"cms-tls-{seed}-{index}")
    if rng.random() >= HTTPS_SHARE:
        return SecurityPlan(None, HTTP_ASSETS, domain, ipv6)
    redirect = rng.random() < 0.6
    hsts, cert, protocols = rng.choice(_HSTS), rng.choice(_CERTS), rng.choice(_PROTOCOLS)
    assets = rng.choice(_ASSETS)
    csp = f"{UPGRADE}" if assets == HTTP_ASSETS and rng.random() < 0.3 else ""
    return SecurityPlan(SiteTls(cert, protocols, redirect, hsts, csp), assets, domain, ipv6)


def weak_tls_reasons(tls: SiteTls) -> list[str]:
    """The weak_tls reasons of a site, as scan/tls.tls_problems orders them (protocol first)."""
    reasons = [PROTOCOL_REASONS[tls.protocols]] if tls.protocols in PROTOCOL_REASONS else []
    return reasons + ([CERT_REASONS[tls.cert]] if tls.cert in CERT_REASONS else [])


def hsts_reason(header: str) -> str | None:
    """Why the header leaves HSTS off (checks/hsts reasons), None when it is in force."""
    if not header:
        return "no_header"
    return "max_age_zero" if header == "max-age=0" else None


def plant_security(ctx: Ctx, plan: SecurityPlan) -> None:
    """The truth of a named site on IPv6, and of an https:// site on TLS, redirect, HSTS and
    mixed content (a plain HTTP site is judged on none of these; a site addressed by its IP
    address not on IPv6)."""
    home = ctx.url("/")
    if plan.domain and plan.ipv6 in IPV6_REASONS:
        ctx.plant("no_ipv6", page=home, reason=IPV6_REASONS[plan.ipv6])
    elif plan.domain:
        ctx.spare("no_ipv6", "主机名有 IPv6 地址（::1），首页经 IPv6 正常打开", page=home)
    tls = plan.tls
    if tls is None:
        return
    home = ctx.url("/")
    plain_home = f"http://{ctx.site.netloc}/"
    if tls.redirect:
        ctx.spare("no_https_redirect", "HTTP 访问以 301 跳转到 HTTPS", page=plain_home)
    else:
        ctx.plant("no_https_redirect", page=plain_home, status=200)
    reason = hsts_reason(tls.hsts)
    if reason is None:
        ctx.spare("no_hsts", "HTTPS 应答带有效的 HSTS 头", page=home, header=tls.hsts)
    else:
        ctx.plant("no_hsts", page=home, reason=reason, header=tls.hsts)
    reasons = weak_tls_reasons(tls)
    for weak in reasons:
        ctx.plant("weak_tls", page=home, reason=weak)
    if not reasons:
        ctx.spare("weak_tls", "证书可信、在有效期内、名称相符，只用 TLS 1.2 及以上", page=home)
    for url in dict.fromkeys(ctx.loads):
        if urlsplit(url).scheme == "http" and not tls.csp:
            ctx.plant("mixed_content", page=home, url=url)
        elif tls.csp:
            ctx.spare("mixed_content", "页面的内容安全策略把 HTTP 资源升级为 HTTPS", url=url)
        else:
            ctx.spare("mixed_content", "外部资源经 HTTPS 加载", url=url)
