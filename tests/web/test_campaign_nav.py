"""Every page of a campaign carries the same bar of links to all of them, marking itself: pages
the bar led to (专家分配与进度, 公众测评 …) had none, and left the organizer no way on."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from ceping.web.models import Campaign
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

# URL name → the page's tab label, in the bar's order.
PAGES = {
    "dash-overview": "概览",
    "organizer-controls": "活动管理",
    "dash-results": "测评结果",
    "dash-findings": "问题清单",
    "dash-downloads": "报告下载",
    "dash-monitor": "网站监测",
    "organizer-assignments": "专家分配与进度",
    "organizer-expert-results": "专家评分汇总",
    "organizer-survey": "公众测评统计",
    "organizer-portal": "门户网站考核数据",
    "organizer-self-check": "单位自查与复查",
    "organizer-typos": "疑似错别字核实",
    "organizer-notice": "通报填写内容",
    "organizer-deadlines": "截止日期",
}


def _bar(html: str) -> str:
    found = re.search(r'<nav class="tabs" aria-label="测评活动">(.*?)</nav>', html, re.DOTALL)
    assert found, "no campaign bar"
    return found.group(1)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_campaign_page_links_to_every_other_and_marks_itself(
    name: str, campaign: Campaign, organizer: Any
) -> None:
    response = client_for(organizer).get(reverse(name, args=[campaign.pk]))
    assert response.status_code == 200
    bar = _bar(response.content.decode())
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', bar)
    assert [(href, label) for href, _, label in links] == [
        (reverse(n, args=[campaign.pk]), label) for n, label in PAGES.items()
    ]
    assert [label for _, current, label in links if current] == [PAGES[name]]


@pytest.mark.parametrize("name", [n for n in PAGES if n != "dash-overview"])
def test_every_campaign_page_is_headed_campaign_then_page(
    name: str, campaign: Campaign, organizer: Any
) -> None:
    # Half the pages read 页名 · 活动, half 活动 · 页名; the issue list and a unit's page did not
    # name the page or the campaign at all.
    html = client_for(organizer).get(reverse(name, args=[campaign.pk])).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.DOTALL)
    assert heading and heading.group(1) == f"{campaign.name} · {PAGES[name]}"


def test_a_units_page_is_headed_with_its_campaign(
    campaign: Campaign, organizer: Any, units: list[Any]
) -> None:
    html = client_for(organizer).get(reverse("dash-unit", args=[campaign.pk, "QX01"]))
    assert f"<h1>{campaign.name} · 上海市黄浦区</h1>" in html.content.decode()


def test_the_home_page_links_every_campaign_page(campaign: Campaign, organizer: Any) -> None:
    page = client_for(organizer).get(reverse("organizer-home")).content.decode()
    for name, label in PAGES.items():
        assert f'href="{reverse(name, args=[campaign.pk])}">{label}</a>' in page
