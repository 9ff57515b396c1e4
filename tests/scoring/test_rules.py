"""Rules on one source's findings or measures."""

from __future__ import annotations

import pytest

from ceping.framework import Band, Rule, RuleKind, load_framework, shipped_framework_path
from ceping.scoring.machine import machine_facts
from ceping.scoring.rules import apply_deduct, apply_measure, describe, round_points

LINKS = Rule(kind=RuleKind.DEDUCT, findings=("broken_link",), per=0.25, cap=1.0)
FEATURE = Rule(
    kind=RuleKind.DEDUCT, findings=("missing_feature",), where={"feature": ("search",)}, per=2
)
SPEED = Rule(
    kind=RuleKind.BANDS,
    measure="home_ms",
    bands=(Band(points=2, at_most=1500), Band(points=1, at_most=3000)),
)
RATE = Rule(kind=RuleKind.LINEAR, measure="adoption_rate", low=0.5, high=0.95)


def test_deduct_per_finding_up_to_the_cap() -> None:
    findings = [{"kind": "broken_link", "url": str(i)} for i in range(6)] + [{"kind": "typo"}]
    outcome = apply_deduct(LINKS, 3, findings)
    assert outcome.points == 2.0  # 6 × 0.25 = 1.5, capped at 1
    assert outcome.matched == 6
    assert [d.points for d in outcome.deductions] == [0.25] * 4
    assert outcome.deductions[0].reason == "错链断链，每处扣 0.25 分"
    assert outcome.deductions[0].finding == {"kind": "broken_link", "url": "0"}


def test_a_deduction_never_names_a_kind_by_its_key() -> None:
    rule = Rule(kind=RuleKind.DEDUCT, findings=("made_up",), per=1)
    assert (
        apply_deduct(rule, 2, [{"kind": "made_up"}]).deductions[0].reason == "其他问题，每处扣 1 分"
    )


def test_deduct_matches_where_fields_and_never_goes_below_zero() -> None:
    findings = [
        {"kind": "missing_feature", "feature": "english"},
        {"kind": "missing_feature", "feature": "search"},
    ]
    assert apply_deduct(FEATURE, 2, findings).points == 0.0
    assert apply_deduct(FEATURE, 2, findings[:1]).points == 2.0


def test_shanghai_links_count_what_a_reader_meets_and_old_findings_as_page_links() -> None:
    framework = load_framework(shipped_framework_path("shanghai-2012"))
    (rule,) = [leaf.rule for leaf in framework.leaves() if leaf.code == "A2.6"]
    assert rule is not None
    found = [
        {"kind": "broken_link", "url": "a", "resource": "image"},
        {"kind": "broken_link", "url": "b"},  # stored before resources were checked: a page link
        {"kind": "broken_link", "url": "c", "resource": "plugin"},  # an ActiveX installer
    ]
    outcome = apply_deduct(rule, 2, found)
    assert outcome.matched == 2 and outcome.points == 1.5
    # Eleven of twelve link kinds read by the one left out.
    assert describe(rule) == "错链断链（除插件安装地址外）每处扣 0.25 分"


def test_bands_take_the_first_band_that_holds() -> None:
    assert apply_measure(SPEED, 2, 1500).points == 2
    assert apply_measure(SPEED, 2, 1501).points == 1
    assert apply_measure(SPEED, 2, 9000).points == 0
    assert apply_measure(SPEED, 2, None).missing


def test_linear_is_clamped() -> None:
    assert apply_measure(RATE, 6, 0.854).points == pytest.approx(6 * 0.354 / 0.45)
    assert apply_measure(RATE, 6, 0.2).points == 0
    assert apply_measure(RATE, 6, 0.99).points == 6


def test_rounding_is_half_up_to_cents() -> None:
    assert round_points(3.125) == 3.13
    assert round_points(1.6666) == 1.67
    assert round_points(0.1 + 0.2) == 0.3


def test_rules_read_as_text() -> None:
    # A deduct rule names its finding kinds in Chinese: it is shown beside the points.
    assert describe(LINKS) == "错链断链每处扣 0.25 分，最多扣 1 分"
    assert describe(FEATURE) == "缺少必备功能或栏目（站内搜索）每处扣 2 分"
    both = Rule(kind=RuleKind.DEDUCT, findings=("stale_column", "blank_column"), per=1)
    assert describe(both) == "栏目长期未更新、空白栏目每处扣 1 分"
    # Bands and linear rules name their measure in Chinese; rates read as percentages.
    assert describe(SPEED) == "首页打开时间（毫秒）：不超过1500得2分，不超过3000得1分，其余得0分"
    assert describe(RATE) == ("信息采用率：50%及以下得0分，95%及以上得满分，其间按比例计分")
    both_ends = Rule(
        kind=RuleKind.BANDS, measure="pages", bands=(Band(at_least=10, at_most=20, points=1),)
    )
    assert describe(both_ends) == "检测页面数：10至20得1分，其余得0分"


def test_machine_facts_derive_unreachable_and_measures() -> None:
    facts = machine_facts(
        {
            "url": "http://a.example/",
            "reachable": False,
            "pages": 0,
            "features": {"search": False},
            "findings": [],
        }
    )
    assert [f["kind"] for f in facts.findings] == ["unreachable"]
    assert dict(facts.measures) == {
        "reachable": 0.0,
        "https": 0.0,
        "pages": 0.0,
        "search_works": 0.0,
    }
    facts = machine_facts(
        {
            "url": "https://a.example/",
            "reachable": True,
            "pages": 3,
            "features": {"search": True},
            "findings": [],
            "measurements": {"home_ms": 830},
        }
    )
    assert facts.measures["home_ms"] == 830.0 and facts.measures["https"] == 1.0


def test_a_site_the_scanner_could_not_finish_is_not_unreachable() -> None:
    """Its crawler process died (scan/processes.py): nothing was judged, nothing is deducted."""
    from ceping.scan.processes import failed_report

    site = failed_report("http://a.example/", "检测进程意外退出").to_json()
    facts = machine_facts(site)
    assert facts.findings == () and "reachable" not in facts.measures


def test_features_a_scan_could_not_see_are_missing_inputs_not_absent_features() -> None:
    """A home page behind a script challenge the scan could not pass: search and English are
    null, which no rule may read as "the site has none" (docs/decisions/0009)."""
    facts = machine_facts(
        {
            "url": "https://a.example/",
            "reachable": True,
            "pages": 1,
            "features": {"search": None, "english": None, "unchecked": True},
            "findings": [{"kind": "script_challenge", "page": "https://a.example/"}],
        }
    )
    assert "search_works" not in facts.measures and "english" not in facts.measures


def test_a_suspect_costs_nothing_until_a_person_confirms_it() -> None:
    typo = {"kind": "typo", "page": "https://x.gov.cn/", "text": "帐号", "suggestion": "账号"}
    site = {
        "url": "https://x.gov.cn/",
        "reachable": True,
        "findings": [
            {**typo, "suspect": False},
            {**typo, "text": "按居", "suspect": True},
            {**typo, "text": "效律", "suspect": True, "confirmed": True},
        ],
    }
    kept = machine_facts(site).of_kinds(("typo",))
    assert [f["text"] for f in kept] == ["帐号", "效律"]
