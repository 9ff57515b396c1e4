"""The unit webmaster's workspace (/unit/): the current campaign only, score and rank beside last
year's once published, every lost point with its evidence and how to fix it, its own report,
findings followed through re-checks, the organizer's deadlines, one self-check form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ceping.campaign import publication, rechecks, selfcheck
from ceping.campaign.campaigns import create_campaign
from ceping.campaign.reports import report_dir
from ceping.campaign.scoring import score_and_store
from ceping.cli import main
from ceping.fix_hints import fix_hint
from ceping.report.text import points
from ceping.web.models import (
    AuditEntry,
    Campaign,
    CampaignStatus,
    Finding,
    FindingStatus,
    RecheckRequest,
    ScanRun,
    SelfAssessment,
    Unit,
)
from tests.web.conftest import TEST_FRAMEWORK, client_for

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)
TODAY = timezone.localdate()


def _page(user: Any) -> str:
    response = client_for(user).get(reverse("unit-home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def last_year(units: list[Unit], campaign: Campaign) -> Campaign:
    """A 2011 campaign of the same units, with a finding of QX01 still open, scored; 2012 follows
    it."""
    before, _, _ = create_campaign("2011年度测试", 2011, TEST_FRAMEWORK, units=units)
    run = ScanRun.objects.create(campaign=before, site=units[0].sites.get(), status="done")
    Finding.objects.create(
        scan_run=run,
        kind="broken_link",
        page="https://qx01.example.gov.cn/2011.html",
        key="old",
        data={"url": "https://qx01.example.gov.cn/old-2011.html", "status": 404},
    )
    score_and_store(before)
    campaign.previous = before
    campaign.save(update_fields=["previous"])
    return before


@pytest.fixture
def scanned(findings: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
    """The shared findings as a finished scan stores them: the run done with its summary, each
    finding's data as in the scan JSON (kind and page included), so scoring counts them."""
    for found in findings.values():
        run = found[0].scan_run
        run.finished = timezone.now()
        run.summary = {"url": run.site.url, "reachable": True, "pages": 3, "home_ms": 300}
        run.save()
        for f in found:
            f.data = {**f.data, "kind": f.kind, "page": f.page}
            f.save()
    return findings


def _publish(campaign: Campaign) -> None:
    score_and_store(campaign)
    publication.publish(campaign)


# ---- the current campaign only ----------------------------------------------------------------


def test_last_years_findings_are_not_listed_nor_rechecked(
    unit_user: Any, findings: dict[str, Any], last_year: Campaign
) -> None:
    page = _page(unit_user)
    assert "old-2011.html" not in page and "2011.html" not in page
    assert "qx01.example.gov.cn/missing.html" in page
    old = Finding.objects.get(key="old")
    with pytest.raises(selfcheck.SelfCheckError, match="本次测评"):
        rechecks.request_recheck(unit_user, [old.pk])
    old.refresh_from_db()
    assert old.status == FindingStatus.OPEN


def test_a_closed_campaigns_material_is_read_only(
    campaign: Campaign, unit_user: Any, units: list[Unit], last_year: Campaign
) -> None:
    page = _page(unit_user)
    assert reverse("unit-material", args=[campaign.pk]) in page
    assert reverse("unit-material", args=[last_year.pk]) not in page
    client = client_for(unit_user)
    old = client.post(reverse("unit-material", args=[last_year.pk]), {"material-A2.11": "改写"})
    assert old.status_code == 400 and "该测评活动已结束" in old.content.decode()
    assert not SelfAssessment.objects.filter(campaign=last_year).exists()


# ---- score, rank, last year, lost points ------------------------------------------------------


def test_scores_wait_for_publication(
    campaign: Campaign, unit_user: Any, findings: dict[str, Any]
) -> None:
    score_and_store(campaign)
    page = _page(unit_user)
    assert "测评结果尚未公布" in page and 'id="score"' not in page


def test_the_cli_publishes_and_withdraws_as_the_page_does(
    campaign: Campaign, unit_user: Any, findings: dict[str, Any], capsys: Any
) -> None:
    assert main(["campaign", "publish", campaign.name]) == 2  # not scored yet
    assert "尚未计分" in capsys.readouterr().err
    score_and_store(campaign)
    assert main(["campaign", "publish", campaign.name]) == 0
    assert 'id="score"' in _page(unit_user)
    assert main(["campaign", "publish", campaign.name, "--withdraw"]) == 0
    assert "已撤回发布" in capsys.readouterr().out
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCORED and not campaign.is_published
    assert "测评结果尚未公布" in _page(unit_user)


