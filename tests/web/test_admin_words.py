"""The admin (管理后台) reads in words too: the audit trail named its entries by the keys the code
records (publish, ceping.Campaign, published_at), tokens by their scope keys, and nine kinds of
row as "ExpertScore object (848)"."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from ceping.campaign import experts as svc
from ceping.campaign import publication, rechecks
from ceping.campaign.campaigns import framework_of
from ceping.campaign.scoring import score_and_store
from ceping.web.models import ApiToken, Campaign, Finding, PortalStat, SurveyResponse, Unit
from tests.web.conftest import client_for
from tests.web.every_page import offences, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model: Any) -> Any:
    return django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")


def test_every_admin_list_reads_in_words(
    campaign: Campaign,
    units: list[Unit],
    experts: list[Any],
    unit_user: Any,
    findings: dict[str, list[Finding]],
    staff: Any,
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    given = {
        i.code: svc.ScoreInput(points="1", choice=i.choices[0] if i.scale else "")
        for i in svc.expert_items(framework_of(campaign))
    }
    assert svc.save_scores(a, given, experts[1], submit=True) == {}
    SurveyResponse.objects.create(campaign=campaign, unit=units[0], answers={}, respondent="r1")
    PortalStat.objects.create(campaign=campaign, unit=units[0], submitted=10, adopted=5)
    rechecks.request_recheck(unit_user, [findings["QX01"][0].pk], "已整改")
    score_and_store(campaign)
    publication.publish(campaign, staff)
    ApiToken.issue(staff, "统计脚本")
    client = client_for(staff)
    found = {}
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        text = page_text(client.get(url).content.decode())
        found[meta.model_name] = offences(text) + [m for m in ["object ("] if m in text]
    assert {name: shown for name, shown in found.items() if shown} == {}
    trail = page_text(client.get(reverse("admin:ceping_auditentry_changelist")).content.decode())
    assert "发布结果" in trail and "测评活动" in trail and "结果发布时间" in trail
    tokens = page_text(client.get(reverse("admin:ceping_apitoken_changelist")).content.decode())
    assert "被测单位与测评活动、机器检测发现" in tokens
