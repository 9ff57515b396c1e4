"""Findings stored before identity left out measured values are re-keyed (migration 0009): a
rerun then finds them instead of storing them twice, and duplicates already stored are merged
into the row a person acted on."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
from typing import Any

import pytest
from scanfarm import campaigns_over

from ceping.campaign.scans import scan_campaign
from ceping.scan import ScanConfig
from ceping.scan.models import SLOW_PAGE
from ceping.web.models import Finding, FindingStatus, RecheckRequest
from tests.web.test_scan_rerun import slow_site

pytestmark = pytest.mark.django_db(transaction=True)
MIGRATION = importlib.import_module("ceping.web.migrations.0011_rekey_findings")


def old_key(data: dict[str, Any]) -> str:
    """The key as stored before the change: every field, measured ones included."""
    values = dict(data)
    kind, page = values.pop("kind"), values.pop("page", "")
    fields = sorted(values.items())
    text = json.dumps([kind, page, fields], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rekey() -> int:
    return MIGRATION.rekey_findings(Finding, RecheckRequest)


def _config() -> ScanConfig:
    return ScanConfig(
        urls=(),
        as_of=dt.date(2013, 1, 15),
        allow_private=True,
        check_typos=False,
        slow_page_ms=50,
    )


def _store_with_old_keys() -> int:
    """Rewrite the stored keys as the scanner wrote them before; how many differed."""
    differed = 0
    for row in Finding.objects.all():
        key = old_key(row.data)
        if key != row.key:
            differed += 1
            Finding.objects.filter(pk=row.pk).update(key=key)
    return differed


def test_a_row_stored_with_the_old_key_and_a_rerun_make_one_row() -> None:
    with slow_site() as url:
        (campaign,) = campaigns_over([url], "旧标识")
        scan_campaign(campaign, _config())
        assert _rekey() == 0  # rows stored today already carry today's key
        assert _store_with_old_keys() >= 2  # slow_page (ms), broken_link (status)
        first = sorted(Finding.objects.values_list("kind", "page"))
        assert _rekey() >= 2
        scan_campaign(campaign, _config())
    assert sorted(Finding.objects.values_list("kind", "page")) == first
    assert Finding.objects.filter(kind=SLOW_PAGE).count() == 1


def test_without_the_rekeying_a_rerun_stores_old_rows_twice() -> None:
    """The gap itself: the reason the migration exists."""
    with slow_site() as url:
        (campaign,) = campaigns_over([url], "未改标识")
        scan_campaign(campaign, _config())
        _store_with_old_keys()
        scan_campaign(campaign, _config())
    assert Finding.objects.filter(kind=SLOW_PAGE).count() == 2


def test_duplicates_merge_into_the_row_a_person_acted_on() -> None:
    with slow_site() as url:
        (campaign,) = campaigns_over([url], "重复")
        scan_campaign(campaign, _config())
        _store_with_old_keys()
        old = Finding.objects.get(kind=SLOW_PAGE)
        Finding.objects.filter(pk=old.pk).update(status=FindingStatus.FIXED)
        recheck = RecheckRequest.objects.create(finding=old, note="已整改")
        scan_campaign(campaign, _config())  # before the fix: a second, open slow_page row
        assert Finding.objects.filter(kind=SLOW_PAGE).count() == 2
        _rekey()
        scan_campaign(campaign, _config())
    kept = Finding.objects.get(kind=SLOW_PAGE)
    assert kept.pk == old.pk and kept.status == FindingStatus.FIXED
    assert RecheckRequest.objects.get(pk=recheck.pk).finding_id == kept.pk
