"""`campaign scan` run again on a finished campaign adds no finding: identity leaves out what a
run measures (milliseconds, days, statuses)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from scanfarm import campaigns_over

from ceping.campaign.scans import scan_campaign
from ceping.scan import ScanConfig
from ceping.scan.codec import finding_key
from ceping.scan.models import SLOW_PAGE, Finding
from ceping.web.models import Finding as FindingRecord
from tests.threaded_http import QuietHandler, serve_threaded

pytestmark = pytest.mark.django_db(transaction=True)

HOME = "<html><body><a href='/slow.html'>慢</a><a href='/gone.html'>没了</a></body></html>"


@contextmanager
def slow_site() -> Iterator[str]:
    """A site whose slow page answers a little faster each time: every run measures anew."""
    answered = [0]

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/slow.html":
                answered[0] += 1
                time.sleep(max(0.5 - 0.1 * answered[0], 0.1))
            elif self.path != "/":
                self.send_error(404 if answered[0] % 2 else 410)
                return
            self.send_body(HOME)

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        yield base


def test_a_second_scan_of_a_finished_campaign_adds_no_finding() -> None:
    with slow_site() as url:
        (campaign,) = campaigns_over([url], "重扫")
        config = ScanConfig(
            urls=(),
            as_of=dt.date(2013, 1, 15),
            allow_private=True,
            check_typos=False,
            slow_page_ms=50,
        )
        scan_campaign(campaign, config)
        first = sorted(FindingRecord.objects.values_list("kind", flat=True))
        scan_campaign(campaign, config)
    assert first.count(SLOW_PAGE) == 1
    assert sorted(FindingRecord.objects.values_list("kind", flat=True)) == first


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"ms": 3100, "ttfb_ms": 900}, {"ms": 4200, "ttfb_ms": 1000}),
        ({"latest": "2012-01-01", "days": 300}, {"latest": "2012-01-01", "days": 301}),
        ({"url": "http://a/x", "status": 404}, {"url": "http://a/x", "status": 410}),
        ({"url": "http://a/x", "error": "timeout"}, {"url": "http://a/x", "error": "refused"}),
    ],
)
def test_a_finding_keeps_its_key_when_only_measures_change(
    a: dict[str, object], b: dict[str, object]
) -> None:
    assert finding_key(Finding.make("k", page="p", **a)) == finding_key(
        Finding.make("k", page="p", **b)
    )
    assert finding_key(Finding.make("k", page="p", url="1")) != finding_key(
        Finding.make("k", page="p", url="2")
    )
