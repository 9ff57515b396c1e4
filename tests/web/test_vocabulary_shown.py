"""Every page that lists findings names them in Chinese: no kind, field or feature by its English
key."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ceping.campaign import experts, publication, rechecks
from ceping.campaign.scoring import score_and_store
from ceping.vocabulary import KINDS, OTHER_KIND, label_of
from ceping.web.models import Campaign, Finding, ScanRun, Unit
from tests.vocabulary_words import UNKNOWN_KIND, english_keys, sample_finding, visible_text
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind(
    campaign: Campaign, units: list[Unit], findings: dict[str, list[Finding]], unit_user: Any
) -> Campaign:
    """QX01 with a finding of every kind and of one unknown kind, scored, all sent for re-check."""
    run = ScanRun.objects.get(campaign=campaign, site__unit=units[0])
    site = run.site.url
    for n, kind in enumerate([*KINDS, UNKNOWN_KIND]):
        data = sample_finding(kind, site, n)
        Finding.objects.create(
            scan_run=run, kind=kind, page=str(data.get("page", "")), key=f"every-{n}", data=data
        )
    # Scanned and published: the unit's page tells every lost point with its evidence too.
    run.finished, run.summary = timezone.now(), {"url": site, "reachable": True, "pages": 3}
    run.save()
    score_and_store(campaign)
    publication.publish(campaign)
    rechecks.request_recheck(
        unit_user, [f.pk for f in Finding.objects.filter(scan_run=run)], "已整改"
    )
    return campaign


def _pages(
    campaign: Campaign, organizer: Any, unit_user: Any, expert: Any, admin: Any
) -> dict[str, str]:
    assignment = experts.assign(campaign, expert, Unit.objects.get(code="QX01"))
    pk = campaign.pk
    seen = {
        "overview": (organizer, reverse("dash-overview", args=[pk])),
        "unit story": (organizer, reverse("dash-unit", args=[pk, "QX01"])),
        "self-check review": (organizer, reverse("organizer-self-check", args=[pk])),
        "unit home": (unit_user, reverse("unit-home")),
        "expert assignment": (expert, reverse("expert-assignment", args=[assignment.pk])),
        "admin findings": (admin, reverse("admin:ceping_finding_changelist")),
    }
    pages = {}
    for name, (user, url) in seen.items():
        response = client_for(user).get(url)
        assert response.status_code == 200, name
        pages[name] = visible_text(response.content.decode())
    return pages


def test_no_page_shows_a_finding_kind_by_its_key(
    every_kind: Campaign, organizer: Any, unit_user: Any, experts: list[Any], django_user_model: Any
) -> None:
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    pages = _pages(every_kind, organizer, unit_user, experts[1], admin)
    for name, text in pages.items():
        assert english_keys(text) == [], name
    labels = [label_of(k) for k in KINDS]
    for name in (
        "unit story",
        "self-check review",
        "unit home",
        "expert assignment",
        "admin findings",
    ):
        assert all(label in pages[name] for label in [*labels, OTHER_KIND]), name
    # The evidence is there, by its Chinese field labels and values.
    story = pages["unit story"]
    assert "缺少的功能：站内搜索" in story and "缺少的标识：网站标识码" in story
    assert "判断依据：网址带会话标识" in story and "需人工确认：是" in story
    home = pages["unit home"]
    assert "失分说明" in home and "扣分的问题和证据" in home and "如何整改" in home
    counts = client_for(organizer).get(reverse("dash-counts", args=[every_kind.pk])).json()
    assert english_keys(" ".join(counts["findings_by_kind"])) == []
    assert counts["findings_by_kind"][OTHER_KIND] == 1
