"""Bad addresses, parameters and bodies for every page and API endpoint, as every role: each
ends in a 4xx or a Chinese page or message, never a 500, within seconds, changing no data.

The routes are read from the URL configuration itself (pages, the ninja API and Django's admin),
so a route added later is covered without touching this file.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from ceping.campaign import experts as expert_service
from ceping.web.models import (
    ApiToken,
    Campaign,
    ExpertAssignment,
    ExpertScore,
    Finding,
    PortalStat,
    Profile,
    RecheckRequest,
    ScanRun,
    SelfAssessment,
    SelfAttachment,
    Site,
    SurveyResponse,
    Unit,
    UnitResultRecord,
)
from tests.hostile import tally

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counted")]

SECONDS = 5.0  # one request, on a loaded CI machine
HUGE = "99999999999999999999"
CJK = re.compile(r"[\u4e00-\u9fff]")
_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


# -- the routes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    pattern: str  # as written in the URL configuration, e.g. "survey/<id:pk>/"
    name: str
    converters: dict[str, str]  # parameter -> converter class name

    @property
    def area(self) -> str:
        if self.pattern.startswith("api/"):
            return "web: API"
        return "web: admin" if self.pattern.startswith("admin/") else "web: pages"


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            if pattern.startswith("^") or "(?P" in pattern:  # regex routes: admin's catch-alls
                pattern = re.sub(r"[\^$]", "", pattern)
                pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", pattern)
            converters = {
                name: type(conv).__name__
                for name, conv in getattr(entry.pattern, "converters", {}).items()
            }
            yield Route(pattern, entry.name or pattern, converters)


ROUTES = list(_walk(get_resolver().url_patterns))
APP_ROUTES = [r for r in ROUTES if r.area != "web: admin"]
ADMIN_ROUTES = [r for r in ROUTES if r.area == "web: admin"]


def test_the_routes_are_all_found() -> None:
    names = {r.name for r in ROUTES}
    assert {"survey", "dash-download", "api-token", "list_findings", "survey_stats"} <= names
    assert len(APP_ROUTES) >= 40 and len(ADMIN_ROUTES) >= 50


# -- what is sent ----------------------------------------------------------------------------

ID_VARIANTS = ("0", "-1", "abc", "1e3", "%00", str(2**63 - 1), HUGE)
TEXT_VARIANTS = ("..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%00", "x" * 3000)
PATH_VARIANTS = (
    "../../../../etc/passwd",
    "..%2F..%2F..%2Fsettings.py",
    "%2Fetc%2Fpasswd",
    "a/../../../../x.docx",
    "notice.docx%00.txt",
    "..\\..\\win.ini",
    "a/" * 1500 + "x",
)


def _variants(route: Route, own: dict[str, str]) -> list[tuple[str, str]]:
    """(label, path) for the route: its own values, then each parameter made hostile."""

    def fill(values: dict[str, str]) -> str:
        return "/" + _PARAM.sub(lambda m: values[m.group("name")], route.pattern)

    params = {m.group("name"): m.group("converter") or "" for m in _PARAM.finditer(route.pattern)}
    base = {name: own.get(name, own["pk"] if name.endswith("id") else "1") for name in params}
    out = [("own", fill(base))]
    for name, converter in params.items():
        kind = route.converters.get(name, converter)
        bad = (
            PATH_VARIANTS
            if "Path" in kind or name == "path"
            else ID_VARIANTS + ((HUGE,) if False else ())
            if kind in ("IdConverter", "IntConverter") or name == "pk"
            else TEXT_VARIANTS + ID_VARIANTS[:3]
        )
        out += [(f"{name}={v[:20]}", fill({**base, name: v})) for v in bad]
    return out


_BIG_FORM = b"a=" + b"x" * (13 * 1024 * 1024)  # over DATA_UPLOAD_MAX_MEMORY_SIZE
_MANY_FIELDS = "&".join(f"f{i}=1" for i in range(3000))  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
GARBAGE_FORM = {
    "action": "<script>alert(1)</script>",
    "pk": HUGE,
    "id": "-1",
    "assignment": "abc",
    "assessment": "1.5",
    "expert": HUGE,
    "unit": "\x00",
    "points": "1e400",
    "finding": [HUGE, "abc", "-1"],
    "token": "abc",
    "name": "名" * 5000,
    "campaign": "../../etc/passwd",
    "status": "' OR 1=1 --",
}


def _junk_files() -> dict[str, SimpleUploadedFile]:
    junk = b"PK\x03\x04" + bytes(range(256)) * 8
    return {
        name: SimpleUploadedFile(f"{name}.xlsx", junk, content_type="application/vnd.ms-excel")
        for name in ("file", "upload", "table", "attachment", "material")
    }


Send = Callable[[Client, str], Any]
SHAPES: dict[str, Send] = {
    "GET": lambda c, p: c.get(p),
    "GET over-long query": lambda c, p: c.get(p + "?q=" + "x" * 20_000),
    "GET bad paging": lambda c, p: c.get(
        p, {"page": "-1", "limit": "-5", "offset": HUGE, "per_page": "abc", "sort": "<x>"}
    ),
    "GET bad filters": lambda c, p: c.get(
        p, {"unit": "\x00", "kind": "../../", "status": "'--", "q": "%", "campaign": "abc"}
    ),
    "GET repeated params": lambda c, p: c.get(p + "?page=1&page=abc&page=" + HUGE),
    "HEAD": lambda c, p: c.head(p),
    "PUT": lambda c, p: c.put(p, "x=1", content_type="application/x-www-form-urlencoded"),
    "DELETE": lambda c, p: c.delete(p),
    "POST garbage form": lambda c, p: c.post(p, GARBAGE_FORM),
    "POST bad JSON": lambda c, p: c.post(p, '{"a": [1, 2', content_type="application/json"),
    "POST wrong content type": lambda c, p: c.post(
        p, b"\x00\xff" * 500, content_type="application/x-unknown"
    ),
    "POST broken multipart": lambda c, p: c.post(
        p, b"--zz\r\ngarbage", content_type="multipart/form-data; boundary=zz"
    ),
    "POST junk file": lambda c, p: c.post(p, {"action": "upload", **_junk_files()}),
    "POST oversize body": lambda c, p: c.post(
        p, _BIG_FORM, content_type="application/x-www-form-urlencoded"
    ),
    "POST too many fields": lambda c, p: c.post(
        p, _MANY_FIELDS, content_type="application/x-www-form-urlencoded"
    ),
}


def is_own_button(route: Route, role: str) -> bool:
    """A POST that is the role's own button whatever it carries, not an input case (every other
    role is still tried there): the organizer writing every report (minutes), the admin
    confirming a deletion (Django's admin deletes on any POST that passed CSRF)."""
    return (role == "organizer" and route.name == "dash-downloads") or (
        role == "admin" and route.name.endswith("_delete")
    )


# -- who sends it ----------------------------------------------------------------------------


@dataclass
class World:
    own: dict[str, str]  # a valid value per route parameter
    users: dict[str, Any]  # role -> user (None: anonymous)
    tokens: dict[str, str]  # API role -> raw token ("" none)


@pytest.fixture
def world(
    campaign: Campaign,
    organizer: Any,
    experts: list[Any],
    unit_user: Any,
    units: list[Unit],
    findings: dict[str, Any],
) -> World:
    assignment = expert_service.assign(campaign, experts[1], units[2])
    admin = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "x" * 12)
    users = {"anonymous": None, "expert": experts[1], "unit": unit_user, "organizer": organizer}
    tokens = {"no token": ""}
    for role in ("expert", "unit", "organizer"):
        tokens[f"{role} token"] = ApiToken.issue(users[role])[1]
    expired, raw = ApiToken.issue(organizer, "过期")
    ApiToken.objects.filter(pk=expired.pk).update(expires=timezone.now())
    tokens["expired token"] = raw
    users["admin"] = admin
    own = {"pk": str(campaign.pk), "code": "QX01", "path": "notice.docx", "object_id": "1"}
    own["assignment"] = str(assignment.pk)
    return World(own, users, tokens)


