"""Scheduled re-scans: new, fixed and still-open findings against the campaign's scan, and one
alert for a new broken link however many re-scans still find it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from django.core import mail
from django.utils import timezone

from ceping.campaign.monitor_alerts import send_rescan_alerts
from ceping.campaign.monitor_rescans import rescan_config, rescan_due, rescan_site
from ceping.campaign.monitoring import set_plan
from ceping.campaign.scans import scan_campaign
from ceping.monitor import compare, worth_alert
from ceping.scan import ScanConfig
from ceping.web.models import Campaign, Rescan, Site
from tests.monitor.conftest import watched  # noqa: F401  (a fixture)
from tests.web.loopback import serve_handler

LINKS = {"a": "/a.html", "b": "/b.html", "c": "/c.html"}


class LinkSite:
    """A home page linking to three pages; the test says which of them exist."""

    def __init__(self) -> None:
        self.present = {"/": True, "/a.html": False, "/b.html": True, "/c.html": True}

    async def handle(self, request: web.Request) -> web.Response:
        if not self.present.get(request.path, False):
            return web.Response(status=404, text="没有")
        links = "".join(f'<a href="{p}">{k}</a>' for k, p in LINKS.items())
        return web.Response(text=f"<html><body>{links}</body></html>", content_type="text/html")


@pytest.fixture
def link_site() -> Iterator[tuple[LinkSite, str]]:
    site = LinkSite()
    with serve_handler(site.handle) as base:
        yield site, base + "/"


def test_compare_sorts_findings_into_new_fixed_and_still_open() -> None:
    before = {"k1": {"kind": "broken_link"}, "k2": {"kind": "typo"}}
    after = {"k2": {"kind": "typo"}, "k3": {"kind": "typo"}, "k4": {"kind": "stale_home"}}
    result = compare(before, after)
    assert (result.new, result.fixed, result.still_open) == (
        ({"kind": "typo"}, {"kind": "stale_home"}),
        ({"kind": "broken_link"},),
        1,
    )
    assert worth_alert(result, frozenset({"stale_home"})) == ({"kind": "stale_home"},)
    assert worth_alert(result, frozenset()) == ()


@pytest.mark.django_db(transaction=True)
def test_a_rescan_finds_what_was_fixed_and_what_broke_and_alerts_once(
    link_site: tuple[LinkSite, str], webhook: tuple[str, list[dict[str, Any]]]
) -> None:
    from tests.scanfarm import campaigns_over

    site, url = link_site
    hook_url, received = webhook
    (campaign,) = campaigns_over([url], "复查")
    scan_campaign(campaign, ScanConfig(urls=(), allow_private=True))  # /a.html is broken
    set_plan(campaign, emails=["webmaster@example.gov.cn"], webhook=hook_url, allow_private=True)
    site.present.update({"/a.html": True, "/c.html": False})  # a fixed, c broken
    stored = Site.objects.get(url=url)

    first = rescan_site(campaign, stored, rescan_config(campaign))
    # Every page links to every other: a link is broken on each page that has it.
    assert {(f["kind"], f["url"]) for f in first.new} == {("broken_link", url + "c.html")}
    assert {(f["kind"], f["url"]) for f in first.fixed} == {("broken_link", url + "a.html")}
    assert (len(first.new), len(first.fixed)) == (3, 3)
    assert first.still_open > 0  # what the home page lacks, found both times
    assert first.alarming == first.new
    assert send_rescan_alerts(campaign) == 1
    assert [m.subject for m in mail.outbox] == ["【复查检测发现新问题】测试单位0"]
    assert f"错链断链：{url}c.html" in mail.outbox[0].body
    assert [(r["event"], len(r["new"])) for r in received] == [("rescan", 3)]

    second = rescan_site(campaign, stored, rescan_config(campaign))
    assert len(second.new) == 3 and second.alarming == []  # still broken, already alerted
    assert send_rescan_alerts(campaign) == 0
    assert len(mail.outbox) == 1 and len(received) == 1
    assert Rescan.objects.filter(campaign=campaign).count() == 2


def test_rescans_are_due_on_the_plans_interval(watched: Campaign) -> None:  # noqa: F811
    now = timezone.now()
    assert not rescan_due(watched, now)  # none planned
    set_plan(watched, rescan_interval_s=7 * 86400)
    assert rescan_due(watched, now)
    assert not rescan_due(watched, now + dt.timedelta(days=6))
    assert rescan_due(watched, now + dt.timedelta(days=7))