def test_score_rank_and_last_year_are_shown_once_published(
    campaign: Campaign, unit_user: Any, findings: dict[str, Any], last_year: Campaign
) -> None:
    _publish(campaign)
    page = _page(unit_user)
    from ceping.web.models import UnitResultRecord

    now = UnitResultRecord.objects.get(campaign=campaign, unit__code="QX01")
    before = UnitResultRecord.objects.get(campaign=last_year, unit__code="QX01")
    assert f"<b>{now.total:.2f}</b>" in page
    assert f"<b>{now.rank}/2</b>" in page and "在区县中的排名" in page
    assert f"<b>{before.total:.2f} · 第{before.rank}名</b>" in page
    # The unit report's sentence, not a second wording of it.
    assert f"2011年度测试中，本单位得{points(before.total)}分（满分100分）" in page


def test_a_unit_without_a_grade_is_told_why(
    campaign: Campaign, unit_user: Any, organizer: Any, findings: dict[str, Any]
) -> None:
    # The grade read "—" and nothing else: the webmaster could not tell a missing input from a
    # low score.
    unscored = client_for(organizer).get(reverse("dash-unit", args=[campaign.pk, "QX01"]))
    assert "grade-note" not in unscored.content.decode()  # not scored: no grade to explain
    _publish(campaign)
    from ceping.web.models import UnitResultRecord

    record = UnitResultRecord.objects.get(campaign=campaign, unit__code="QX01")
    assert not record.grade and record.missing and not record.vetoes
    said = f"有{len(record.missing)}项指标缺少测评数据，不定等级"
    assert said in _page(unit_user)
    story = client_for(organizer).get(reverse("dash-unit", args=[campaign.pk, "QX01"]))
    assert said in story.content.decode()


def test_every_lost_point_has_its_reason_evidence_and_fix(
    campaign: Campaign, unit_user: Any, scanned: dict[str, Any]
) -> None:
    _publish(campaign)
    page = _page(unit_user)
    lost = page[page.index("<h2>失分说明</h2>") : page.index("<h2>机器检测发现的问题</h2>")]
    assert "A2.6" in lost and "A2.7" in lost
    assert '<th class="num">失分（分）</th>' in lost  # a bare 0.31 said nothing of its unit
    assert (
        "<div>机器检测：发现错链断链1处（错链断链每处扣 0.25 分），问题和证据见后，扣0.25分。</div>"
        in lost
    )
    # The broken link's address is named, escaped, and a link (not one more "−0.25：错链断链").
    assert "missing.html?q=&lt;script&gt;alert(1)&lt;/script&gt;" in lost
    assert "<script>alert" not in page
    assert 'href="https://qx01.example.gov.cn/missing.html?q=' in lost
    assert "状态码：404" in lost
    # The typo: its wrong text and the suggestion.
    assert "错误文字：国务晥" in lost and "建议改为：国务院" in lost
    assert fix_hint("broken_link") in lost and fix_hint("typo") in lost
    # Expert indicators without input are told in words, not skipped.
    # An indicator left unscored is no deduction: it is not said to "扣" points.
    assert "未计分：缺少专家的测评数据，本项未计分（" in lost and "本项未计分，扣" not in lost


def test_a_typo_is_shown_in_its_context_marked_and_escaped(
    campaign: Campaign, unit_user: Any, units: list[Unit]
) -> None:
    run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get(), status="done")
    Finding.objects.create(
        scan_run=run,
        kind="typo",
        page="https://qx01.example.gov.cn/a.html",
        key="t",
        data={"text": "国务阮", "suggestion": "国务院", "context": "<b>传达</b>国务阮会议精神"},
    )
    page = _page(unit_user)
    assert "上下文：&lt;b&gt;传达&lt;/b&gt;<mark>国务阮</mark>会议精神" in page


# ---- the unit's own report ---------------------------------------------------------------------


def _reports(campaign: Campaign, settings: Any, tmp_path: Path) -> None:
    settings.CEPING_HOME = tmp_path
    folder = report_dir(campaign) / "units"
    folder.mkdir(parents=True)
    (folder / "QX01.docx").write_bytes(b"PK QX01 report")
    (folder / "QX02.docx").write_bytes(b"PK QX02 report")