WATCHED = (
    Unit, Site, Campaign, Finding, ScanRun, ExpertAssignment, ExpertScore, SurveyResponse,
    PortalStat, SelfAssessment, SelfAttachment, Profile, UnitResultRecord, RecheckRequest,
)  # fmt: skip


def fingerprint() -> tuple[object, ...]:
    """What a hostile request must leave as it was (logs, sessions, counters aside); one query
    for the counts, so that thousands of cases stay quick."""
    tables = [m._meta.db_table for m in (*WATCHED, ApiToken, get_user_model())]
    counts = " , ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    users = get_user_model().objects.order_by("pk").values_list("pk", "password", "is_active")
    findings = Finding.objects.order_by("pk").values_list("pk", "status", "key")
    return (tuple(row), tuple(findings), tuple(users))


def _json_text(text: str) -> str:
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def judge(response: Any, method: str) -> str:
    status = response.status_code
    if status >= 500:
        return tally.CRASH
    if method == "HEAD":  # no body to read: the status says it all
        return tally.CLEAR if status >= 400 else tally.HANDLED
    ctype = response.get("Content-Type", "")
    body = b"" if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", errors="replace")
    if 300 <= status < 400:
        return tally.CLEAR if "login" in response.get("Location", "") else tally.HANDLED
    if "html" in ctype and text.strip() and not CJK.search(text):
        return tally.UNCLEAR
    if "json" in ctype and status >= 400 and not CJK.search(_json_text(text)):
        return tally.UNCLEAR
    return tally.CLEAR if status >= 400 else tally.HANDLED


