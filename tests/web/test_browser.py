"""End to end in Chromium: an expert scores a site, the public answers on a phone, a unit asks for a
re-check."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from ceping.campaign import experts as svc
from ceping.campaign import rechecks
from ceping.campaign.campaigns import framework_of
from ceping.web.models import (
    Campaign,
    ExpertAssignment,
    FindingStatus,
    SelfAssessment,
    SurveyResponse,
    Unit,
)
from tests.web.browser import PHONE, Shots, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_expert_scores_a_site_end_to_end(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    experts: list[Any],
    units: list[Unit],
    findings: Any,
) -> None:
    a = svc.assign(campaign, experts[1], units[0])
    shot = Shots("expert")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    sign_in(page, live_server.url, "e2", shot)
    page.wait_for_selector("text=我的测评任务")
    shot(page, "workspace")
    page.click("text=评分")
    page.wait_for_selector("#score-form")
    assert page.locator("aside").inner_text().count("错链断链") == 1  # the finding, as evidence
    shot(page, "form-empty")
    page.fill("#points-A1\\.1", "4.5")
    page.fill("#comment-A1\\.1", "专题专栏齐全")
    page.click("button[value=save]")
    page.wait_for_selector("text=草稿已保存")
    assert page.input_value("#points-A1\\.1") == "4.5"
    shot(page, "draft-saved")
    for item in svc.expert_items(framework_of(campaign)):
        code = item.code.replace(".", "\\.")
        if item.scale:
            page.check(f"input[name=choice-{code}][value={item.choices[1]}]")
        elif item.code != "A1.1":
            page.fill(f"#points-{code}", f"{item.max / 2:g}")
    page.click("button[value=submit]")
    page.wait_for_selector("text=评分已提交")
    shot(page, "submitted")
    a.refresh_from_db()
    assert a.submitted is not None and a.scores.get(indicator="A1.1").points == 4.5
    assert ExpertAssignment.objects.get().scores.count() == len(
        svc.expert_items(framework_of(campaign))
    )
    context.close()


def test_the_public_answers_on_a_phone_and_a_second_attempt_is_refused(
    live_server: Any, chromium: Any, campaign: Campaign, units: list[Unit]
) -> None:
    shot = Shots("survey")
    context = chromium.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    url = f"{live_server.url}/survey/{campaign.pk}/"

    def answer() -> None:
        page.goto(url)
        page.select_option("#unit", label="徐汇区")
        for fieldset in page.locator("fieldset").all():
            fieldset.locator("label").first.click()
        shot(page, "answered")
        page.click("button[type=submit]")

    page.goto(url)
    # Nothing wider than the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "form")
    answer()
    page.wait_for_selector("text=感谢您的参与")
    shot(page, "thanks")
    answer()
    page.wait_for_selector("#refused")
    assert "您已经评价过这个网站" in page.inner_text("#refused")
    shot(page, "refused")
    assert SurveyResponse.objects.count() == 1
    context.close()


def test_the_public_passes_the_proof_of_work_check_on_a_phone(
    live_server: Any, chromium: Any, campaign: Campaign, units: list[Unit], settings: Any
) -> None:
    settings.SURVEY_CAPTCHA_AFTER = 0  # asked at once
    shot = Shots("survey-check")
    context = chromium.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/survey/{campaign.pk}/")
    page.select_option("#unit", label="徐汇区")
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("label").first.click()
    page.locator("altcha-widget label").first.click()  # what a person does
    # The widget writes its answer into the form once the browser has done the work.
    expect(page.locator("input[name=captcha]")).to_have_value(re.compile(r".+"), timeout=60_000)
    shot(page, "verified")
    page.click("button[type=submit]")
    page.wait_for_selector("text=感谢您的参与")
    assert SurveyResponse.objects.count() == 1
    assert refused == []  # the widget and its workers run under the page's policy
    context.close()


def test_a_unit_requests_a_recheck(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    unit_user: Any,
    findings: Any,
) -> None:
    shot = Shots("unit")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    sign_in(page, live_server.url, "u-qx01", shot)
    page.wait_for_selector("#recheck-form")
    shot(page, "findings")
    first = findings["QX01"][0]
    page.check(f"input[name=finding][value='{first.pk}']")
    page.fill("#note", "已修复失效链接")
    page.click("text=已整改，申请复查")
    page.wait_for_selector("text=已对 1 个问题申请复查")
    shot(page, "requested")
    first.refresh_from_db()
    assert first.status == FindingStatus.FIXED
    assert "已申请复查" in page.inner_text("#recheck-form")
    # The re-check finds the link still broken: the page says so, with when and what it found.
    rechecks.recheck([first.pk], lambda url: 404)
    page.reload()
    card = page.inner_text(f"#finding-{first.pk}")
    assert "仍未整改" in card and "网址返回状态码404，问题仍然存在" in card
    shot(page, "still-open")
    page.click("#material-link")
    page.wait_for_selector("text=A2.11")
    # One form: text typed in two indicators is saved by one click.
    page.fill("#m-A1\\.3", "实事项目已在信息公开栏目发布")
    page.fill("#m-A2\\.11", "已建立网站安全管理制度")
    page.click("#material-form button[type=submit]")
    page.wait_for_selector("text=自查材料已保存")
    shot(page, "material")
    saved = dict(SelfAssessment.objects.values_list("indicator", "material"))
    assert saved == {"A1.3": "实事项目已在信息公开栏目发布", "A2.11": "已建立网站安全管理制度"}
    context.close()


def test_the_organizer_assigns_experts_and_reads_progress(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    organizer: Any,
    experts: list[Any],
) -> None:
    shot = Shots("organizer")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    sign_in(page, live_server.url, "org", shot)
    page.wait_for_selector("text=专家分配与进度")
    shot(page, "home")
    page.click("text=专家分配与进度")
    page.fill("#k", "3")
    page.click("button[value=auto]")
    page.wait_for_selector("text=已自动分配 12 项")
    shot(page, "assigned")
    assert ExpertAssignment.objects.count() == 12
    items = svc.expert_items(framework_of(campaign))
    for n, a in enumerate(ExpertAssignment.objects.select_related("campaign")):
        given = {
            i.code: svc.ScoreInput(
                points=f"{i.max * ((n % 3) + 1) / 3:g}", choice=i.choices[n % 2] if i.scale else ""
            )
            for i in items
        }
        assert svc.save_scores(a, given, a.expert, submit=True) == {}
    page.goto(f"{live_server.url}/organizer/campaigns/{campaign.pk}/expert-results/")
    shot(page, "expert-results")
    page.goto(f"{live_server.url}/organizer/campaigns/{campaign.pk}/survey/")
    shot(page, "survey-stats")
    page.goto(f"{live_server.url}/organizer/campaigns/{campaign.pk}/portal/")
    shot(page, "portal")
    context.close()
