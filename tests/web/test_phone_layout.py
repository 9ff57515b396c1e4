"""The organizer's pages on a phone: none may grow more than 4× taller at 390 px than at 1366 px
(a wide table must scroll inside its box, long text must wrap), nor wider than the screen, nor
squeeze a table cell into a column of one or two characters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ceping.campaign import experts as svc
from ceping.campaign import publication, rechecks
from ceping.campaign.campaigns import framework_of
from ceping.campaign.scoring import score_and_store
from ceping.web.models import Campaign, Finding, Job, Unit
from tests.web.browser import PHONE, Shots, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TALLER = 4
# Cells narrower than 2.5 characters whose text (3 or more) runs over more than 2 lines: a
# column squeezed by an unbreakable neighbour (a long URL), read one character per line.
SQUEEZED_CELLS = """
[...document.querySelectorAll("td, th")].filter(cell => {
  const style = getComputedStyle(cell), size = parseFloat(style.fontSize);
  const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const text = document.createRange();
  text.selectNodeContents(cell);
  const height = text.getBoundingClientRect().height;
  const line = parseFloat(style.lineHeight) || 1.5 * size;
  return cell.innerText.trim().length >= 3 && width < 2.5 * size && height > 2.5 * line;
}).map(cell => cell.innerText.trim().slice(0, 12))
"""
LAPTOP = {"viewport": {"width": 1366, "height": 768}}


def pages_at_both_sizes(chromium: Any, base: str, user: str, url: str) -> Iterator[tuple[str, Any]]:
    """`url` signed in as `user`, at laptop size and then at phone size; each context is closed
    once the caller has looked at its page."""
    for name, options in (("laptop", LAPTOP), ("phone", PHONE)):
        context = chromium.new_context(locale="zh-CN", **options)
        page = context.new_page()
        sign_in(page, base, user)
        page.goto(url)
        try:
            yield name, page
        finally:
            context.close()


def organizer_pages(campaign: Campaign) -> dict[str, str]:
    pk = [campaign.pk]
    return {
        "home": reverse("organizer-home"),
        "new-campaign": reverse("organizer-new-campaign"),
        "controls": reverse("organizer-controls", args=pk),
        "accounts": reverse("organizer-accounts"),
        "overview": reverse("dash-overview", args=pk),
        "results": reverse("dash-results", args=pk),
        "unit": reverse("dash-unit", args=[campaign.pk, "QX01"]),
        "findings": reverse("dash-findings", args=pk),
        "downloads": reverse("dash-downloads", args=pk),
        "assignments": reverse("organizer-assignments", args=pk),
        "expert-results": reverse("organizer-expert-results", args=pk),
        "survey": reverse("organizer-survey", args=pk),
        "portal": reverse("organizer-portal", args=pk),
        "self-check": reverse("organizer-self-check", args=pk),
        "typos": reverse("organizer-typos", args=pk),
        "notice": reverse("organizer-notice", args=pk),
        "deadlines": reverse("organizer-deadlines", args=pk),
        "monitor": reverse("dash-monitor", args=pk),
        "api-token": reverse("api-token"),
        "password": reverse("password_change"),
    }


def measure(
    context: Any, base: str, pages: dict[str, str], shot: Shots, name: str, user: str = "org"
) -> dict[str, list[Any]]:
    page = context.new_page()
    sign_in(page, base, user)
    page.wait_for_selector("header .who")
    sizes = {}
    for key, path in pages.items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        sizes[key] = page.evaluate(
            "[Math.ceil(document.body.getBoundingClientRect().height),"
            " document.documentElement.scrollWidth]"
        ) + [page.evaluate(SQUEEZED_CELLS)]
        shot(page, f"{name}-{key}")
    page.close()
    return sizes


def test_organizer_pages_fit_a_phone(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    organizer: Any,
    experts: list[Any],
    units: list[Unit],
    findings: dict[str, list[Finding]],
) -> None:
    items = svc.expert_items(framework_of(campaign))
    for expert in experts[1:4]:
        a = svc.assign(campaign, expert, units[3])
        given = {
            i.code: svc.ScoreInput(points="1", choice=i.choices[0] if i.scale else "")
            for i in items
        }
        assert svc.save_scores(a, given, expert, submit=True) == {}
    run = findings["QX01"][0].scan_run
    page = f"{run.site.url}xwzx/2012/11/t20121102_000123456789_very_long_article_path.html"
    context = "区政府召开常务会议，传达学习国务阮常务会议精神，研究部署下一阶段重点工作" * 2
    data = {"kind": "typo", "page": page, "text": "国务阮", "suggestion": "国务院",
            "context": context, "confidence": 0.6, "suspect": True}  # fmt: skip
    Finding.objects.create(scan_run=run, kind="typo", page=page, key="suspect", data=data)
    score_and_store(campaign)
    # A refused import's reason names every bad row, with the file's long name: it must wrap.
    reason = "\n".join(
        f"2012年度各区县政府网站单位名单（第二批）.xlsx，第 {n} 行，类别：“乡镇”不是指标体系的类别"
        for n in range(2, 9)
    )
    Job.objects.create(campaign=campaign, kind="units", state="failed", message=reason)
    scanning = "已完成 1/4 个网站，本次抓取页面 1234 个，发现问题 56 条"
    Job.objects.create(
        campaign=campaign,
        kind="scan",
        state="running",
        done=1,
        total=4,
        message=scanning,
        heartbeat=timezone.now(),
    )
    pages = organizer_pages(campaign)
    shot = Shots("phone-layout")
    laptop = chromium.new_context(locale="zh-CN", **LAPTOP)
    phone = chromium.new_context(locale="zh-CN", **PHONE)
    wide = measure(laptop, live_server.url, pages, shot, "laptop")
    narrow = measure(phone, live_server.url, pages, shot, "phone")
    laptop.close()
    phone.close()
    too_tall = {
        key: f"{narrow[key][0]} px against {wide[key][0]} px"
        for key in pages
        if narrow[key][0] > MAX_TALLER * wide[key][0]
    }
    too_wide = {key: narrow[key][1] for key in pages if narrow[key][1] > PHONE["viewport"]["width"]}
    squeezed = {key: narrow[key][2] for key in pages if narrow[key][2]}
    assert (too_tall, too_wide, squeezed) == ({}, {}, {})


def test_unit_and_expert_pages_fit_a_phone(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    experts: list[Any],
    units: list[Unit],
    unit_user: Any,
    findings: dict[str, list[Finding]],
) -> None:
    a = svc.assign(campaign, experts[1], units[0])
    # The unit's workspace at its fullest: published results with lost points and their
    # evidence (a long typo context, a long URL), findings through a re-check, a deadline.
    run = findings["QX01"][0].scan_run
    run.finished, run.summary = timezone.now(), {"url": run.site.url, "reachable": True}
    run.save()
    page = f"{run.site.url}xwzx/2012/11/t20121102_000123456789_very_long_article_path.html"
    context = "区政府召开常务会议，传达学习国务阮常务会议精神，研究部署下一阶段重点工作" * 3
    data = {"kind": "typo", "page": page, "text": "国务阮", "suggestion": "国务院",
            "context": context}  # fmt: skip
    Finding.objects.create(scan_run=run, kind="typo", page=page, key="long", data=data)
    for f in Finding.objects.filter(scan_run=run):
        f.data = {**f.data, "kind": f.kind, "page": f.page}
        f.save()
    rechecks.request_recheck(unit_user, [findings["QX01"][0].pk])
    rechecks.recheck([findings["QX01"][0].pk], lambda url: 404)
    campaign.rectify_deadline = timezone.localdate()
    campaign.save()
    score_and_store(campaign)
    publication.publish(campaign)
    shot = Shots("phone-layout-others")
    for user, paths in (
        ("u-qx01", [reverse("unit-home"), reverse("unit-material", args=[campaign.pk])]),
        ("e2", [reverse("expert-home"), reverse("expert-assignment", args=[a.pk])]),
    ):
        pages = {f"{user}-{n}": path for n, path in enumerate(paths)}
        sizes = {}
        for name, options in (("laptop", LAPTOP), ("phone", PHONE)):
            context = chromium.new_context(locale="zh-CN", **options)
            sizes[name] = measure(context, live_server.url, pages, shot, name, user)
            context.close()
        wide, narrow = sizes["laptop"], sizes["phone"]
        assert {k: (wide[k][0], narrow[k][0]) for k in pages if narrow[k][0] > 4 * wide[k][0]} == {}
        assert {k: narrow[k][1] for k in pages if narrow[k][1] > PHONE["viewport"]["width"]} == {}
        assert {k: narrow[k][2] for k in pages if narrow[k][2]} == {}


def test_expert_task_list_reads_on_a_phone(
    live_server: Any, chromium: Any, campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    # A real campaign name and real addresses: the list's 测评活动 and 网站 columns left the
    # address a column of four characters a line on a phone (h-t-t-p / s://w …).
    campaign.name = "2012年度上海市政府网站测评"
    campaign.save()
    for unit, url in zip(units[:3], ("https://www.tax.sh.gov.cn/", "https://www.police.sh.gov.cn/",
                                     "https://www.china-shftz.gov.cn/"), strict=True):  # fmt: skip
        unit.sites.update(url=url)
        svc.assign(campaign, experts[1], unit)
    context = chromium.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, "e2")
    page.goto(live_server.url + reverse("expert-home"))
    Shots("phone-expert-list")(page, "list")
    lines = page.evaluate(
        """[...document.querySelectorAll(".site-url")].map(e => {
             const r = document.createRange(); r.selectNodeContents(e);
             return Math.round(r.getBoundingClientRect().height
                               / parseFloat(getComputedStyle(e).lineHeight)); })"""
    )
    squeezed = page.evaluate(SQUEEZED_CELLS)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert len(lines) == 3 and max(lines) == 1, lines  # each address on one line
    assert (squeezed, width <= PHONE["viewport"]["width"]) == ([], True)


def test_the_scoring_form_points_a_phone_to_the_evidence_below_it(
    live_server: Any, chromium: Any, campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    # One column on a phone: the machine findings come after every indicator of the form.
    a = svc.assign(campaign, experts[1], units[0])
    url = live_server.url + reverse("expert-assignment", args=[a.pk])
    shown = {}
    for name, page in pages_at_both_sizes(chromium, live_server.url, "e2", url):
        link = page.locator("a[href='#machine-findings']")
        shown[name] = link.is_visible()
        if shown[name]:
            link.click()
            page.wait_for_timeout(300)
            top = page.evaluate(
                "document.getElementById('machine-findings').getBoundingClientRect().top"
            )
            assert 0 <= top < page.viewport_size["height"] - 50, top  # the evidence is on screen
    assert shown == {"laptop": False, "phone": True}


def test_the_issue_explorer_reads_on_a_phone_without_scrolling_sideways(
    live_server: Any,
    chromium: Any,
    campaign: Campaign,
    organizer: Any,
    findings: dict[str, list[Finding]],
) -> None:
    # Five columns in a scrolling box left the evidence and the state off the screen's right.
    url = live_server.url + reverse("dash-findings", args=[campaign.pk])
    seen = {}
    for name, page in pages_at_both_sizes(chromium, live_server.url, "org", url):
        Shots("phone-explorer")(page, name)
        seen[name] = page.evaluate(
            """() => { const t = document.getElementById("explorer");
               const right = Math.max(...[...t.querySelectorAll("tbody td")]
                                     .map(td => td.getBoundingClientRect().right));
               return [right <= window.innerWidth, t.tHead.getBoundingClientRect().left >= 0,
                       getComputedStyle(t.querySelector("tbody td"), "::before").content]; }"""
        )
    assert seen["phone"] == [True, False, '"单位："']
    assert seen["laptop"][1:] == [True, "none"]


def test_the_campaign_bar_is_one_row_on_a_phone_with_the_page_shown_in_view(
    live_server: Any, chromium: Any, campaign: Campaign, organizer: Any
) -> None:
    # Fourteen links wrapped to five rows above every campaign page at 390 px.
    url = live_server.url + reverse("organizer-deadlines", args=[campaign.pk])  # the last link
    seen = {}
    for name, page in pages_at_both_sizes(chromium, live_server.url, "org", url):
        page.wait_for_load_state("load")
        Shots("campaign-bar")(page, name)
        seen[name] = page.evaluate(
            """() => { const bar = document.querySelector("nav.tabs");
               const box = bar.getBoundingClientRect();
               const links = [...bar.querySelectorAll("a")].map(a => a.getBoundingClientRect());
               const rows = new Set(links.map(r => Math.round(r.top))).size;
               const now = bar.querySelector("[aria-current=page]").getBoundingClientRect();
               return [rows, bar.scrollWidth > bar.clientWidth,
                       now.left >= box.left - 1 && now.right <= box.right + 1,
                       document.documentElement.scrollWidth <= window.innerWidth]; }"""
        )
    assert seen["phone"] == [1, True, True, True]
    assert seen["laptop"][1:] == [False, True, True]  # wide enough: every link in sight