def _client(world: World, role: str) -> Client:
    if role in world.tokens:
        token = world.tokens[role]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        return Client(raise_request_exception=False, **headers)
    client = Client(raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _try(client: Client, route: Route, role: str, label: str, path: str, send: Send) -> str:
    case = f"{role} {label} {path[:80]}"
    before = fingerprint()
    started = time.monotonic()
    try:
        response = send(client, path)
    except Exception as exc:  # noqa: BLE001 - the request never got an answer: a crash
        return tally.record(route.area, tally.CRASH, f"{case}: {exc!r}")
    seconds = time.monotonic() - started
    if seconds >= SECONDS:
        return tally.record(route.area, tally.HANG, f"{case} ({seconds:.1f} s)")
    if fingerprint() != before:
        return tally.record(route.area, tally.LOST, case)
    outcome = judge(response, label.split()[0])
    if getattr(response, "streaming", False):
        for _ in response.streaming_content:  # read to its end: the test client then closes it
            pass
    return tally.record(route.area, outcome, f"{case} -> {response.status_code}")


def _run(world: World, route: Route, roles: tuple[str, ...], shapes: dict[str, Send]) -> None:
    bad = []
    variants = _variants(route, world.own)
    for role in roles:
        client = _client(world, role)
        for label, path in variants[1:]:
            outcome = _try(client, route, role, f"GET {label}", path, SHAPES["GET"])
            if outcome not in (tally.CLEAR, tally.HANDLED):
                bad.append((outcome, role, label))
        for label, send in shapes.items():
            if label.startswith("POST") and is_own_button(route, role):
                continue
            outcome = _try(client, route, role, label, variants[0][1], send)
            if outcome not in (tally.CLEAR, tally.HANDLED):
                bad.append((outcome, role, label))
    assert bad == []


@pytest.mark.parametrize("route", APP_ROUTES, ids=lambda r: r.name)
def test_a_page_or_endpoint_takes_hostile_requests(world: World, route: Route) -> None:
    if route.area == "web: API":
        roles = tuple(world.tokens)
    else:
        roles = ("anonymous", "expert", "unit", "organizer")
    _run(world, route, roles, SHAPES)


ADMIN_SHAPES = {k: SHAPES[k] for k in ("GET", "GET bad paging", "POST garbage form")}


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=lambda r: r.pattern)
def test_an_admin_page_takes_hostile_requests(world: World, route: Route) -> None:
    _run(world, route, ("anonymous", "organizer", "admin"), ADMIN_SHAPES)


# -- what a hostile site puts in the findings ------------------------------------------------

# Addresses a scanned page may carry, as a finding's page or link: shown as text on every page,
# never a live link (browsers drop tabs, newlines and leading controls, and ignore case).
SCANNED = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
)
_LIVE = ("href", "src", "action", "formaction", "data", "poster")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [v for k, v in attrs if k in _LIVE and v is not None]


def unsafe_links(text: str) -> list[str]:
    """Attribute values a browser would follow to a script, a local file or another site."""
    parser = _Links()
    parser.feed(text)
    out = []
    for value in parser.values:
        seen = re.sub(r"[\x00-\x20]", "", value).lower()
        scheme = re.match(r"([a-z][a-z0-9+.-]*):", seen)
        if (scheme and scheme.group(1) not in ("http", "https", "mailto", "tel")) or (
            "evil.example" in seen
        ):
            out.append(value)
    return out


@pytest.fixture
def scanned(campaign: Campaign, findings: dict[str, Any]) -> None:
    """QX01's findings carry the addresses above, in every field shown as an address."""
    from ceping.campaign.scoring import score_and_store

    run = findings["QX01"][0].scan_run
    for n, address in enumerate(SCANNED):
        Finding.objects.create(scan_run=run, kind="broken_link", page=address, key=f"h{n}",
                               data={"url": address, "status": 404})  # fmt: skip
        Finding.objects.create(scan_run=run, kind="typo", page=address, key=f"t{n}",
                               data={"text": "国务晥", "suggestion": "国务院",
                                     "context": address})  # fmt: skip
    score_and_store(campaign)


@pytest.mark.usefixtures("scanned")
@pytest.mark.parametrize("role", ["unit", "expert", "organizer"])
def test_scanned_addresses_are_never_live_links(world: World, role: str) -> None:
    client = _client(world, role)
    area = "web: scanned addresses"
    bad = []
    for route in APP_ROUTES:
        if route.area == "web: API":
            continue
        path = _variants(route, world.own)[0][1]
        started = time.monotonic()
        response = client.get(path)
        seconds = time.monotonic() - started
        case = f"{role} GET {path}"
        if getattr(response, "streaming", False):  # read to its end: the test client closes it
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        live = unsafe_links(body.decode("utf-8", errors="replace"))
        if response.status_code >= 500:
            outcome = tally.record(area, tally.CRASH, f"{case} -> {response.status_code}")
        elif seconds >= SECONDS:
            outcome = tally.record(area, tally.HANG, f"{case} ({seconds:.1f} s)")
        elif live:
            outcome = tally.record(area, tally.UNSAFE, f"{case}: {live[:3]}")
        else:
            outcome = tally.record(area, judge(response, "GET"), case)
        if outcome not in (tally.CLEAR, tally.HANDLED):
            bad.append(outcome)
    assert bad == []
