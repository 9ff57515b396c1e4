"""Render every page of a demo's database as each role and list what a reader should never see:
snake_case identifiers, Python module paths, English exception text or English sentences.

Run in its own process on the home `ceping demo` wrote (`CEPING_HOME=… python -m
tests.web.every_page`); prints one JSON object: the pages rendered and the offending snippets.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

from tests.vocabulary_words import english_keys, visible_text

# What a reader should never see. URLs, e-mail and host names are data of the scanned sites and
# are taken out first (a site's /xxgk/zfxxgk_2012/ is no wording of ours). ASCII word boundaries:
# a key right after a Chinese character ("缺少missing_feature") is still a word of its own.
_URL = re.compile(
    r"\b(?:https?|ftp)://[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/\S*"
    r"|\b(?:[\w-]+\.)+(?:cn|com|net|org|gov)\b",
    re.ASCII,
)
OFFENCES = {
    "snake_case": re.compile(
        r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/])", re.ASCII
    ),
    "module path": re.compile(
        r"\b(?:ceping|django|ninja|celery|openpyxl|docx|httpx|aiohttp)(?:\.[a-z_]+)+"
        r"|\b\w+\.py\b|Traceback|File \"",
        re.ASCII,
    ),
    "exception": re.compile(
        r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\[Errno|\[SSL|_ssl\.c|\berrno\b|\btimed out\b"
        r"|Connection refused|not known|certificate verify|NoneType|\bNone\b|\bnan\b|\binf\b",
        re.ASCII,
    ),
    # Four English words in a row: a sentence of ours left untranslated ("expert points, trimmed
    # mean …") or an exception's message.
    "English": re.compile(r"(?<![\w-])[A-Za-z]{2,}(?:[ ,;:()\[\]'\"]+[A-Za-z]{2,}){3,}", re.ASCII),
}


# A dotted name of three or more parts (services.selfcheck.recheck) unless it is a host name.
_DOTTED = re.compile(r"\b[a-z_]+(?:\.[a-z_]+){2,}\b", re.ASCII)
_HOST_ENDS = frozenset({"cn", "com", "net", "org", "gov", "edu", "int", "test", "local"})


def offences(text: str) -> list[str]:
    """What `text` (a page's visible text) shows that a reader should not see, each in context."""
    text = _URL.sub(" ", text)
    spans = [(name, m) for name, pattern in OFFENCES.items() for m in pattern.finditer(text)]
    spans += [
        ("module path", m)
        for m in _DOTTED.finditer(text)
        if m.group(0).rsplit(".", 1)[1] not in _HOST_ENDS
    ]
    found = [
        f"{name}: {m.group(0)!r} in …{text[max(0, m.start() - 30) : m.end() + 30]!r}…"
        for name, m in spans
    ]
    # Finding kinds, evidence fields, value keys and measures by their English keys.
    return found + [f"key: {key!r}" for key in english_keys(text)]


def _json_strings(value: Any) -> Iterator[str]:
    """The texts a page shows from its JSON: every string value, and the keys of a map of counts
    (findings_by_kind: label → number); other keys are field names for the page's script."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        counts = all(isinstance(v, int | float) for v in value.values())
        for k, v in value.items():
            if counts:
                yield k
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)


# Text for screen readers only (the admin's table headers): not on the screen, and Django's own.
_HIDDEN = re.compile(r'<(\w+)[^>]*class="[^"]*visually-hidden[^"]*"[^>]*>.*?</\1>', re.DOTALL)


def page_text(html: str) -> str:
    """The text of a page on the screen."""
    return visible_text(_HIDDEN.sub(" ", html))


def _routes() -> Iterator[tuple[str, Any]]:
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLPattern) and entry.name:
            yield entry.name, entry
        elif isinstance(entry, URLResolver) and entry.namespace == "admin":
            yield "admin:index", None


def main() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
    django.setup()
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import NoReverseMatch, reverse

    from ceping.campaign import experts
    from ceping.campaign.roles import create_user
    from ceping.web.models import ApiToken, Campaign, ExpertAssignment, Finding, Unit

    setup_test_environment()  # the test client's host is allowed
    campaign = Campaign.objects.filter(previous__isnull=False).order_by("-year").first()
    assert campaign is not None, "no demo campaign in this home"
    unit = (
        Unit.objects.filter(
            sites__scan_runs__campaign=campaign, sites__scan_runs__findings__isnull=False
        )
        .order_by("code")
        .first()
    )
    assert unit is not None

    def user(name: str, role: str, **extra: Any) -> Any:
        found = get_user_model().objects.filter(username=name).first()
        return found or create_user(name, "x-every-page-1", role, **extra)

    organizer = user("every-org", "organizer")
    organizer.is_staff = organizer.is_superuser = True
    organizer.save()
    expert = user("every-expert", "expert")
    webmaster = user("every-unit", "unit", unit=unit)
    other = Unit.objects.exclude(pk=unit.pk).filter(campaigns=campaign).order_by("code").first()
    assert other is not None
    assignment = ExpertAssignment.objects.filter(expert=expert).first() or experts.assign(
        campaign, expert, other
    )
    assert Finding.objects.filter(scan_run__campaign=campaign).exists()
    if not ApiToken.objects.filter(user=organizer).exists():  # the admin lists tokens too
        ApiToken.issue(organizer, "每页检查")
    users = {"organizer": organizer, "expert": expert, "unit": webmaster, "anonymous": None}

    args = {
        "expert-assignment": [assignment.pk],
        "dash-unit": [campaign.pk, unit.code],
        "survey": [campaign.pk],
        "survey-thanks": [campaign.pk],
    }
    # Not pages: files, posts only, the API (its answers are JSON for scripts), sign-out.
    skip = {"logout", "job-stop", "dash-download", "self-attachment", "dash-findings-export"}
    skip |= {"unit-report"}  # the unit's report file
    rendered: dict[str, list[str]] = {}
    found: dict[str, list[str]] = {}
    admin_pages = ["admin:index"] + [
        f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist" for m in admin.site._registry
    ]
    names = [n for n, _ in _routes() if n not in skip and n != "admin:index"] + admin_pages
    for name in names:
        try:
            url = reverse(name, args=args.get(name, []))
        except NoReverseMatch:  # every other page is a page of the campaign
            url = reverse(name, args=[campaign.pk])
        for role, user in users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            if response.status_code != 200:
                continue
            rendered.setdefault(name, []).append(role)
            body = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                text = "\n".join(_json_strings(json.loads(body)))
            else:
                text = page_text(body)
            for offence in offences(text):
                found.setdefault(f"{name} ({role})", []).append(offence)
    # What the demo left must be there to read (the downloads page said 还没有生成报告 after it).
    downloads = Client()
    downloads.force_login(organizer)
    listed = downloads.get(reverse("dash-downloads", args=[campaign.pk]))
    listing = page_text(listed.content.decode())
    home = Client()
    home.force_login(webmaster)
    workspace = page_text(home.get(reverse("unit-home")).content.decode())
    facts = {
        "downloads list the notice": "通报（Word）" in listing and "还没有生成报告" not in listing,
        "the unit downloads its report": "下载本单位测评报告" in workspace,
    }
    json.dump(
        {"rendered": rendered, "offences": found, "facts": facts},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
