"""The organizer's verdicts on vetoes a machine cannot decide, entered through `ceping campaign
verdict`: a hit needs its evidence, only organizer vetoes take one, each is audited, and the
dashboard shows a unit without one as awaiting it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ceping.campaign import audit
from ceping.campaign.campaigns import campaign_named, framework_of
from ceping.campaign.roles import create_user
from ceping.campaign.scoring import score_and_store
from ceping.campaign.verdicts import stored_verdicts
from ceping.cli import main
from ceping.scoring import OrganizerVerdict
from ceping.web.models import SelfAssessment
from tests.web.conftest import client_for

NAME = "2025年度政府网站检查"


@pytest.fixture
def campaign(tmp_path: Path) -> Any:
    table = tmp_path / "units.csv"
    table.write_text(
        "代码,名称,简称,类别,网站\n"
        "QB01,测试部门,部门网站,部门网站,http://127.0.0.1:9/\n"
        "QN01,测试无服务部门,无服务部门,无对外服务部门,http://127.0.0.2:9/\n",
        encoding="utf-8",
    )
    args = ["campaign", "create", NAME, "--year", "2025", "--framework", "national-2019"]
    assert main([*args, "--units", str(table)]) == 0
    return campaign_named(NAME)


@pytest.mark.django_db
def test_verdicts_are_stored_with_their_evidence_and_audited(campaign: Any, capsys: Any) -> None:
    evidence = "2025-03-02 首页附件含涉密文件"
    assert main(["campaign", "verdict", NAME, "QB01", "V8", "--hit", "--evidence", evidence]) == 0
    assert main(["campaign", "verdict", NAME, "QB01", "V9", "--clear"]) == 0
    assert "QB01 的 V8 已核实为单项否决" in capsys.readouterr().out
    assert sorted(stored_verdicts(campaign, framework_of(campaign)), key=str) == [
        OrganizerVerdict("QB01", "V8", hit=True, evidence=evidence),
        OrganizerVerdict("QB01", "V9", hit=False, evidence=""),
    ]
    row = SelfAssessment.objects.get(campaign=campaign, indicator="V8")
    assert [(e.action, e.new) for e in audit.trail(row)] == [("verdict", 1.0)]
    # A later verdict replaces the earlier one, and is audited too.
    assert main(["campaign", "verdict", NAME, "QB01", "V8", "--clear"]) == 0
    row.refresh_from_db()
    assert (row.verified_points, row.material) == (0.0, "")
    assert [(e.old, e.new) for e in audit.trail(row).order_by("id")] == [(None, 1.0), (1.0, 0.0)]


@pytest.mark.django_db
def test_a_veto_without_evidence_or_not_the_organizer_s_is_refused(
    campaign: Any, capsys: Any
) -> None:
    assert main(["campaign", "verdict", NAME, "QB01", "V8", "--hit"]) == 2
    assert "须写明依据" in capsys.readouterr().err
    assert main(["campaign", "verdict", NAME, "QB01", "V4", "--clear"]) == 2  # findings decide V4
    assert "V4不是需由组织方核实的单项否决指标" in "".join(capsys.readouterr().err.split())
    assert main(["campaign", "verdict", NAME, "XX99", "V8", "--clear"]) == 2
    assert "没有代码为 XX99 的单位" in capsys.readouterr().err
    assert not SelfAssessment.objects.filter(campaign=campaign).exists()


@pytest.mark.django_db
def test_the_dashboard_shows_a_veto_awaiting_the_organizer(campaign: Any) -> None:
    assert main(["campaign", "verdict", NAME, "QB01", "V8", "--clear"]) == 0
    score_and_store(campaign)
    organizer = client_for(create_user("org", "correct horse battery", "organizer"))

    def page(code: str) -> str:
        return organizer.get(reverse("dash-unit", args=[campaign.pk, code])).content.decode()

    qb01, qn01 = page("QB01"), page("QN01")
    assert "待组织方核实的单项否决指标（核实前不评定等级）：V9 服务不实用" in qb01
    assert "V8 安全" not in qb01  # verified: no longer awaited
    assert "待组织方核实的单项否决指标（核实前不评定等级）：V8 安全、泄密事故" in qn01
    # No expert has scored yet: those leaves are missing data, told apart from the vetoes.
    assert "缺少数据的指标：A1、C1、D1" in qn01 and "V8" not in qn01.split("缺少数据的指标")[1]
    # A verdict shares the self-inspection table, but is no self-check to verify.
    checks = organizer.get(reverse("organizer-self-check", args=[campaign.pk])).content.decode()
    assert "尚无单位提交自查材料" in checks  # the only row is the V8 verdict
