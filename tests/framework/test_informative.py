"""Informative items (不计分的检查项) and `where` lists of accepted values: what the loader
takes, what it names, and how the shipped frameworks use them (issues #17 and #23)."""

from __future__ import annotations

import textwrap

import pytest

from ceping.errors import FrameworkError
from ceping.framework import load_framework, parse_framework, shipped_framework_path
from ceping.scoring.informative import informative_findings, informs_text
from ceping.scoring.rules import apply_deduct, describe
from ceping.vocabulary import KINDS, VALUE_LABELS
from tests.framework.test_loader import GOOD

WITH_INFORMATIVE = GOOD + textwrap.dedent("""\
    vetoes:
      - {code: V8, name: 严重问题, source: organizer}
    informative:
      - name: 网站标识
        finding: missing_identifier
        informs: A2
        note: 分值未读到
      - {name: 暗链, finding: hidden_link, informs: V8}
      - name: 内嵌资源断链
        finding: broken_link
        where: {resource: [image, stylesheet]}
    """)


def _problems(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="bad.yaml")
    return [str(p) for p in caught.value.problems]


def test_informative_items_are_read_with_what_they_inform() -> None:
    framework = parse_framework(WITH_INFORMATIVE)
    first, second, third = framework.informative
    assert (first.name, first.findings, first.informs, first.note) == (
        "网站标识",
        ("missing_identifier",),
        "A2",
        "分值未读到",
    )
    assert informs_text(framework, first) == "指标A2 专家"
    assert informs_text(framework, second) == "单项否决项V8（严重问题）"
    assert dict(third.where) == {"resource": ("image", "stylesheet")}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("{name: 甲, finding: hidden_link, informs: A}", "末级指标或由组织方核实的否决项：“A”"),
        ("{name: 甲, finding: hidden_link, informs: V1}", "没有这个末级指标或由组织方核实的否决项"),
        ("{name: 甲, finding: nothing_such}", "没有这种问题类型：“nothing_such”"),
        ("{finding: hidden_link}", "informative[0].name：必须填写"),
        ("{name: 甲, finding: hidden_link, points: 1}", "informative[0].points：不认识的字段"),
        ("{name: 甲, finding: broken_link, where: {resource: []}}", "应为“字段: 取值”或"),
    ],
)
def test_a_wrong_informative_item_is_named(item: str, message: str) -> None:
    text = GOOD + "vetoes:\n  - {code: V1, name: 无法访问, finding: unreachable}\n"
    problems = _problems(text + f"informative:\n  - {item}\n")
    assert any(message in p for p in problems), problems


def test_a_where_list_accepts_any_of_its_values() -> None:
    text = GOOD.replace(
        "rule: {kind: deduct, finding: broken_link, per: 0.5}",
        "rule: {kind: deduct, finding: broken_link, where: {resource: [image, script]}, per: 1}",
    )
    rule = parse_framework(text).indicator("A1").rule
    assert rule is not None
    found = [
        {"kind": "broken_link", "resource": r, "url": f"http://a/{r}"}
        for r in ("page", "image", "script", "download")
    ]
    outcome = apply_deduct(rule, 6, found)
    assert [d.finding["resource"] for d in outcome.deductions] == ["image", "script"]
    assert outcome.points == 4
    assert describe(rule) == "错链断链（图片或脚本）每处扣 1 分"


NEW_KINDS = (
    "missing_identifier", "hidden_link", "sensitive_word", "no_viewport", "missing_alt",
    "no_accessible_mode", "no_lang", "no_https_redirect", "no_hsts", "weak_tls",
    "mixed_content", "no_ipv6",
)  # fmt: skip


def test_national_2019_shows_every_new_kind_and_scores_none_of_them() -> None:
    framework = load_framework(shipped_framework_path("national-2019"))
    shown = {k for item in framework.informative for k in item.findings}
    assert set(NEW_KINDS) <= shown <= set(KINDS)
    ruled = {k for leaf in framework.leaves() if leaf.rule for k in leaf.rule.findings}
    vetoing = {k for v in framework.vetoes for k in v.findings}
    assert not (set(NEW_KINDS) & (ruled | vetoing))  # no points the table does not give
    informs = {k: item.informs for item in framework.informative for k in item.findings}
    assert informs["missing_identifier"] == informs["no_viewport"] == "D1"  # 功能设计
    assert informs["hidden_link"] == informs["sensitive_word"] == "V8"
    assert informs["weak_tls"] == ""


def test_national_2019_weighs_broken_links_by_what_they_point_at() -> None:
    framework = load_framework(shipped_framework_path("national-2019"))
    resources = ("page", "form", "frame", "image", "stylesheet", "script", "media", "font",
                 "object", "other", "download")  # fmt: skip
    found = [{"kind": "broken_link", "url": f"http://a/{r}", "resource": r} for r in resources]
    groups = {
        entry.item.name: [f["resource"] for f in entry.findings]
        for entry in informative_findings(framework, found)
        if entry.findings
    }
    assert groups == {
        "错链断链（页面链接、表单地址）": ["page", "form"],
        "错链断链（页面内嵌资源：框架、图片、样式表、脚本、音视频、字体、插件）": [
            "frame", "image", "stylesheet", "script", "media", "font", "object", "other",
        ],
        "错链断链（附件下载）": ["download"],
    }  # fmt: skip


def test_shanghai_2012_counts_every_broken_link_a_reader_meets_alike() -> None:
    framework = load_framework(shipped_framework_path("shanghai-2012"))
    rule = framework.indicator("A2.6").rule
    assert rule is not None and rule.findings == ("broken_link",)
    assert set(rule.where["resource"]) == set(VALUE_LABELS["resource"]) - {"plugin"}
    found = [{"kind": "broken_link", "url": "http://a/", "resource": "image"}]
    assert apply_deduct(rule, 2, found).points == 1.75
