"""The organizer writes the notice's 版头, 版记 and own paragraphs in the browser; the notice
generated next prints them, and nothing typed can break or leak into it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from django.urls import reverse

from ceping.campaign.notice_texts import notice_fields
from ceping.campaign.reports import report_dir, write_reports
from ceping.campaign.scoring import score_and_store
from ceping.web.models import AuditEntry, Campaign, Finding
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

TEMPLATE = """::masthead {{masthead}}
::number {{number}}
::printed-by {{printed_by}}
::printed-on {{printed_on}}
::title 关于{{year}}年|政府网站测评情况的通报
::addressee 各单位：
::text portal_work 门户网站全年的工作
::signature {{issuer}}
::date {{date}}
"""


def test_the_organizer_fills_in_the_notice(
    tmp_path: Path,
    campaign: Campaign,
    organizer: Any,
    unit_user: Any,
    findings: dict[str, list[Finding]],
) -> None:
    page = reverse("organizer-notice", args=[campaign.pk])
    assert client_for(unit_user).get(page).status_code == 403
    shown = client_for(organizer).get(page).content.decode()
    assert "发文字号" in shown and "印发机关" in shown and "整改期限" in shown

    form = {f.name: f.value for f in notice_fields(campaign)}
    too_long = client_for(organizer).post(page, {**form, "number": "号" * 201})
    assert too_long.status_code == 400
    assert (
        "发文字号（如“×府办〔2013〕12号”）：太长：201 个字符，最多 200 个"
        in too_long.content.decode()
    )
    campaign.refresh_from_db()
    assert campaign.notice_texts == {}  # nothing half-stored

    written = {
        **form,
        "masthead": "测试市人民政府办公厅文件",
        "number": "测府办〔2013〕1号",
        "printed_by": "测试市人民政府办公厅",
        "printed_on": "2013年4月2日",
        "issuer": "测试市人民政府办公厅",
        "date": "2013年4月2日",
    }
    assert client_for(organizer).post(page, written).status_code == 302
    campaign.refresh_from_db()
    assert campaign.notice_texts["number"] == "测府办〔2013〕1号"
    assert AuditEntry.objects.filter(action="notice_texts").count() == 1

    template = tmp_path / "t.txt"
    template.write_text(TEMPLATE, encoding="utf-8")
    score_and_store(campaign)
    write_reports(campaign, template=template)
    notice = docx.Document(str(report_dir(campaign) / "notice.docx"))
    texts = [p.text for p in notice.paragraphs if p.text]
    assert texts[:2] == ["测试市人民政府办公厅文件", "测府办〔2013〕1号"]
    assert "测试市人民政府办公厅\t2013年4月2日印发" in texts
    assert not any("门户网站全年" in t for t in texts)  # not written: left out, never a stub
