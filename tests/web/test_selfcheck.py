"""Unit self-inspection: own findings only, re-check requests and outcomes (real HTTP), material
uploads."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ceping.campaign import rechecks, selfcheck
from ceping.web.models import (
    AuditEntry,
    Campaign,
    Finding,
    FindingStatus,
    RecheckRequest,
    ScanRun,
    SelfAssessment,
    Unit,
)
from tests.web.conftest import client_for
from tests.web.loopback import http_status, serve

pytestmark = pytest.mark.django_db


def test_a_unit_sees_only_its_own_findings_with_evidence(
    unit_user: Any, findings: dict[str, Any]
) -> None:
    text = client_for(unit_user).get(reverse("unit-home")).content.decode()
    assert "qx01.example.gov.cn/missing.html" in text and "国务晥" in text and "国务院" in text
    assert "qx02.example.gov.cn" not in text
    assert "&lt;script&gt;" in text and "<script>alert" not in text


def test_a_unit_cannot_read_another_units_material(
    campaign: Campaign, unit_user: Any, other_unit_user: Any, units: list[Unit]
) -> None:
    SelfAssessment.objects.create(
        campaign=campaign, unit=units[1], indicator="A1.3", material="徐汇区的秘密材料"
    )
    page = client_for(unit_user).get(reverse("unit-material", args=[campaign.pk])).content.decode()
    assert "徐汇区的秘密材料" not in page
    assert (
        "徐汇区的秘密材料"
        in client_for(other_unit_user)
        .get(reverse("unit-material", args=[campaign.pk]))
        .content.decode()
    )


def test_request_recheck_marks_fixed_and_is_audited(
    unit_user: Any, findings: dict[str, Any]
) -> None:
    mine = findings["QX01"][0]
    response = client_for(unit_user).post(
        reverse("unit-home"), {"finding": [mine.pk], "note": "已修复链接"}, follow=True
    )
    assert "已对 1 个问题申请复查" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == FindingStatus.FIXED
    request = RecheckRequest.objects.get()
    assert (request.finding, request.requested_by, request.note, request.status) == (
        mine,
        unit_user,
        "已修复链接",
        "requested",
    )
    assert AuditEntry.objects.filter(
        action="recheck_request", object_id=str(mine.pk), who=unit_user
    ).exists()


def test_the_organizers_recheck_list_points_to_the_button_that_runs_them(
    campaign: Campaign, organizer: Any, unit_user: Any, findings: dict[str, Any]
) -> None:
    # It said 命令 ceping recheck, though 活动管理 has had a 开始复查 button since.
    page = client_for(organizer).get(reverse("organizer-self-check", args=[campaign.pk]))
    text = page.content.decode()
    controls = reverse("organizer-controls", args=[campaign.pk])
    assert f'<a href="{controls}#step-recheck">活动管理</a>中点“开始复查”' in text
    assert "ceping recheck" not in text
    assert 'id="step-recheck"' in client_for(organizer).get(controls).content.decode()


def test_a_unit_cannot_request_a_recheck_of_another_units_finding(
    unit_user: Any, findings: dict[str, Any]
) -> None:
    theirs = findings["QX02"][0]
    response = client_for(unit_user).post(
        reverse("unit-home"), {"finding": [theirs.pk]}, follow=True
    )
    assert "只能对本单位本次测评中待整改的问题申请复查" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.status == FindingStatus.OPEN and not RecheckRequest.objects.exists()


def test_only_units_request_rechecks(experts: list[Any], findings: dict[str, Any]) -> None:
    with pytest.raises(selfcheck.SelfCheckError):
        rechecks.request_recheck(experts[0], [findings["QX01"][0].pk])


def test_recheck_against_a_real_server_closes_or_reopens(
    campaign: Campaign, units: list[Unit], unit_user: Any
) -> None:
    statuses = {
        "/fixed.html": 200,
        "/still-broken.html": 404,
        "/news.html": 200,
        "/gone.html": 500,
        "/moved.html": 302,
        "/ok": 200,
    }
    with serve(statuses) as base:
        run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get())

        def finding(kind: str, key: str, page: str, **data: Any) -> Finding:
            return Finding.objects.create(scan_run=run, kind=kind, key=key, page=page, data=data)

        fixed = finding("broken_link", "a", f"{base}/", url=f"{base}/fixed.html", status=404)
        broken = finding(
            "broken_link", "b", f"{base}/", url=f"{base}/still-broken.html", status=404
        )
        moved = finding("broken_link", "c", f"{base}/", url=f"{base}/moved.html", status=404)
        typo = finding("typo", "d", f"{base}/news.html", text="国务晥")
        page_gone = finding("typo", "e", f"{base}/gone.html", text="x")
        untouched = finding("broken_link", "f", f"{base}/", url=f"{base}/fixed.html", status=404)
        ids = [f.pk for f in (fixed, broken, moved, typo, page_gone)]
        rechecks.request_recheck(unit_user, ids)
        outcomes = {
            o.finding: (o.http_status, o.status)
            for o in rechecks.recheck(ids + [untouched.pk], http_status)
        }
    assert outcomes == {
        fixed.pk: (200, "closed"),
        broken.pk: (404, "still_open"),
        moved.pk: (200, "closed"),
        typo.pk: (200, "pending_scan"),
        page_gone.pk: (500, "still_open"),
    }
    status = dict(Finding.objects.values_list("pk", "status"))
    assert [status[f.pk] for f in (fixed, broken, moved, typo, page_gone, untouched)] == [
        "closed",
        "open",
        "closed",
        "fixed",
        "open",
        "open",
    ]
    assert RecheckRequest.objects.get(finding=broken).http_status == 404


def test_recheck_with_no_answer_stays_open(
    campaign: Campaign, units: list[Unit], unit_user: Any
) -> None:
    run = ScanRun.objects.create(campaign=campaign, site=units[0].sites.get())
    f = Finding.objects.create(
        scan_run=run, kind="unreachable", key="u", page="http://127.0.0.1:9/"
    )
    rechecks.request_recheck(unit_user, [f.pk])
    [outcome] = rechecks.recheck([f.pk], lambda url: None)
    assert (outcome.url, outcome.status) == ("http://127.0.0.1:9/", "still_open")


def test_material_with_attachments_per_self_indicator(
    campaign: Campaign, unit_user: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(unit_user)
    url = reverse("unit-material", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "A1.3 实事项目与优惠政策信息公开" in page and "A2.11" in page and "A2.12" in page
    pdf = SimpleUploadedFile("制度.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    ok = client.post(
        url, {"material-A2.11": "已建立安全管理制度", "files-A2.11": [pdf]}, follow=True
    )
    assert "自查材料已保存" in ok.content.decode() and "制度.pdf" in ok.content.decode()
    stored = SelfAssessment.objects.get(indicator="A2.11")
    assert stored.material == "已建立安全管理制度" and stored.attachments.get().size == 13


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ....", "不支持的文件类型"),
        ("fake.pdf", b"MZ....", "文件内容与扩展名不符"),
        ("empty.txt", b"", "文件为空"),
    ],
)
def test_attachments_are_limited_by_type_and_content(
    campaign: Campaign,
    unit_user: Any,
    settings: Any,
    tmp_path: Any,
    name: str,
    content: bytes,
    message: str,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = client_for(unit_user).post(
        reverse("unit-material", args=[campaign.pk]),
        {"material-A2.11": "x", "files-A2.11": [SimpleUploadedFile(name, content)]},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_attachments_are_limited_by_size(
    campaign: Campaign, unit_user: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 2000)
    response = client_for(unit_user).post(
        reverse("unit-material", args=[campaign.pk]), {"files-A2.11": [big]}
    )
    assert "文件过大" in response.content.decode()


def test_material_only_for_self_indicators(
    campaign: Campaign, unit_user: Any, units: list[Unit]
) -> None:
    errors = selfcheck.save_all_material(campaign, units[0], {"A1.1": "x"}, {}, unit_user)
    assert errors == ["指标 A1.1 不是自查指标"] and not SelfAssessment.objects.exists()


def test_a_unit_outside_the_campaign_is_refused(
    campaign: Campaign, unit_user: Any, units: list[Unit]
) -> None:
    campaign.units.remove(units[0])
    assert (
        client_for(unit_user).get(reverse("unit-material", args=[campaign.pk])).status_code == 403
    )


def test_attachments_are_served_to_their_unit_and_the_organizer_only(
    campaign: Campaign,
    unit_user: Any,
    other_unit_user: Any,
    organizer: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("制度.pdf", b"%PDF-1.4 secret", content_type="application/pdf")
    client_for(unit_user).post(
        reverse("unit-material", args=[campaign.pk]),
        {"material-A2.11": "x", "files-A2.11": [pdf]},
    )
    from ceping.web.models import SelfAttachment

    url = reverse("self-attachment", args=[SelfAttachment.objects.get().pk])
    own = client_for(unit_user).get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"%PDF-1.4 secret"
    assert own["Content-Disposition"].startswith("attachment")
    # Reading the whole stream closes the file, as a WSGI server would (no explicit close():
    # that would fire request_finished again and close the test's database connection).
    theirs = client_for(organizer).get(url)
    assert theirs.status_code == 200 and b"".join(theirs.streaming_content) == b"%PDF-1.4 secret"
    assert client_for(other_unit_user).get(url).status_code == 403
    from django.test import Client

    assert Client().get(url).status_code == 403


def test_the_organizer_verifies_self_assessed_points(
    campaign: Campaign, units: list[Unit], organizer: Any, unit_user: Any
) -> None:
    assessment = SelfAssessment.objects.create(
        campaign=campaign, unit=units[0], indicator="A1.3", material="材料"
    )
    client = client_for(organizer)
    url = reverse("organizer-self-check", args=[campaign.pk])
    assert "材料" in client.get(url).content.decode()
    too_much = client.post(url, {"assessment": assessment.pk, "points": "3"}, follow=True)
    assert "核定得分应在 0 到 2 分之间" in too_much.content.decode()
    client.post(url, {"assessment": assessment.pk, "points": "1.5"})
    assessment.refresh_from_db()
    assert (assessment.verified_points, assessment.verified_by) == (1.5, organizer)
    assert AuditEntry.objects.filter(action="verify", new=1.5, who=organizer).exists()
    assert (
        client_for(unit_user).post(url, {"assessment": assessment.pk, "points": "2"}).status_code
        == 403
    )
