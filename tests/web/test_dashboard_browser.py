"""The organizer in a real browser: overview, results table, a unit's page, and the notice
downloaded."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from ceping.campaign.reports import write_reports
from ceping.campaign.scoring import score_and_store
from ceping.web.models import Campaign, Finding
from tests.web.browser import ARTIFACTS, Shots, sign_in

TEMPLATE = Path(__file__).with_name("notice-template.txt")


def _note_refusal(refused: list[str], message: Any) -> None:
    if "Security Policy" in message.text:
        refused.append(message.text)


def test_the_organizer_reads_results_and_downloads_the_notice(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    organizer: Any,
    findings: dict[str, list[Finding]],
) -> None:
    score_and_store(campaign)
    write_reports(campaign, template=TEMPLATE)
    shot = Shots("dashboard")
    for name, viewport in (
        ("laptop", {"width": 1280, "height": 900}),
        ("phone", {"width": 390, "height": 844}),
    ):
        context = chromium.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True)
        page = context.new_page()
        refused: list[str] = []  # what the Content-Security-Policy stopped, as the console says
        page.on("console", partial(_note_refusal, refused))
        sign_in(page, live_server.url, "org")
        page.click("text=概览")
        page.wait_for_selector("#counts")
        assert page.inner_text("[data-count=findings]") == "3"
        shot(page, f"{name}-overview")
        page.click("nav.tabs >> text=测评结果")
        page.wait_for_selector("#grades-chart canvas")  # ECharts, served by the app itself
        assert page.locator("#results tbody tr").count() == 4
        page.select_option("#category-filter", "区县")
        assert page.locator("#results tbody tr:visible").count() == 2
        page.click("#results th:has-text('总分')")
        shot(page, f"{name}-results")
        page.click("#results >> text=黄浦区")
        page.wait_for_selector("#findings")
        assert "错误文字：国务晥\n建议改为：国务院" in page.inner_text("#findings")
        assert page.locator("#findings script").count() == 0
        shot(page, f"{name}-unit")
        page.click("nav.tabs >> text=报告下载")
        with page.expect_download() as download:
            page.click("#downloads >> text=notice.docx")
        saved = ARTIFACTS / f"dashboard-{name}-notice.docx"
        download.value.save_as(saved)
        assert download.value.suggested_filename == "2012-notice.docx"
        assert saved.read_bytes()[:2] == b"PK"
        shot(page, f"{name}-reports")
        assert refused == []  # the charts and tables run under the policy
        context.close()
