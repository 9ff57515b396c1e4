"""The organizer runs a campaign from an empty database in Chromium only: create it with a units
table, scan a loopback farm, score, publish; every job followed live by the page (1366 and 390 px,
screenshots in test-artifacts/web/walk-*)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from scanfarm import served_farm

from ceping.web.models import Campaign, ScanRun, ScanStatus
from tests.web.browser import PHONE, Shots, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"laptop": {"viewport": {"width": 1366, "height": 900}}, "phone": PHONE}
JOB_TIMEOUT_MS = 180_000


@pytest.fixture
def job_worker() -> Iterator[None]:
    """django-tasks' database worker, polling in a thread as `ceping serve` runs it beside the
    web server, until the test ends."""
    worker = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="walk",
        excluded_queue_names=[],
    )

    def work() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
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
    with served_farm(sites=2, pages_per_site=15) as urls:
        table = tmp_path / "被测单位.csv"
        table.write_text(
            "代码,名称,简称,类别,网站\n"
            f"QX01,上海市黄浦区人民政府,黄浦区,区县,{urls[0]}\n"
            f"BM01,上海市财政局,市财政局,市政府部门,{urls[1]}\n",
            encoding="utf-8",
        )
        context = chromium.new_context(locale="zh-CN", **SIZES[size])
        page = context.new_page()
        page.on("pageerror", lambda e: pytest.fail(f"script error: {e}"))
        sign_in(page, live_server.url, "org")
        page.goto(live_server.url + reverse("organizer-home"))
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

        page.click("#step-score button")
        wait_done(page, "计分")
        page.click("#step-publish button")
        wait_done(page, "发布结果")
        shot(page, "published")
        assert "已于 " in page.inner_text("#step-publish")
        assert page.inner_text("#step-publish button") == "撤回发布"
        campaign.refresh_from_db()
        assert campaign.is_published
        page.goto(live_server.url + reverse("dash-results", args=[campaign.pk]))
        shot(page, "results")
        context.close()
