"""Search: a search form on the home page, and a probe query that returns a page."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.models import MISSING_FEATURE, Finding, Form
from ceping.scan.sitewords import SEARCH_FIELD_NAMES, SEARCH_WORDS


def search_form(forms: tuple[Form, ...]) -> tuple[Form, str] | None:
    """The first form that looks like a search box, and the name of its text field."""
    for form in forms:
        if not form.text_fields:
            continue
        named = [f for f in form.text_fields if f.lower() in SEARCH_FIELD_NAMES]
        if named or any(word in form.words for word in SEARCH_WORDS):
            return form, (named or list(form.text_fields))[0]
    return None


def probe_url(form: Form, field: str, query: str) -> str:
    parts = urlsplit(form.action)
    params = [*form.hidden, (field, query)]
    return urlunsplit(parts._replace(query=urlencode(params), fragment=""))


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    found = search_form(site.home.forms) if site.home is not None else None
    if found is None:
        return SiteOutcome((Finding.make(MISSING_FEATURE, feature="search"),), {"search": False})
    url = probe_url(*found, ctx.config.search_probe)
    resp = await site.get(url)
    if resp is None:
        # robots.txt keeps us out of the search engine: the form is all we may judge.
        return SiteOutcome((), {"search": True, "search_probe": "not allowed by robots.txt"})
    if resp.status == 200 and resp.is_html:
        return SiteOutcome((), {"search": True, "search_probe": url})
    why = resp.error or f"HTTP {resp.status}"
    return SiteOutcome(
        (Finding.make(MISSING_FEATURE, feature="search", probe=url, error=why),),
        {"search": False, "search_probe": url},
    )


CHECK = Check("search", on_site=check_site)