def test_the_unit_downloads_its_own_report_only(
    campaign: Campaign, unit_user: Any, settings: Any, tmp_path: Path
) -> None:
    _reports(campaign, settings, tmp_path)
    client = client_for(unit_user)
    assert client.get(reverse("unit-report")).status_code == 404  # not yet published
    _publish(campaign)
    assert reverse("unit-report") in _page(unit_user)
    response = client.get(reverse("unit-report"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK QX01 report"
    assert response["Content-Disposition"].startswith("attachment")
    # The organizer's downloads are not the unit's way in to another unit's report.
    other = client.get(reverse("dash-download", args=[campaign.pk, "units/QX02.docx"]))
    assert other.status_code == 403


# ---- findings through re-checks ----------------------------------------------------------------


def test_after_a_recheck_a_finding_says_still_open_with_when_and_what(
    unit_user: Any, findings: dict[str, Any]
) -> None:
    broken, typo = findings["QX01"]
    rechecks.request_recheck(unit_user, [broken.pk, typo.pk])
    page = _page(unit_user)
    assert page.count(">已申请复查</span>") == 2
    rechecks.recheck([broken.pk, typo.pk], lambda url: 404 if "missing" in url else 200)
    page = _page(unit_user)
    card = page[page.index(f'id="finding-{broken.pk}"') :]
    card = card[: card.index("如何整改")]
    checked = timezone.localtime(RecheckRequest.objects.get(finding=broken).checked)
    assert ">仍未整改</span>" in card and ">待整改</span>" not in card
    assert f"{checked:%Y-%m-%d %H:%M}复查：网址返回状态码404，问题仍然存在" in card
    # Still open: it may be fixed again and re-checked again.
    assert f'name="finding" value="{broken.pk}"' in card
    typo_card = page[page.index(f'id="finding-{typo.pk}"') :]
    assert "内容是否已改正待下次全面检测确认" in typo_card[: typo_card.index("如何整改")]


def test_a_passed_recheck_says_so(unit_user: Any, findings: dict[str, Any]) -> None:
    broken = findings["QX01"][0]
    rechecks.request_recheck(unit_user, [broken.pk])
    rechecks.recheck([broken.pk], lambda url: 200)
    page = _page(unit_user)
    card = page[page.index(f'id="finding-{broken.pk}"') :]
    assert ">复查通过</span>" in card[:2000] and "网址返回状态码200，已恢复正常" in card[:2000]


def test_a_refused_recheck_keeps_the_note_and_the_ticks(
    unit_user: Any, findings: dict[str, Any]
) -> None:
    # Nothing ticked: refused, and the note written for it is still there to send with a tick.
    client = client_for(unit_user)
    broken, typo = findings["QX01"]
    note = "已在页面底部补上标识"
    refused = client.post(reverse("unit-home"), {"note": note})
    text = refused.content.decode()
    assert refused.status_code == 400 and "请先勾选已整改的问题" in text
    assert f'name="note" rows="2">{note}</textarea>' in text
    # A ticked finding of another unit is refused; the unit's own tick stays ticked.
    other = findings["QX02"][0]
    mixed = client.post(reverse("unit-home"), {"finding": [broken.pk, other.pk], "note": note})
    text = mixed.content.decode()
    assert mixed.status_code == 400 and "只能对本单位本次测评中待整改的问题申请复查" in text
    assert f'value="{broken.pk}" id="pick-{broken.pk}" checked>' in text
    assert f'value="{typo.pk}" id="pick-{typo.pk}">' in text
    assert not RecheckRequest.objects.exists()
    # Accepted: back to the page, empty again.
    done = client.post(reverse("unit-home"), {"finding": [broken.pk], "note": note})
    assert done.status_code == 302
    assert RecheckRequest.objects.get(finding=broken).note == note
    assert 'name="note" rows="2"></textarea>' in client.get(reverse("unit-home")).content.decode()


# ---- deadlines -------------------------------------------------------------------------------


def test_rechecks_after_the_deadline_are_refused_in_chinese(
    campaign: Campaign, unit_user: Any, findings: dict[str, Any]
) -> None:
    campaign.rectify_deadline = YESTERDAY
    campaign.save()
    mine = findings["QX01"][0]
    response = client_for(unit_user).post(reverse("unit-home"), {"finding": [mine.pk]}, follow=True)
    text = response.content.decode()
    day = f"{YESTERDAY.year}年{YESTERDAY.month}月{YESTERDAY.day}日"
    assert f"整改截止日期（{day}）已过，不能再申请复查" in text
    mine.refresh_from_db()
    assert mine.status == FindingStatus.OPEN and not RecheckRequest.objects.exists()
    assert f'name="finding" value="{mine.pk}"' not in text


def test_the_deadline_day_itself_is_open_and_shown(
    campaign: Campaign, unit_user: Any, findings: dict[str, Any]
) -> None:
    campaign.rectify_deadline = TODAY
    campaign.save()
    assert f"整改截止日期：<b>{TODAY.year}年{TODAY.month}月{TODAY.day}日</b>" in _page(unit_user)
    assert rechecks.request_recheck(unit_user, [findings["QX01"][0].pk])


def test_the_organizer_sets_deadlines(campaign: Campaign, organizer: Any, unit_user: Any) -> None:
    url = reverse("organizer-deadlines", args=[campaign.pk])
    client = client_for(organizer)
    saved = client.post(
        url, {"self_check_deadline": "2013-04-30", "rectify_deadline": "2013-05-10"}, follow=True
    )
    assert "截止日期已保存" in saved.content.decode()
    campaign.refresh_from_db()
    assert (campaign.self_check_deadline, campaign.rectify_deadline) == (
        dt.date(2013, 4, 30),
        dt.date(2013, 5, 10),
    )
    assert AuditEntry.objects.filter(action="set_deadline", who=organizer).count() == 2
    bad = client.post(url, {"self_check_deadline": "5月10日", "rectify_deadline": ""})
    assert bad.status_code == 400 and "自查材料截止日期不是有效的日期" in bad.content.decode()
    assert client_for(unit_user).get(url).status_code == 403


# ---- one self-check form -----------------------------------------------------------------------


def test_one_form_saves_every_indicator(
    campaign: Campaign, unit_user: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    url = reverse("unit-material", args=[campaign.pk])
    client = client_for(unit_user)
    page = client.get(url).content.decode()
    assert page.count('enctype="multipart/form-data"') == 1
    pdf = SimpleUploadedFile("制度.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    client.post(
        url,
        {
            "material-A1.3": "实事项目已公开",
            "material-A2.11": "已建立制度",
            "material-A2.12": "",
            "files-A2.11": [pdf],
        },
    )
    stored = dict(SelfAssessment.objects.values_list("indicator", "material"))
    assert stored == {"A1.3": "实事项目已公开", "A2.11": "已建立制度"}
    assert SelfAssessment.objects.get(indicator="A2.11").attachments.count() == 1


def test_a_refused_save_keeps_every_typed_text(
    campaign: Campaign, unit_user: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = client_for(unit_user).post(
        reverse("unit-material", args=[campaign.pk]),
        {
            "material-A1.3": "第一项写了很长的说明",
            "material-A2.11": "第二项也写了",
            "files-A2.12": [SimpleUploadedFile("run.exe", b"MZ")],
        },
    )
    text = response.content.decode()
    assert response.status_code == 400 and "A2.12：run.exe：不支持的文件类型" in text
    assert ">第一项写了很长的说明</textarea>" in text and ">第二项也写了</textarea>" in text
    assert not SelfAssessment.objects.exists()


@pytest.mark.parametrize("why", ["deadline", "scored"])
def test_material_is_locked_after_the_deadline_or_once_scored(
    campaign: Campaign, unit_user: Any, units: list[Unit], why: str
) -> None:
    SelfAssessment.objects.create(
        campaign=campaign, unit=units[0], indicator="A2.11", material="旧<b>", verified_points=0.5
    )
    if why == "deadline":
        campaign.self_check_deadline = YESTERDAY
        campaign.save()
        message = "自查材料截止日期"
    else:
        score_and_store(campaign)
        message = "本次测评已计分，自查材料不能再修改"
    url = reverse("unit-material", args=[campaign.pk])
    client = client_for(unit_user)
    page = client.get(url).content.decode()
    assert message in page and "保存全部" not in page
    # Read-only material reads as text, not as empty boxes that look fillable; points say 分.
    assert '<div class="material-text">旧&lt;b&gt;</div>' in page and "<textarea" not in page
    assert "未填写自查说明" in page  # A2.12, never written
    assert "核定得分：0.50 分（满分 1 分）" in page
    refused = client.post(url, {"material-A2.11": "改过的"})
    assert refused.status_code == 400 and message in refused.content.decode()
    assert SelfAssessment.objects.get(indicator="A2.11").material == "旧<b>"
