"""The organizer's controls in Chromium at 1366 and 390 px: a click starts a job, the page shows it
waiting, and its script follows it to the end without a manual reload (CSP: our script only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ceping.web.models import Campaign, Job
from tests.web.browser import PHONE, Shots, sign_in
from tests.web.test_jobs import worker_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"laptop": {"viewport": {"width": 1366, "height": 900}}, "phone": PHONE}


@pytest.mark.parametrize("size", list(SIZES))
def test_score_from_the_controls_with_live_progress(
    live_server: Any, chromium: Any, campaign: Campaign, organizer: Any, size: str
) -> None:
    shot = Shots(f"jobs-{size}")
    context = chromium.new_context(locale="zh-CN", **SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # a script error, or one CSP refused
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    sign_in(page, live_server.url, "org")
    page.goto(live_server.url + reverse("organizer-controls", args=[campaign.pk]))
    shot(page, "controls")
    page.click("#step-score button")
    page.wait_for_selector(".job.state-waiting")
    assert "已开始“计分”" in page.inner_text(".messages")
    shot(page, "waiting")
    thread = worker_thread()
    # No reload by the test: jobs.js polls, sees the job end and reloads the page itself.
    page.wait_for_selector(".job.state-done", timeout=60_000)
    thread.join(30)
    message = page.inner_text(".job.state-done .job-message")
    assert message.startswith("4 个单位已计分") and message.endswith("结果尚未发布给各单位")
    assert page.inner_text("#step-score button") == "重新计分"
    shot(page, "done")
    assert Job.objects.get().state == "done"
    assert errors == []
    assert [u for u in missing if not u.endswith("/favicon.ico")] == []
    context.close()
