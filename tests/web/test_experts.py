"""Expert review: assignment rules, the scoring form, drafts and submission, audit, progress,
results."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.urls import reverse

from ceping.campaign import audit
from ceping.campaign import experts as svc
from ceping.campaign.campaigns import framework_of
from ceping.campaign.experts import ExpertWorkError, ScoreInput
from ceping.campaign.scoring_inputs import campaign_inputs
from ceping.web.models import (
    AuditEntry,
    Campaign,
    ExpertAssignment,
    ExpertScore,
    SelfAssessment,
    Unit,
)
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def full_form(
    items: list[svc.ExpertItem], points: float = 1.0, choice_index: int = 0
) -> dict[str, str]:
    data = {"action": "submit"}
    for item in items:
        if item.scale:
            data[f"choice-{item.code}"] = item.choices[choice_index]
        else:
            data[f"points-{item.code}"] = f"{min(points, item.max):g}"
        data[f"comment-{item.code}"] = "良好"
    return data


def test_expert_items_are_the_frameworks_expert_leaves(campaign: Campaign) -> None:
    items = svc.expert_items(framework_of(campaign))
    codes = [i.code for i in items]
    assert codes[:6] == ["A1.1", "A1.2", "A2.1", "A2.2", "A2.3", "A2.4"]
    assert len(codes) == 6 + 4 + 10  # C1–C4 and D1–D10 are rated by experts too
    assert items[0].max == 5 and items[0].scale is None
    c1 = next(i for i in items if i.code == "C1")
    assert c1.choices == ("方便", "基本方便", "不方便")
    assert [c1.choice_value(c) for c in c1.choices] == [4, 2, 0]


def test_balanced_assignment_gives_k_per_site_evenly_and_never_the_own_unit(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    made = svc.assign_balanced(campaign, experts, 3)
    assert made == 12
    per_unit = Counter(ExpertAssignment.objects.values_list("unit__code", flat=True))
    assert per_unit == {"QX01": 3, "QX02": 3, "BM01": 3, "BM02": 3}
    load = Counter(ExpertAssignment.objects.values_list("expert__username", flat=True))
    assert max(load.values()) - min(load.values()) <= 1 and sum(load.values()) == 12
    assert not ExpertAssignment.objects.filter(expert=experts[0], unit=units[0]).exists()
    # Run again: nothing more to do, existing assignments kept.
    assert svc.assign_balanced(campaign, experts, 3) == 0
    assert AuditEntry.objects.filter(action="assign").count() == 12


def test_balanced_assignment_keeps_manual_ones_and_is_all_or_nothing(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    svc.assign(campaign, experts[3], units[2])
    svc.assign_balanced(campaign, experts, 2)
    assert ExpertAssignment.objects.filter(unit=units[2]).count() == 2
    assert ExpertAssignment.objects.filter(unit=units[2], expert=experts[3]).exists()
    before = ExpertAssignment.objects.count()
    with pytest.raises(ExpertWorkError, match="黄浦区：可分配的专家只有 3 位，还需要 6 位"):
        svc.assign_balanced(campaign, experts, 8)
    assert ExpertAssignment.objects.count() == before


def test_manual_assignment_refuses_the_experts_own_unit(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    with pytest.raises(ExpertWorkError, match="不能测评本单位网站"):
        svc.assign(campaign, experts[0], units[0])
    with pytest.raises(ExpertWorkError, match="不是专家账号"):
        svc.assign(campaign, organizer, units[1])


def test_organizer_pages_assign_automatically_and_by_hand(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    client = client_for(organizer)
    page = reverse("organizer-assignments", args=[campaign.pk])
    assert 'name="k" min="1" value="5"' in client.get(page).content.decode()
    client.post(page, {"action": "auto", "k": "2"})
    assert ExpertAssignment.objects.count() == 8
    # The form shows the k just given, not 5 again.
    assert 'name="k" min="1" value="2"' in client.get(page).content.decode()
    response = client.post(
        page, {"action": "add", "expert": experts[0].pk, "unit": units[0].pk}, follow=True
    )
    assert "不能测评本单位网站" in response.content.decode()
    one = ExpertAssignment.objects.first()
    assert one is not None
    client.post(page, {"action": "remove", "assignment": one.pk})
    assert ExpertAssignment.objects.count() == 7
    text = client.get(page).content.decode()
    assert "完成情况（按专家）" in text and "0%" in text
    assert text.split("<h2>分配明细</h2>", 1)[1].count('<span class="badge">未开始</span>') == 7


def test_draft_then_submit_through_the_form(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    items = svc.expert_items(framework_of(campaign))
    client = client_for(experts[1])
    url = reverse("expert-assignment", args=[a.pk])
    # The page names the state as the task list does: 未开始, then 草稿, then 已提交.
    assert "未开始" in client.get(url).content.decode()
    assert "未开始" in client.get(reverse("expert-home")).content.decode()
    draft = client.post(url, {"action": "save", "points-A1.1": "4.5", "comment-A1.1": "专题齐全"})
    assert draft.status_code == 302
    a.refresh_from_db()
    assert a.submitted is None
    assert ExpertScore.objects.get(assignment=a, indicator="A1.1").points == 4.5
    # The draft is shown again.
    shown = client.get(url).content.decode()
    assert 'value="4.5"' in shown and "草稿（未提交）" in shown and "未开始" not in shown
    assert "草稿" in client.get(reverse("expert-home")).content.decode()
    # The organizer's 分配明细 uses the same words.
    details = client_for(organizer).get(reverse("organizer-assignments", args=[campaign.pk]))
    row = details.content.decode().split("<h2>分配明细</h2>", 1)[1]
    assert '<span class="badge warn">草稿</span>' in row and "未提交" not in row
    # Submitting with gaps is refused, item by item.
    incomplete = client.post(url, {"action": "submit", "points-A1.1": "4.5"})
    assert incomplete.status_code == 400
    assert "提交前请填写得分" in incomplete.content.decode()
    assert 'value="4.5"' in incomplete.content.decode()  # what was typed stays on a refusal
    submitted = client.post(url, full_form(items, points=2))
    assert submitted.status_code == 302 and submitted.url == reverse("expert-home")
    a.refresh_from_db()
    assert a.submitted is not None
    assert a.scores.count() == len(items)
    # No change after submission.
    again = client.post(url, {"action": "save", "points-A1.1": "1"}, follow=True)
    assert "评分已提交，不能再修改" in again.content.decode()
    assert ExpertScore.objects.get(assignment=a, indicator="A1.1").points == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("6", "得分应在 0 到 5 分之间"),
        ("-1", "得分应在 0 到 5 分之间"),
        ("abc", "请填写数字"),
        ("nan", "得分应在 0 到 5 分之间"),
    ],
)
def test_points_must_be_within_the_indicators_range(
    campaign: Campaign, experts: list[Any], units: list[Unit], text: str, message: str
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    errors = svc.save_scores(a, {"A1.1": ScoreInput(points=text)}, experts[1])
    assert errors == {"A1.1": message}
    assert not a.scores.exists()


def test_a_scale_item_takes_only_its_choices(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    assert svc.save_scores(a, {"C1": ScoreInput(choice="满意")}, experts[1]) == {
        "C1": "请选择 方便、基本方便、不方便 之一"
    }


def test_every_score_change_is_in_the_audit_trail(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    svc.save_scores(a, {"A1.1": ScoreInput(points="3")}, experts[1])
    svc.save_scores(a, {"A1.1": ScoreInput(points="4", comment="改")}, experts[1])
    score = ExpertScore.objects.get(assignment=a, indicator="A1.1")
    trail = [(e.who.username, e.field, e.old, e.new) for e in audit.trail(score).order_by("pk")]
    assert trail == [
        ("e2", "points", None, 3.0),
        ("e2", "choice", None, ""),
        ("e2", "comment", None, ""),
        ("e2", "points", 3.0, 4.0),
        ("e2", "comment", "", "改"),
    ]
    assert all(e.when is not None for e in audit.trail(score))


def test_machine_findings_are_shown_beside_the_form_escaped(
    campaign: Campaign, experts: list[Any], units: list[Unit], findings: dict[str, Any]
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    text = client_for(experts[1]).get(reverse("expert-assignment", args=[a.pk])).content.decode()
    assert "https://qx02.example.gov.cn/missing.html" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text
    assert "qx01.example.gov.cn/news.html" not in text  # another unit's finding


def test_organizer_can_reopen_a_submission(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    a = svc.assign(campaign, experts[1], units[1])
    items = svc.expert_items(framework_of(campaign))
    given = {i.code: ScoreInput(points="0", choice=i.choices[0] if i.scale else "") for i in items}
    assert svc.save_scores(a, given, experts[1], submit=True) == {}
    with pytest.raises(ExpertWorkError):
        svc.unassign(a)
    client_for(organizer).post(
        reverse("organizer-assignments", args=[campaign.pk]),
        {"action": "reopen", "assignment": a.pk},
    )
    a.refresh_from_db()
    assert a.submitted is None
    assert AuditEntry.objects.filter(action="reopen", who=organizer).count() == 1


def test_completion_per_expert_and_per_site(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    items = svc.expert_items(framework_of(campaign))
    full = {i.code: ScoreInput(points="1", choice=i.choices[0] if i.scale else "") for i in items}
    a1 = svc.assign(campaign, experts[1], units[1])
    a2 = svc.assign(campaign, experts[1], units[2])
    svc.assign(campaign, experts[2], units[1])
    svc.save_scores(a1, full, experts[1], submit=True)
    svc.save_scores(a2, {"A1.1": ScoreInput(points="1")}, experts[1])
    per_expert, per_unit = svc.completion(campaign)
    assert [(p.label, p.assigned, p.submitted, p.drafted, p.percent) for p in per_expert] == [
        ("e2", 2, 1, 1, 50),
        ("e3", 1, 0, 0, 0),
    ]
    assert {(p.label, p.assigned, p.submitted) for p in per_unit} == {
        ("徐汇区", 2, 1),
        ("市财政局", 1, 0),
    }


def test_results_use_trimmed_mean_from_five_raters_else_median_and_flag_a_deviant(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    items = svc.expert_items(framework_of(campaign))
    # Five raters (e2..e6) on QX02 and BM01; e6 is systematically harsh.
    base = {"QX02": [4.0, 4.5, 4.0, 5.0], "BM01": [3.0, 3.5, 3.0, 3.5]}
    for u_index, unit in ((1, "QX02"), (2, "BM01")):
        for e_index, expert in enumerate(experts[1:]):
            a = svc.assign(campaign, expert, units[u_index])
            points = 0.0 if expert.username == "e6" else base[unit][e_index]
            given = {
                i.code: ScoreInput(
                    points=f"{min(points, i.max):g}",
                    choice=(i.choices[2] if expert.username == "e6" else i.choices[0])
                    if i.scale
                    else "",
                )
                for i in items
            }
            assert svc.save_scores(a, given, expert, submit=True) == {}
    # Three raters on BM02: the median.
    for expert, points in zip(experts[1:4], ("1", "2", "5"), strict=True):
        a = svc.assign(campaign, expert, units[3])
        svc.save_scores(a, {"A1.1": ScoreInput(points=points)}, expert)  # a draft: not counted
        a.submitted = a.scores.first().updated
        a.save()
    result = svc.results(campaign)
    cell = {(r.unit, r.code): r for r in result.items}
    qx02 = cell[("QX02", "A1.1")]
    # 0, 4, 4, 4.5, 5 → cut one each end → mean of 4, 4, 4.5
    assert qx02.center.method == "trimmed_mean" and qx02.center.raters == 5
    assert qx02.center.value == pytest.approx(12.5 / 3)
    bm02 = cell[("BM02", "A1.1")]
    assert (bm02.center.method, bm02.center.value) == ("median", 2.0)
    assert cell[("QX02", "C1")].favourable_rate == pytest.approx(4 / 5)
    flagged = [d.rater for d in result.deviations if d.flagged]
    assert flagged == ["e6"]
    assert result.alpha["A1.1"] is not None


def test_the_results_page_shows_a_unit_by_indicator_table(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    items = svc.expert_items(framework_of(campaign))
    for expert, points in zip(experts[1:4], ("1", "2", "3"), strict=True):
        a = svc.assign(campaign, expert, units[3])
        given = {
            i.code: ScoreInput(points=points, choice=i.choices[0] if i.scale else "") for i in items
        }
        assert svc.save_scores(a, given, expert, submit=True) == {}
    text = (
        client_for(organizer)
        .get(reverse("organizer-expert-results", args=[campaign.pk]))
        .content.decode()
    )
    assert "市公安局" in text and "2.00" in text and "3中" in text and "100.0%" in text
    assert "徐汇区" not in text  # no scores, no row
    # The agreement figure says what it measures and what is low, not a bare "α".
    assert "1 为完全一致，0 为与随机打分无异" in text and "0.67 以上" in text
    assert '<th class="num">一致性系数</th>' in text


def test_scale_items_stored_as_choices_alone_are_aggregated(
    campaign: Campaign, experts: list[Any], units: list[Unit], organizer: Any
) -> None:
    # Imported answers (campaign.inputs) carry the choice and no points: they count all the same.
    for expert, choice in zip(experts[1:4], ("满意", "基本满意", "不满意"), strict=True):
        a = svc.assign(campaign, expert, units[3])
        ExpertScore.objects.create(assignment=a, indicator="D1", choice=choice)
        a.submitted = a.scores.first().updated
        a.save()
    cell = {(r.unit, r.code): r for r in svc.results(campaign).items}[("BM02", "D1")]
    assert cell.favourable_rate == pytest.approx(2 / 3)
    assert (cell.center.raters, cell.center.method, cell.center.value) == (3, "median", 1.25)
    text = (
        client_for(organizer)
        .get(reverse("organizer-expert-results", args=[campaign.pk]))
        .content.decode()
    )
    assert "66.7%" in text and "3 人作答" in text


def test_the_experts_comments_and_the_verified_material_reach_scoring(
    campaign: Campaign, experts: list[Any], units: list[Unit]
) -> None:
    """What the unit report quotes (report.losses) is read from the stored campaign."""
    items = svc.expert_items(framework_of(campaign))
    a = svc.assign(campaign, experts[1], units[1])
    given = {
        i.code: ScoreInput(
            points="" if i.scale else "1",
            choice=i.choices[1] if i.scale else "",
            comment="专题更新慢" if i.code == "A1.1" else "",
        )
        for i in items
    }
    assert svc.save_scores(a, given, experts[1], submit=True) == {}
    SelfAssessment.objects.create(
        campaign=campaign, unit=units[1], indicator="A1.3", material="值班记录", verified_points=1
    )
    _, inputs = campaign_inputs(campaign)
    said = {(r.unit, r.indicator): r.comment for r in inputs.expert}
    assert said[(units[1].code, "A1.1")] == "专题更新慢"
    assert said[(units[1].code, "A1.2")] == ""
    assert [(s.indicator, s.note) for s in inputs.self_points] == [("A1.3", "值班记录")]
