"""HSTS in force (`no_hsts`): the https:// home page sends Strict-Transport-Security with a
max-age above zero.

RFC 6797 §6.1: max-age is required and a browser ignores a header without a valid one; only
the first header counts (§8.1); max-age=0 tells the browser to forget the host. The header is
read from the final https:// answer of the home page (a header on a redirect before it is not
seen). A site that does not answer on https:// is the https check's finding, not this one.
"""

from __future__ import annotations

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.https import https_answer, serves_https
from ceping.scan.config import ScanConfig
from ceping.scan.models import Finding

NO_HSTS = "no_hsts"
MAX_HEADER_CHARS = 300  # the header is the site's text: shown in evidence, so bounded


def max_age_s(header: str) -> int | None:
    """The header's max-age in seconds; None when it has none a browser would accept."""
    for directive in header.split(";"):
        name, _, value = directive.partition("=")
        if name.strip().lower() != "max-age":
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]  # a quoted-string is allowed (RFC 6797 §6.1.1)
        return int(value) if value.isascii() and value.isdigit() else None
    return None


def hsts_problem(header: str) -> str | None:
    """Why HSTS is not in force with this header (a vocabulary reason), None when it is."""
    if not header.strip():
        return "no_header"
    age = max_age_s(header)
    if age is None:
        return "no_max_age"
    return "max_age_zero" if age == 0 else None


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    answer = await https_answer(site, ctx)
    # An error page often lacks the headers the site's pages carry: not judged from it.
    if not serves_https(answer):
        return SiteOutcome()
    landed = answer.final_url or answer.url
    reason = hsts_problem(answer.hsts)
    if reason is None:
        return SiteOutcome((), {"hsts": True})
    found = Finding.make(NO_HSTS, page=landed, reason=reason, header=answer.hsts[:MAX_HEADER_CHARS])
    return SiteOutcome((found,), {"hsts": False})


def is_enabled(config: ScanConfig) -> bool:
    return config.check_hsts


CHECK = Check("hsts", on_site=check_site, enabled=is_enabled)
