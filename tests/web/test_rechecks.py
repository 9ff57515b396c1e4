"""Re-checks go out through the scanner's fetcher: its verdicts, and its refusal of private
addresses."""

from __future__ import annotations

from typing import Any

from ceping.campaign import rechecks
from ceping.campaign.rechecks import run_rechecks
from ceping.scan.config import ScanConfig
from ceping.web.models import Campaign, Finding, ScanRun, Unit
from tests.web.loopback import serve


def _broken(run: ScanRun, key: str, base: str, path: str) -> Finding:
    return Finding.objects.create(
        scan_run=run,
        kind="broken_link",
        key=key,
        page=f"{base}/",
        data={"url": f"{base}{path}", "status": 404},
    )


def test_pending_rechecks_run_through_the_scanner(
    campaign: Campaign, units: list[Unit], unit_user: Any
) -> None:
    with serve({"/fixed.html": 200, "/still-broken.html": 404}) as base:
        run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get())
        fixed, broken = (
            _broken(run, "a", base, "/fixed.html"),
            _broken(run, "b", base, "/still-broken.html"),
        )
        rechecks.request_recheck(unit_user, [fixed.pk, broken.pk])
        outcomes = {
            o.finding: (o.http_status, o.status)
            for o in run_rechecks(ScanConfig(urls=(), allow_private=True))
        }
    assert outcomes == {fixed.pk: (200, "closed"), broken.pk: (404, "still_open")}
    assert dict(Finding.objects.values_list("pk", "status")) == {
        fixed.pk: "closed",
        broken.pk: "open",
    }


def test_private_addresses_are_not_fetched_unless_allowed(
    campaign: Campaign, units: list[Unit], unit_user: Any
) -> None:
    with serve({"/fixed.html": 200}) as base:
        run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get())
        fixed = _broken(run, "a", base, "/fixed.html")
        rechecks.request_recheck(unit_user, [fixed.pk])
        [outcome] = run_rechecks(ScanConfig(urls=()))
    assert (outcome.http_status, outcome.status) == (None, "still_open")
