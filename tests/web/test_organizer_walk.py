"""A whole campaign in Chromium, from an empty database: the organizer creates it with a units
table, scans a loopback farm, assigns an expert; the expert scores; a member of the public
answers the survey; the organizer scores and publishes; the unit's webmaster sees the score and
lost points, fixes a broken link on the farm, asks for a re-check, the organizer runs it and the
webmaster sees it pass. Every job followed live by the page (1366 and 390 px, screenshots in
test-artifacts/web/walk-*)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from ceping.campaign import experts as svc
from ceping.campaign.campaigns import framework_of
from ceping.campaign.roles import create_user
from ceping.sitefarm.farm import FarmFile, build_farm
from ceping.sitefarm.server import FarmServer, free_port
from ceping.web.models import (
    Campaign,
    ExpertAssignment,
    Finding,
    FindingStatus,
    Role,
    ScanRun,
    ScanStatus,
    SurveyResponse,
    Unit,
)
from tests.web.browser import PHONE, Shots, sign_in
from tests.web.conftest import PASSWORD
from tests.web.test_jobs import start_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"laptop": {"viewport": {"width": 1366, "height": 900}}, "phone": PHONE}
JOB_TIMEOUT_MS = 180_000


@pytest.fixture
def job_worker() -> Iterator[None]:
    """django-tasks' database worker, polling in a thread as `ceping serve` runs it beside the
    web server, until the test ends."""
    worker, thread = start_worker(batch=False, interval=0.2, worker_id="walk")
    yield
    worker.running = False
    thread.join(60)


def wait_done(page: Any, label: str) -> None:
    page.locator(".job.state-done", has_text=label).first.wait_for(timeout=JOB_TIMEOUT_MS)


@pytest.mark.parametrize("size", list(SIZES))
def test_organizer_runs_a_campaign_in_the_browser(
    live_server: Any,
    chromium: Any,
    organizer: Any,
    job_worker: None,
    settings: Any,
    tmp_path: Path,
    size: str,
) -> None:
    settings.SCAN_ALLOW_PRIVATE = True  # the farm is on loopback
    shot = Shots(f"walk-{size}")
    farm = build_farm(seed=7, sites=2, pages_per_site=15, port=free_port(), dynamic=False)
    server = FarmServer(farm).start()
    try:
        _walk(live_server.url, chromium, farm, shot, SIZES[size], tmp_path)
    finally:
        server.stop()


def _walk(base: str, chromium: Any, farm: Any, shot: Shots, size: Any, tmp_path: Path) -> None:
    urls = farm.start_urls
    table = tmp_path / "被测单位.csv"
    table.write_text(
        "代码,名称,简称,类别,网站\n"
        f"QX01,上海市黄浦区人民政府,黄浦区,区县,{urls[0]}\n"
        f"BM01,上海市财政局,市财政局,市政府部门,{urls[1]}\n",
        encoding="utf-8",
    )
    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    page.on("pageerror", lambda e: pytest.fail(f"script error: {e}"))
    sign_in(page, base, "org", shot)
    page.goto(base + reverse("organizer-home"))
    shot(page, "home-empty")
    page.click("text=新建测评活动")
    page.fill("#id_name", "2013年度政府网站测评")
    page.fill("#id_year", "2013")
    page.set_input_files("#id_table", str(table))
    shot(page, "new-filled")
    page.click("button:has-text('建立')")
    wait_done(page, "建立测评活动")
    shot(page, "created")
    page.click("text=进入测评活动管理")
    campaign = Campaign.objects.get(name="2013年度政府网站测评")
    assert sorted(campaign.units.values_list("code", flat=True)) == ["BM01", "QX01"]
    controls = page.url

    shot(page, "controls")
    page.click("#step-scan button")
    page.locator(".job", has_text="机器检测").first.wait_for()
    shot(page, "scanning")
    wait_done(page, "机器检测")
    shot(page, "scanned")
    statuses = set(ScanRun.objects.filter(campaign=campaign).values_list("status", flat=True))
    assert statuses == {ScanStatus.DONE}
    assert page.inner_text("#step-scan button") == "检测已全部完成"
    assert "状态：专家和公众测评中" in page.inner_text("main")

    # The people of the campaign (their accounts; the accounts page is walked elsewhere).
    create_user("e1", PASSWORD, Role.EXPERT, first_name="专家甲")
    create_user("u-qx01", PASSWORD, Role.UNIT, unit=Unit.objects.get(code="QX01"))
    page.click("text=专家分配与进度")
    page.fill("#k", "1")
    page.click("button[value=auto]")
    page.wait_for_selector("text=已自动分配 2 项")
    shot(page, "assigned")
    context.close()

    _expert_scores(base, chromium, campaign, shot, size)
    _public_answers(base, chromium, campaign, shot, size)

    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    sign_in(page, base, "org")
    page.goto(controls)
    page.click("#step-score button")
    wait_done(page, "计分")
    page.click("#step-publish button")
    wait_done(page, "发布结果")
    shot(page, "published")
    assert "已于 " in page.inner_text("#step-publish")
    assert page.inner_text("#step-publish button") == "撤回发布"
    campaign.refresh_from_db()
    assert campaign.is_published
    page.goto(base + reverse("dash-results", args=[campaign.pk]))
    page.wait_for_selector("#rates-chart canvas")
    # The rate chart's area names share the plot's width: at 390 px a fixed 90 px each ran the
    # four names into each other.
    box, label, areas, years = page.evaluate(
        """() => { const box = document.getElementById("rates-chart");
                   const option = echarts.getInstanceByDom(box).getOption(), x = option.xAxis[0];
                   return [box.clientWidth, x.axisLabel.width, x.data.length,
                           option.series.map(s => s.name)]; }"""
    )
    assert areas >= 2 and label * areas <= box - 40, (box, label, areas)
    assert years == ["2013年"]  # no campaign of 2012: no legend of a year without a bar
    shot(page, "results")

    fixed = _webmaster_fixes_a_link(base, chromium, farm, shot, size)
    page.goto(controls)
    page.click("#step-recheck button")
    wait_done(page, "复查")
    shot(page, "rechecked")
    context.close()

    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    sign_in(page, base, "u-qx01")
    card = page.inner_text(f"#finding-{fixed.pk}")
    assert "复查通过" in card, card
    shot(page, "unit-passed")
    fixed.refresh_from_db()
    assert fixed.status == FindingStatus.CLOSED
    context.close()


def _expert_scores(base: str, chromium: Any, campaign: Campaign, shot: Shots, size: Any) -> None:
    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    sign_in(page, base, "e1")
    page.wait_for_selector("text=我的测评任务")
    shot(page, "expert-tasks")
    # The expert scores the district's site (whose webmaster walks on below).
    page.locator("tr", has_text="上海市黄浦区人民政府").locator("a.btn", has_text="评分").click()
    page.wait_for_selector("#score-form")
    for item in svc.expert_items(framework_of(campaign)):
        code = item.code.replace(".", "\\.")
        if item.scale:
            page.check(f"input[name=choice-{code}][value={item.choices[0]}]")
        else:
            page.fill(f"#points-{code}", f"{item.max * 0.8:g}")
    shot(page, "expert-filled")
    page.click("button[value=submit]")
    page.wait_for_selector("text=评分已提交")
    shot(page, "expert-submitted")
    assert ExpertAssignment.objects.filter(submitted__isnull=False).count() == 1
    context.close()


def _public_answers(base: str, chromium: Any, campaign: Campaign, shot: Shots, size: Any) -> None:
    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    page.goto(f"{base}/survey/{campaign.pk}/")
    page.select_option("#unit", label="黄浦区")
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("label").first.click()
    shot(page, "survey-answered")
    page.click("button[type=submit]")
    page.wait_for_selector("text=感谢您的参与")
    shot(page, "survey-thanks")
    assert SurveyResponse.objects.count() == 1
    context.close()


def _webmaster_fixes_a_link(base: str, chromium: Any, farm: Any, shot: Shots, size: Any) -> Finding:
    """The webmaster reads the score and lost points, puts the missing page back on the site
    (here: the farm serves it from now on) and asks for the re-check."""
    site = farm.sites[0]
    broken = Finding.objects.filter(
        kind="broken_link", scan_run__site__unit__code="QX01", data__url__startswith=site.base
    ).first()
    assert broken is not None
    context = chromium.new_context(locale="zh-CN", **size)
    page = context.new_page()
    sign_in(page, base, "u-qx01")
    page.wait_for_selector("#score")
    assert "失分说明" in page.inner_text("main")
    shot(page, "unit-published")
    site.files[urlsplit(broken.data["url"]).path] = FarmFile(body="<html>已恢复</html>".encode())
    page.check(f"input[name=finding][value='{broken.pk}']")
    page.fill("#note", "已恢复该页面")
    page.click("text=已整改，申请复查")
    page.wait_for_selector("text=已对 1 个问题申请复查")
    shot(page, "unit-requested")
    context.close()
    return broken
