"""A small campaign scored end to end; every figure computed by hand (see small.py)."""

from __future__ import annotations

import pytest

from ceping.errors import InputError
from ceping.scoring import ExpertRating, PublicAnswer, score_campaign

from .small import PUBLIC, UNITS, framework, inputs


@pytest.fixture(scope="module")
def results():  # type: ignore[no-untyped-def]
    return score_campaign(framework(), UNITS, inputs())


def points(results, unit: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {s.code: s.points for u in results.units if u.code == unit for s in u.scores}


def unit(results, code: str):  # type: ignore[no-untyped-def]
    return next(u for u in results.units if u.code == code)


def test_indicator_scores_from_each_source(results) -> None:  # type: ignore[no-untyped-def]
    # A1: 1 broken link → 4 − 1; A2: 800 ms → 2; A3: trimmed mean of 2, 3, 3.5, 4 = 3.125 → 3.13;
    # B1: 90 % adopted → 4 × (0.9 − 0.5)/0.5; C1: ½·2·1.0 (experts) + ½·2·0.75 (public);
    # D1: 2 × 0.75.
    assert points(results, "Q1") == {
        "A1": 3,
        "A2": 2,
        "A3": 3.13,
        "B1": 3.2,
        "B2": 2,
        "C1": 1.75,
        "D1": 1.5,
    }
    assert points(results, "Q2") == {"A1": 1, "A2": 1, "A3": 4, "B1": 4, "B2": 2, "C1": 2, "D1": 2}
    # B2 weighs 0 for 部门: the leaf is dropped, not scored zero.
    assert points(results, "M1") == {"A1": 4, "A2": 1, "A3": 4, "B1": 3.2, "C1": 1.67, "D1": 2}


def test_scores_record_inputs_rule_and_deductions(results) -> None:  # type: ignore[no-untyped-def]
    a1 = unit(results, "Q2").score("A1")
    assert a1.rule == "错链断链每处扣 1 分，最多扣 3 分"
    assert a1.inputs["machine"] == {"findings": 5}
    assert [d.points for d in a1.deductions] == [1, 1, 1]
    a3 = unit(results, "Q1").score("A3")
    assert a3.inputs["expert"]["method"] == "去掉最高、最低各1个后取平均"
    assert a3.inputs["expert"]["raters"] == 6
    c1 = unit(results, "Q1").score("C1")
    assert c1.inputs["public"]["方便"] == 2 and c1.inputs["public"]["favourable_rate"] == 0.75
    share = "按好评率（前两档评价的占比）得分（100%得满分）"
    assert c1.rule == f"专家占50%：{share}；公众占50%：{share}"
    a3_rule = unit(results, "Q1").score("A3").rule
    assert a3_rule.startswith("专家评分，5位及以上专家评分时去掉最高、最低各20%")


def test_totals_vetoes_and_max(results) -> None:  # type: ignore[no-untyped-def]
    q1 = unit(results, "Q1")
    assert (q1.total, q1.max) == (16.58, 20)
    assert dict(q1.area_points) == {"A": 8.13, "B": 5.2, "C": 1.75, "D": 1.5}
    q3 = unit(results, "Q3")
    assert (q3.total, q3.vetoes) == (0, ("V1",))  # unreachable: zeroed
    m1 = unit(results, "M1")
    assert (m1.total, m1.max, m1.vetoes) == (
        5,
        18,
        ("V2",),
    )  # 15.87 capped at 5 for two blank columns


def test_ranks_grades_quota_and_missing_inputs(results) -> None:  # type: ignore[no-untyped-def]
    order = [(u.code, u.total, u.grade) for u in results.in_category("区县")]
    # Q2 reaches 优秀's threshold but its quota of 1 is used by Q1; Q4 lacks its D1 answers:
    # reported, ranked after the complete units, not graded, never scored zero silently.
    assert order == [
        ("Q1", 16.58, "优秀"),
        ("Q2", 16.0, "良好"),
        ("Q3", 0.0, None),
        ("Q4", 17.0, None),
    ]
    q4 = unit(results, "Q4")
    assert q4.missing == ("D1",)
    assert q4.score("D1").missing and q4.score("D1").inputs["missing"] == ("public",)
    assert [(u.code, u.rank, u.grade) for u in results.in_category("部门")] == [
        ("M2", 1, None),
        ("M1", 2, None),
    ]


def test_ties_are_broken_by_area_points_then_code() -> None:
    from ceping.scoring.grading import Standing, rank_and_grade

    units = [
        Standing("Z", 10.0, (5.0, 5.0), True, False),
        Standing("Y", 10.0, (6.0, 4.0), True, False),
        Standing("X", 10.0, (5.0, 5.0), True, False),
    ]
    placed = rank_and_grade(framework(), "区县", units)
    assert placed == {"Y": (1, "良好"), "X": (2, "良好"), "Z": (3, "良好")}


def stat(results, key: str, category: str | None = None, area: str | None = None) -> float:  # type: ignore[no-untyped-def]
    return results.statistic(key, category, area).value


def test_good_rate_and_full_marks(results) -> None:  # type: ignore[no-untyped-def]
    # 区县 A scores ≥ 0.8 × max: Q1 A2; Q2 A3; Q3 A1; Q4 A1, A2 → 5 of 12.
    assert stat(results, "good_rate", "区县", "A") == pytest.approx(100 * 5 / 12)
    assert stat(results, "good_rate", "区县", "B") == 75.0  # 6 of 8
    assert stat(results, "good_rate", "区县", "D") == pytest.approx(
        100 / 3
    )  # Q4's missing D1 left out
    assert stat(results, "full_marks", "区县", "A") == 0
    assert stat(results, "full_marks", "部门", "A") == 1  # M2
    assert stat(results, "full_marks", "所有网站", "A") == 1


def test_rates_of_people(results) -> None:  # type: ignore[no-untyped-def]
    # Experts' and the public's answers pooled: 区县 C has 3 of 5 experts' and 4 of 8 public 方便.
    assert stat(results, "convenient_rate", "区县", "C") == pytest.approx(100 * 7 / 13)
    assert stat(results, "convenient_rate", "部门", "C") == pytest.approx(100 * 4 / 6)
    assert stat(results, "basic_satisfaction_rate", None, "D") == pytest.approx(100 * 7 / 9)
    # The public's alone, under their own labels.
    assert stat(results, "public_convenient_rate", "区县", "C") == 50.0
    assert stat(results, "public_convenient_or_basic_rate", "区县", "C") == 75.0
    assert stat(results, "public_basic_satisfaction_rate", None, "D") == pytest.approx(100 * 7 / 9)
    assert results.statistic("public_convenient_rate", "区县", "C").label == "公众认为方便的比例"
    assert results.statistic("convenient_rate", "区县", "C").label == "专家和公众认为方便的比例"


def test_rates_over_every_scaled_leaf_have_area_none(results) -> None:  # type: ignore[no-untyped-def]
    # The small framework has its convenience leaves in C and its satisfaction leaves in D only.
    for key, area in (
        ("convenient_rate", "C"),
        ("public_convenient_rate", "C"),
        ("public_basic_satisfaction_rate", "D"),
    ):
        for scope in ("区县", "部门", "所有网站", None):
            assert stat(results, key, scope) == stat(results, key, scope, area)
    with pytest.raises(KeyError):
        results.statistic("good_rate", "区县", None)  # only the rates are given for everything


def test_responses_beyond_the_per_network_cap_count_nowhere(results) -> None:  # type: ignore[no-untyped-def]
    # Four more forms about Q2 from one network, all 不方便/不满意; with a cap of 2 the last two are
    # left out.
    burst = [
        PublicAnswer(f"B{i}", "Q2", item, choice, network="n1")
        for i in range(1, 5)
        for item, choice in (("C1", "不方便"), ("D1", "不满意"))
    ]
    capped = score_campaign(
        framework(), UNITS, inputs(public=[*PUBLIC, *burst], public_per_network=2)
    )
    # Q2 C1: experts 1.0 → 1; public 方便, 方便, 不方便, 不方便 → ½ × 2 × 0.5 = 0.5.
    assert points(capped, "Q2")["C1"] == 1.5
    assert stat(capped, "public_convenient_rate", "区县", "C") == 40.0  # 4 方便 of 10
    assert stat(capped, "public_count") == 15 and stat(capped, "area_public_count", area="C") == 14
    uncapped = score_campaign(framework(), UNITS, inputs(public=[*PUBLIC, *burst]))
    assert points(uncapped, "Q2")["C1"] == 1.33
    assert stat(uncapped, "public_convenient_rate", "区县", "C") == pytest.approx(100 * 4 / 12)


def test_portal_and_counts(results) -> None:  # type: ignore[no-untyped-def]
    assert stat(results, "info_submitted", "区县") == 410
    assert stat(results, "adoption_rate", "区县") == pytest.approx(100 * 350 / 410)
    assert stat(results, "info_submitted") == 560
    assert stat(results, "adoption_rate") == pytest.approx(100 * 495 / 560)
    assert stat(results, "expert_count") == 8
    assert stat(results, "public_count") == 13  # respondent × unit forms
    assert stat(results, "area_expert_count", area="A") == 7
    assert stat(results, "area_expert_count", area="C") == 6
    assert stat(results, "area_public_count", area="C") == 12
    assert stat(results, "area_public_count", area="D") == 9
    assert stat(results, "unit_count", "区县") == 4
    assert stat(results, "unit_count") == 6
    assert stat(results, "grade_count:优秀", "区县") == 1
    assert stat(results, "grade_count:良好") == 1


def test_previous_campaign_fills_previous_and_change(results) -> None:  # type: ignore[no-untyped-def]
    later = score_campaign(framework(), UNITS, inputs(year=2013), previous=results)
    figure = later.statistic("adoption_rate")
    assert figure.previous == pytest.approx(100 * 495 / 560)
    assert figure.change == pytest.approx(0.0)


def test_bad_rows_are_all_named() -> None:
    bad = inputs(
        expert=[
            ExpertRating("Q9", "A3", "E1", points=3),
            ExpertRating("Q1", "C1", "E1", choice="很好"),
            ExpertRating("Q1", "A3", "E1", points=7),
        ],
        public=[PublicAnswer("P1", "Q1", "A3", "方便")],
        scans={"Q7": {"url": "https://q7.example/", "reachable": True}},
    )
    with pytest.raises(InputError) as caught:
        score_campaign(framework(), UNITS, bad)
    assert [str(p) for p in caught.value.problems] == [
        "检测结果，网站 https://q7.example/，单位：没有这个单位：“Q7”",
        "专家评分，第 1 行，单位：没有这个单位：“Q9”",
        "专家评分，第 2 行，选项：“很好” 不是可选项（可选：方便、基本方便、不方便）",
        "专家评分，第 3 行，分数：7 不在 0 到 4 分之间",
        "公众问卷答卷，第 1 行，题目：“A3” 不是问卷中的题目",
    ]


def test_core_is_plain_data(results) -> None:  # type: ignore[no-untyped-def]
    assert results.is_sample_data is False
    assert inputs(is_sample_data=True).is_sample_data
