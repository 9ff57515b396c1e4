"""The issue explorer: filters and their counts, pages, links from the overview, Excel, access."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ceping.campaign import explorer
from ceping.campaign.scoring import score_and_store
from ceping.web.models import Campaign, Finding, FindingStatus, ScanRun, Unit
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def more(campaign: Campaign, units: list[Unit], findings: dict[str, list[Finding]]) -> Campaign:
    """Besides the fixture's three: a fixed broken link and an unknown kind on BM01 (市政府部门),
    and a cell of hostile text."""
    bm01 = units[2]
    run = ScanRun.objects.create(campaign=campaign, site=bm01.sites.get(), status="done")
    site = bm01.sites.get().url
    Finding.objects.create(
        scan_run=run,
        kind="broken_link",
        page=f"{site}x.html",
        key="BM01-1",
        status=FindingStatus.FIXED,
        data={"url": '=HYPERLINK("http://evil")', "status": 500},
    )
    Finding.objects.create(
        scan_run=run, kind="from_the_future", page=site, key="BM01-2", data={"what": "<i>x</i>"}
    )
    return campaign


def url(campaign: Campaign, **query: str) -> str:
    base = reverse("dash-findings", args=[campaign.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_only_the_organizer_explores_and_exports(
    more: Campaign, organizer: Any, experts: list[Any], unit_user: Any
) -> None:
    for page in (url(more), reverse("dash-findings-export", args=[more.pk])):
        assert client_for(organizer).get(page).status_code == 200, page
        assert client_for(experts[0]).get(page).status_code == 403, page
        assert client_for(unit_user).get(page).status_code == 403, page


def test_filters_combine_and_each_choice_counts_under_the_others(more: Campaign) -> None:
    every = explorer.FindingFilter()
    assert explorer.findings(more, every).count() == 5
    links = explorer.FindingFilter(kind="broken_link")
    assert [f.key for f in explorer.findings(more, links)] == ["BM01-1", "QX01-1", "QX02-1"]
    district = explorer.FindingFilter(kind="broken_link", category="区县")
    assert [f.key for f in explorer.findings(more, district)] == ["QX01-1", "QX02-1"]
    fixed = explorer.FindingFilter(status="fixed")
    assert [f.key for f in explorer.findings(more, fixed)] == ["BM01-1"]
    other = explorer.FindingFilter(kind=explorer.OTHER_KIND)
    assert [f.key for f in explorer.findings(more, other)] == ["BM01-2"]
    assert [f.key for f in explorer.findings(more, explorer.FindingFilter(unit="QX01"))] == [
        "QX01-1",
        "QX01-2",
    ]
    facets = explorer.facets(more, district)
    # Kinds are counted within 区县 whatever kind is chosen; categories within broken links.
    assert [(c.label, c.count) for c in facets.kinds] == [("错链断链", 2), ("错别字", 1)]
    assert [(c.label, c.count) for c in facets.categories] == [("区县", 2), ("市政府部门", 1)]
    assert [(c.label, c.count) for c in facets.units] == [("黄浦区", 1), ("徐汇区", 1)]
    assert [(c.label, c.count) for c in facets.statuses] == [("待整改", 2)]
    assert [(c.label, c.count) for c in explorer.kind_counts(more)] == [
        ("错链断链", 3),
        ("错别字", 1),
        ("其他问题", 1),
    ]
    # A status that is none of ours filters nothing.
    assert explorer.FindingFilter.from_query({"status": "nope", "unit": "QX01"}) == (
        explorer.FindingFilter(unit="QX01")
    )


def test_the_page_shows_filtered_findings_escaped_with_counts(
    more: Campaign, organizer: Any
) -> None:
    client = client_for(organizer)
    text = client.get(url(more, kind="broken_link", category="区县")).content.decode()
    assert "共 <b>2</b> 条问题" in text
    assert '<option value="broken_link" selected>错链断链（2）</option>' in text
    assert '<option value="typo">错别字（1）</option>' in text
    assert "missing.html?q=&lt;script&gt;" in text and "<script>alert(1)</script>" not in text
    assert "?kind=broken_link&amp;category=%E5%8C%BA%E5%8E%BF" in text  # the export keeps them
    other = client.get(url(more, kind="other")).content.decode()
    assert "共 <b>1</b> 条问题" in other and "&lt;i&gt;x&lt;/i&gt;" in other


def test_pages_of_fifty(campaign: Campaign, units: list[Unit], organizer: Any) -> None:
    run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get(), status="done")
    Finding.objects.bulk_create(
        Finding(scan_run=run, kind="typo", page=f"https://x/{n:03d}", key=f"k{n}", data={})
        for n in range(explorer.PAGE_SIZE + 3)
    )
    client = client_for(organizer)
    first = client.get(url(campaign, kind="typo")).content.decode()
    assert first.count(">https://x/") == explorer.PAGE_SIZE and "第 1/2 页" in first
    assert "?kind=typo&amp;page=2" in first
    second = client.get(url(campaign, kind="typo", page="2")).content.decode()
    assert second.count(">https://x/") == 3 and "https://x/052" in second
    assert client.get(url(campaign, page="abc")).status_code == 200  # the first page


def test_every_count_on_the_overview_links_to_the_explorer(more: Campaign, organizer: Any) -> None:
    base = reverse("dash-findings", args=[more.pk])
    client = client_for(organizer)
    overview = client.get(reverse("dash-overview", args=[more.pk])).content.decode()
    assert f'<a href="{base}" data-count="findings">5</a>' in overview
    for kind, n in (("broken_link", 3), ("typo", 1), ("other", 1)):
        assert f'<a href="{base}?kind={kind}">{n}</a>' in overview
    unit = client.get(reverse("dash-unit", args=[more.pk, "QX01"])).content.decode()
    assert f'<a href="{base}?unit=QX01">2</a>' in unit
    score_and_store(more)
    results = client.get(reverse("dash-results", args=[more.pk])).content.decode()
    assert f'<a href="{base}?unit=QX01">2</a>' in results
    assert f'<a href="{base}?unit=BM01">2</a>' in results


def test_export_has_chinese_headers_evidence_columns_and_no_formulas(
    more: Campaign, organizer: Any
) -> None:
    response = client_for(organizer).get(
        reverse("dash-findings-export", args=[more.pk]) + "?kind=broken_link"
    )
    assert response["Content-Disposition"] == 'attachment; filename="2012-findings.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [*explorer.EXPORT_COLUMNS, "链接地址", "状态码"]
    assert [r[1] for r in rows[1:]] == ["BM01", "QX01", "QX02"]
    bm01 = rows[1]
    assert bm01[2:7] == ["市财政局", "市政府部门", "错链断链", "https://bm01.example.gov.cn/x.html",
                         "已申请复查"]  # fmt: skip
    assert bm01[7] == '=HYPERLINK("http://evil")' and sheet.cell(2, 8).data_type == "s"
    assert rows[2][7].endswith("missing.html?q=<script>alert(1)</script>")


def test_fix_rates_per_unit_and_kind(more: Campaign, organizer: Any) -> None:
    """复查通过 out of every finding but the dismissed ones, per unit and per kind, under the
    filters but the status."""
    qx01 = Finding.objects.get(key="QX01-1")
    qx01.status = FindingStatus.CLOSED
    qx01.save()
    Finding.objects.filter(key="QX02-1").update(status=FindingStatus.DISMISSED)
    by_unit, by_kind = explorer.fix_rates(more, explorer.FindingFilter(status="open"))
    units = {r.value: (r.total, r.requested, r.passed, r.rate) for r in by_unit}
    assert units["BM01"] == (2, 1, 0, "0.0%")
    assert units["QX01"][2] == 1 and units["QX01"][3] == f"{100 / units['QX01'][0]:.1f}%"
    counted = Finding.objects.exclude(status=FindingStatus.DISMISSED).count()
    assert sum(r.total for r in by_unit) == sum(r.total for r in by_kind) == counted
    kinds = {r.label: (r.total, r.passed) for r in by_kind}
    assert kinds["错链断链"] == (2, 1)  # BM01's (requested) and QX01's (passed); QX02's dismissed
    page = client_for(organizer).get(url(more)).content.decode()
    assert 'id="fix-unit"' in page and 'id="fix-kind"' in page and "整改率" in page
    assert page.count('id="fix-rates"') == 1 and "<title>问题清单 · " in page  # once, in the body
