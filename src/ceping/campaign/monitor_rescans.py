"""Scheduled re-scans: scan a campaign's site again and compare with the campaign's scan of it.

The comparison is with the campaign's scan (what the unit was told to fix), so "fixed" means
fixed since the notice; an alert names only new broken links and new single-veto problems that
no earlier re-scan already alerted, so a weekly re-scan does not repeat itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.utils import timezone

from ceping.campaign.campaigns import framework_of
from ceping.campaign.monitoring import plan_of
from ceping.campaign.scoring_inputs import NOT_COUNTED
from ceping.monitor import compare, worth_alert
from ceping.scan.codec import finding_key
from ceping.scan.config import ScanConfig
from ceping.scan.engine import run_scan
from ceping.web.models import Campaign, Finding, Rescan, Site

KEPT_PER_LIST = 2000  # findings kept in each list of a re-scan (the counts are whole)


def rescan_config(campaign: Campaign) -> ScanConfig:
    return ScanConfig(urls=(), allow_private=plan_of(campaign).allow_private)


def veto_kinds(campaign: Campaign) -> frozenset[str]:
    return frozenset(k for veto in framework_of(campaign).vetoes for k in veto.findings)


def rescan_site(campaign: Campaign, site: Site, config: ScanConfig) -> Rescan:
    """Scan one site again (in memory: nothing of the campaign's scan is touched) and store the
    comparison."""
    report = run_scan(replace(config, urls=(site.url,)))[0]
    current = {}
    for finding in report.findings:
        key = finding_key(finding)
        current[key] = {**finding.to_json(), "key": key}
    previous = {
        key: {**data, "key": key}
        for key, data in Finding.objects.filter(scan_run__campaign=campaign, scan_run__site=site)
        .exclude(status__in=NOT_COUNTED)
        .values_list("key", "data")
    }
    comparison = compare(previous, current)
    earlier = Rescan.objects.filter(campaign=campaign, site=site).first()  # newest first
    known = {f.get("key") for f in earlier.new} if earlier is not None else set()
    alarming = [f for f in worth_alert(comparison, veto_kinds(campaign)) if f["key"] not in known]
    return Rescan.objects.create(
        campaign=campaign,
        site=site,
        finished=timezone.now(),
        pages=report.pages,
        new_count=len(comparison.new),
        fixed_count=len(comparison.fixed),
        new=_plain(comparison.new[:KEPT_PER_LIST]),
        fixed=_plain(comparison.fixed[:KEPT_PER_LIST]),
        still_open=comparison.still_open,
        alarming=_plain(tuple(alarming[:KEPT_PER_LIST])),
    )


def _plain(findings: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(f) for f in findings]


def rescan_due(campaign: Campaign, now: dt.datetime) -> bool:
    """Whether the campaign's scheduled re-scan is due; moves the schedule on when it is."""
    plan = plan_of(campaign)
    if not plan.rescan_interval_s:
        return False
    if plan.next_rescan is not None and plan.next_rescan > now:
        return False
    plan.next_rescan = now + dt.timedelta(seconds=plan.rescan_interval_s)
    plan.save(update_fields=["next_rescan"])
    return True
