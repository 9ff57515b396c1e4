"""The organizer's dashboard: who may see it, what it shows, and the report files it hands out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ceping.campaign.campaigns import create_campaign
from ceping.campaign.reports import report_dir, write_reports
from ceping.campaign.scoring import score_and_store
from ceping.web.models import Campaign, Finding, ScanRun, Unit
from tests.web.conftest import TEST_FRAMEWORK, client_for

TEMPLATE = Path(__file__).with_name("notice-template.txt")


@pytest.fixture
def scored(campaign: Campaign, findings: dict[str, list[Finding]]) -> Campaign:
    score_and_store(campaign)
    return campaign


def test_only_the_organizer_sees_the_dashboard(
    scored: Campaign, organizer: Any, experts: list[Any], unit_user: Any
) -> None:
    for url in (
        f"/dashboard/campaigns/{scored.pk}/",
        f"/dashboard/campaigns/{scored.pk}/results/",
        f"/dashboard/campaigns/{scored.pk}/units/QX01/",
        f"/dashboard/campaigns/{scored.pk}/counts.json",
    ):
        assert client_for(organizer).get(url).status_code == 200, url
        assert client_for(experts[0]).get(url).status_code == 403, url
        assert client_for(unit_user).get(url).status_code == 403, url


def test_live_counts(scored: Campaign, organizer: Any) -> None:
    counts = client_for(organizer).get(f"/dashboard/campaigns/{scored.pk}/counts.json").json()
    assert (counts["units"], counts["findings"], counts["scored"]) == (4, 3, 4)
    assert counts["findings_by_kind"] == {"错链断链": 2, "错别字": 1}


def test_results_table_lists_every_unit_in_rank_order(scored: Campaign, organizer: Any) -> None:
    page = client_for(organizer).get(f"/dashboard/campaigns/{scored.pk}/results/").content.decode()
    for unit in Unit.objects.all():
        assert f"/dashboard/campaigns/{scored.pk}/units/{unit.code}/" in page
    assert page.index("黄浦区") < page.index(
        "市财政局"
    )  # 区县 before 市政府部门, as the framework lists them
    assert 'id="grades-data"' in page and 'id="rates-data"' in page


def test_last_years_rates_only_beside_a_campaign_of_last_year(
    scored: Campaign, organizer: Any, units: list[Unit]
) -> None:
    # The chart was headed 与上年对比 with a legend for last year when there was no last year.
    later = create_campaign("2013年度测试", 2013, TEST_FRAMEWORK, units=units, previous=scored)[0]
    for unit in units:  # both years' scans finished, so that the machine items have rates
        ScanRun.objects.create(campaign=later, site=unit.sites.get(), status="done")
        for run in ScanRun.objects.filter(site__unit=unit):
            run.finished, run.summary = timezone.now(), {"url": run.site.url, "reachable": True}
            run.save()
    score_and_store(scored)
    score_and_store(later)
    url = f"/dashboard/campaigns/{scored.pk}/results/"
    page = client_for(organizer).get(url).content.decode()
    assert "<h2>各项优良率</h2>" in page and '"has_previous": false' in page
    assert 'id="rates-chart"' in page
    url = f"/dashboard/campaigns/{later.pk}/results/"
    page = client_for(organizer).get(url).content.decode()
    assert "<h2>各项优良率（与上年对比）</h2>" in page and '"has_previous": true' in page


def test_unit_page_shows_evidence_as_text(scored: Campaign, organizer: Any) -> None:
    page = (
        client_for(organizer).get(f"/dashboard/campaigns/{scored.pk}/units/QX01/").content.decode()
    )
    assert "<div>错误文字：国务晥</div><div>建议改为：国务院</div>" in page
    assert "https://qx01.example.gov.cn/missing.html" in page
    assert "<script>alert(1)</script>" not in page
    assert "A2.6 链接有效性（错链断链）" in page


def test_reports_are_written_listed_and_downloaded(scored: Campaign, organizer: Any) -> None:
    write_reports(scored, template=TEMPLATE)
    client = client_for(organizer)
    listing = client.get(f"/dashboard/campaigns/{scored.pk}/reports/").content.decode()
    # Each unit's report is named by the unit, not by its code alone.
    assert "通报（Word）" in listing and "单位测评报告：上海市黄浦区（QX01）" in listing
    response = client.get(f"/dashboard/campaigns/{scored.pk}/reports/notice.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="2012-notice.docx"'
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_a_report_of_no_stored_unit_keeps_its_code(scored: Campaign, organizer: Any) -> None:
    write_reports(scored, template=TEMPLATE)
    units = report_dir(scored) / "units"
    (units / "ZZ99.docx").write_bytes((units / "QX01.docx").read_bytes())
    listing = client_for(organizer).get(f"/dashboard/campaigns/{scored.pk}/reports/")
    page = listing.content.decode()
    assert "单位测评报告 ZZ99" in page and "单位测评报告：上海市徐汇区（QX02）" in page


def test_a_path_outside_the_reports_is_refused(scored: Campaign, organizer: Any) -> None:
    write_reports(scored, template=TEMPLATE)
    (report_dir(scored).parent / "secret.txt").write_text("no")
    client = client_for(organizer)
    for path in ("../secret.txt", "units/../../secret.txt", "notice.txt"):
        assert client.get(f"/dashboard/campaigns/{scored.pk}/reports/{path}").status_code == 404, (
            path
        )


def test_each_deduction_names_its_evidence_escaped(campaign: Campaign, organizer: Any) -> None:
    from django.utils import timezone

    from ceping.web.models import ScanRun

    unit = campaign.units.get(code="QX02")
    run = ScanRun.objects.create(
        campaign=campaign, site=unit.sites.get(), status="done", finished=timezone.now()
    )
    site = unit.sites.get().url
    targets = [f"{site}a.html", f"{site}b.html?x=<b>1</b>", "javascript:alert(1)"]
    for n, url in enumerate(targets):
        data = {"kind": "broken_link", "page": f"{site}list.html", "url": url, "status": 404}
        Finding.objects.create(
            scan_run=run, kind="broken_link", page=data["page"], key=f"k{n}", data=data
        )
    score_and_store(campaign)
    page = client_for(organizer).get(f"/dashboard/campaigns/{campaign.pk}/units/QX02/")
    text = page.content.decode()
    cell = text[text.index("A2.6 ") : text.index("</tr>", text.index("A2.6 "))]
    assert cell.count("错链断链，每处扣 0.25 分") == 3
    assert f'<a href="{site}a.html" rel="noopener noreferrer nofollow"' in cell
    assert "b.html?x=&lt;b&gt;1&lt;/b&gt;" in cell and "<b>1</b>" not in cell
    assert "链接地址：javascript:alert(1)" in cell and 'href="javascript' not in cell
    assert f'所在页面：<a href="{site}list.html"' in cell


def test_pages_are_counted_as_the_scan_counts_them(campaign: Campaign, organizer: Any) -> None:
    from ceping.web.models import ScanPage, ScanRun

    qx01, qx02 = (campaign.units.get(code=c).sites.get() for c in ("QX01", "QX02"))
    # A finished run: the scan printed 2 pages; a 404 and a failed fetch were stored to resume.
    done = ScanRun.objects.create(campaign=campaign, site=qx01, status="done", pages=2)
    # A run under way: one page answered, one did not.
    running = ScanRun.objects.create(campaign=campaign, site=qx02, status="running")
    for run, statuses in ((done, (200, 301, 404, None)), (running, (200, 500))):
        for n, status in enumerate(statuses):
            ScanPage.objects.create(
                scan_run=run, url=f"{run.site.url}{n}", url_key=f"{n}", status=status, data={}
            )
    counts = client_for(organizer).get(f"/dashboard/campaigns/{campaign.pk}/counts.json").json()
    assert counts["pages"] == 2 + 1
