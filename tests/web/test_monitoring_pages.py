"""The monitoring pages: availability per site with its day strip, incidents, the unit's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ceping.campaign.monitoring import monitored_sites, record_samples
from ceping.monitor import Sample
from ceping.web.models import Campaign, MonitorPlan, Rescan, Site, Unit
from tests.monitor.samples import TZ, visits
from tests.web.browser import PHONE, Shots
from tests.web.conftest import client_for
from tests.web.test_phone_layout import LAPTOP, MAX_TALLER, measure

START = dt.datetime(2026, 11, 30, 0, 10, tzinfo=TZ)
HOSTILE = 'https://bm02.example.gov.cn/?q="><script>alert(1)</script>'


@pytest.fixture
def monitored(campaign: Campaign, units: list[Unit]) -> Campaign:
    """A week of visits: 黄浦区 down for 2 hours on the third day (4 visits), 市公安局 (an odd
    address) always up."""
    Site.objects.filter(unit=units[3]).update(url=HOSTILE)
    sites = monitored_sites(campaign)
    outage = set(range(100, 104))
    for url in (units[0].sites.get().url, HOSTILE):
        for s in visits(7, 48, outage if url != HOSTILE else set(), start=START):
            sample = Sample(url, url, s.at, s.status, s.error, s.ttfb_ms)
            record_samples(campaign, s.at, [sample], sites)
    home = units[0].sites.get().url
    for day in range(7):  # a key page visited once a day, missing on two of them
        at = START + dt.timedelta(days=day, hours=12)
        page = Sample(home, home + "xxgk/", at, 404 if day in (1, 4) else 200, None, 9)
        record_samples(campaign, at, [page], sites)
    MonitorPlan.objects.filter(campaign=campaign).update(
        window_end=(START + dt.timedelta(days=6)).date()
    )
    return campaign


def test_the_organizer_sees_availability_a_day_strip_and_incidents(
    monitored: Campaign, organizer: Any, unit_user: Any
) -> None:
    url = f"/dashboard/campaigns/{monitored.pk}/monitoring/"
    assert client_for(unit_user).get(url).status_code == 403
    page = client_for(organizer).get(url).content.decode()
    assert "考核时段 2026-11-30 至 2026-12-06" in page
    assert "98.81%" in page  # 332 of 336
    assert "100.00%" in page
    assert page.count('class="day ') == 2 * 7 + 5  # two strips and the legend
    assert page.count('class="day warn"') == 1
    assert "12-02：访问 48 次，失败 4 次" in page
    assert '<td class="num">7/2</td>' in page  # 黄浦区's key page; 市公安局 has none: —
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    incident = page[page.index('id="incidents"') :]
    assert "黄浦区" in incident and "连续 4 次访问失败：连接被拒绝" in incident
    assert '<td class="nw">2小时</td>' in incident  # 02:10 on day 3 to the success at 04:10


def test_a_unit_sees_its_own_incidents_only(
    monitored: Campaign, unit_user: Any, other_unit_user: Any, organizer: Any
) -> None:
    own = client_for(unit_user).get("/unit/").content.decode()
    assert "网站无法访问记录" in own and "连续 4 次访问失败" in own
    other = client_for(other_unit_user).get("/unit/").content.decode()
    assert "监测期间没有无法访问的情况" in other and "连续 4 次访问失败" not in other
    unit_page = client_for(organizer).get(f"/dashboard/campaigns/{monitored.pk}/units/QX01/")
    assert "连续 4 次访问失败" in unit_page.content.decode()


def test_a_campaign_not_monitored_says_so(campaign: Campaign, organizer: Any) -> None:
    page = client_for(organizer).get(f"/dashboard/campaigns/{campaign.pk}/monitoring/")
    text = page.content.decode()
    assert "尚无监测数据" in text and "尚未进行定期复查检测" in text
    # Says who starts it, since no button here does; no command-line option shown as if it were.
    assert "请系统管理员在服务器上运行" in text and "--rescan-every" not in text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_monitoring_page_fits_a_phone(
    live_server: Any, chromium: Any, monitored: Campaign, organizer: Any
) -> None:
    pages = {"monitor": f"/dashboard/campaigns/{monitored.pk}/monitoring/"}
    shot = Shots("phone-layout-monitor")
    sizes = {}
    for name, options in (("laptop", LAPTOP), ("phone", PHONE)):
        context = chromium.new_context(locale="zh-CN", **options)
        sizes[name] = measure(context, live_server.url, pages, shot, name)["monitor"]
        context.close()
    (wide_height, _, _), (narrow_height, narrow_width, squeezed) = sizes["laptop"], sizes["phone"]
    assert narrow_height <= MAX_TALLER * wide_height
    assert narrow_width <= PHONE["viewport"]["width"]
    assert squeezed == []


def test_the_newest_rescan_of_each_site_is_compared(
    monitored: Campaign, units: list[Unit], organizer: Any
) -> None:
    site = units[0].sites.get()
    for day, new in ((1, 9), (8, 2)):
        Rescan.objects.create(
            campaign=monitored,
            site=site,
            finished=START + dt.timedelta(days=day),
            new_count=new,
            fixed_count=1,
            still_open=5,
        )
    page = client_for(organizer).get(f"/dashboard/campaigns/{monitored.pk}/monitoring/")
    table = page.content.decode().split('id="rescans"')[1]
    assert "2026-12-08 00:10" in table and "2026-12-01" not in table
    assert '<td class="num">2</td><td class="num">1</td><td class="num">5</td>' in table
    assert "尚未进行定期复查检测" not in table


def test_the_admin_edits_the_plan_and_lists_incidents(
    monitored: Campaign, django_user_model: Any
) -> None:
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    client = client_for(root)
    plan = MonitorPlan.objects.get(campaign=monitored)
    page = client.get(f"/admin/ceping/monitorplan/{plan.pk}/change/").content.decode()
    assert "告警邮箱" in page and "告警回调地址" in page and "考核时段截止日" in page
    incidents = client.get("/admin/ceping/incident/").content.decode()
    assert "qx01.example.gov.cn" in incidents


def test_a_campaign_of_many_sites_lists_the_least_available(
    monitored: Campaign, organizer: Any, monkeypatch: Any
) -> None:
    from ceping.web.views import monitoring

    monkeypatch.setattr(monitoring, "SHOWN_SITES", 1)
    page = client_for(organizer).get(f"/dashboard/campaigns/{monitored.pk}/monitoring/")
    table = page.content.decode().split('id="availability"')[1].split("</table>")[0]
    assert "共 2 个网站，显示可用率最低的 1 个" in page.content.decode()
    assert "黄浦区" in table and "市公安局" not in table
