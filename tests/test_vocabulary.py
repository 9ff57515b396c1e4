"""The finding vocabulary: one Chinese label per kind, evidence fields labelled, every kind
covered."""

from __future__ import annotations

import re

import pytest

from ceping.framework import (
    FINDING_KINDS,
    load_framework,
    shipped_framework_path,
    shipped_frameworks,
)
from ceping.scan import models as scan_models
from ceping.scan.sitewords import SECTIONS
from ceping.vocabulary import (
    KINDS,
    OTHER_FIELD,
    OTHER_KIND,
    VALUE_LABELS,
    evidence_items,
    evidence_of,
    field_label,
    label_of,
    order_of,
    value_text,
)
from tests.vocabulary_words import UNKNOWN_KIND, english_keys, sample_finding, visible_text

CHINESE = re.compile("[\u4e00-\u9fff]")

# DESIGN.md §5.1: the kinds of the scan JSON, those named for later checks, and the extras
# scoring reads (trap, unreachable, no_https, stale_home, unanswered_message).
DESIGN_KINDS = {
    "broken_link", "typo", "stale_column", "blank_column", "missing_feature", "slow_page",
    "stale_home", "unanswered_message", "slow_reply", "guide_incomplete", "missing_identifier",
    "no_https_redirect", "no_hsts", "weak_tls", "mixed_content", "no_ipv6", "hidden_link",
    "sensitive_word", "no_viewport", "missing_alt", "no_accessible_mode", "no_lang",
    "unreachable", "no_https", "trap",
}  # fmt: skip


def test_every_kind_has_one_chinese_label_of_its_own() -> None:
    labels = [k.label for k in KINDS.values()]
    assert all(CHINESE.search(label) for label in labels)
    assert len(set(labels)) == len(labels)
    assert OTHER_KIND not in labels
    assert all(key == kind.key for key, kind in KINDS.items())


def test_every_evidence_field_has_a_chinese_label_once_per_kind() -> None:
    for kind in KINDS.values():
        fields = [e.field for e in kind.evidence]
        labels = [e.label for e in kind.evidence]
        assert len(set(fields)) == len(fields), kind.key
        assert len(set(labels)) == len(labels), kind.key
        assert all(CHINESE.search(label) for label in labels), kind.key
        assert "kind" not in fields


def test_the_vocabulary_covers_design_scanner_and_frameworks() -> None:
    assert DESIGN_KINDS <= set(KINDS)
    produced = {
        v for n, v in vars(scan_models).items() if n.isupper() and isinstance(v, str) and "_" in v
    }
    assert produced - {"ms", "ttfb_ms"} <= set(KINDS)
    assert set(FINDING_KINDS) <= set(KINDS)  # every kind the framework loader accepts
    for name in shipped_frameworks():
        framework = load_framework(shipped_framework_path(name))
        used = {k for leaf in framework.leaves() if leaf.rule for k in leaf.rule.findings}
        used |= {k for veto in framework.vetoes for k in veto.findings}
        assert used <= set(KINDS), name


def test_unknown_kinds_and_fields_read_in_chinese() -> None:
    assert label_of(UNKNOWN_KIND) == OTHER_KIND
    assert label_of("") == OTHER_KIND
    assert evidence_of(UNKNOWN_KIND) == ()
    assert field_label(UNKNOWN_KIND, "weight") == OTHER_FIELD
    assert field_label(UNKNOWN_KIND, "url") == "链接地址"
    assert field_label("stale_column", "page") == "栏目地址"  # a kind may name a field its own way
    assert order_of("broken_link") == 0 and order_of(UNKNOWN_KIND) == len(KINDS)


def test_values_that_are_keys_have_chinese_names() -> None:
    features = VALUE_LABELS["feature"]
    assert (features["search"], features["english"]) == ("站内搜索", "英文版")
    assert set(SECTIONS) <= set(features)  # the sections a missing_feature names
    assert set(VALUE_LABELS["identifier"]) == {"site_code", "icp", "psb", "conac", "jiucuo"}
    assert all(
        CHINESE.search(label) for values in VALUE_LABELS.values() for label in values.values()
    )
    assert value_text("feature", "search") == "站内搜索"
    assert value_text("suspect", True) == "是" and value_text("suspect", False) == "否"
    assert value_text("confidence", 0.90) == "0.9" and value_text("days", 458) == "458"
    assert value_text("error", None) == ""


def test_evidence_items_in_the_kinds_order_empty_ones_left_out() -> None:
    finding = {
        "kind": "broken_link",
        "status": None,
        "error": "连接超时",
        "url": "https://a.gov.cn/x",
        "page": "https://a.gov.cn/",
        "noise": "x",
    }
    assert evidence_items(finding) == [
        ("所在页面", "https://a.gov.cn/"),
        ("链接地址", "https://a.gov.cn/x"),
        ("错误信息", "连接超时"),
    ]
    assert evidence_items(finding, skip=("page",))[0] == ("链接地址", "https://a.gov.cn/x")
    assert evidence_items({"kind": "missing_feature", "feature": "english"}) == [
        ("缺少的功能", "英文版")
    ]
    # An unknown kind hides nothing: every field, under a Chinese label.
    assert evidence_items({"kind": UNKNOWN_KIND, "weight": 3, "page": "https://a.gov.cn/"}) == [
        ("所在页面", "https://a.gov.cn/"),
        ("其他信息", "3"),
    ]


@pytest.mark.parametrize("kind", [*KINDS, UNKNOWN_KIND])
def test_the_evidence_of_every_kind_reads_in_chinese(kind: str) -> None:
    finding = sample_finding(kind, "https://www.example.gov.cn/", 1)
    items = evidence_items(finding)
    assert len(items) == len(finding) - 1  # every field shown
    text = "\n".join([label_of(kind), *(f"{label}：{value}" for label, value in items)])
    assert english_keys(text) == []


def test_the_check_finds_english_keys_in_visible_text_only() -> None:
    html = (
        '<p class="broken_link" title="typo">错链断链 '
        '<a href="/x?kind=trap">https://a.gov.cn/english/</a></p>'
        "<script>var k = 'stale_column';</script>"
        "<td>no_https_redirect</td><td>page: x</td><td>search</td>"
    )
    assert english_keys(visible_text(html)) == ["no_https_redirect", "page", "search"]
    assert english_keys("no_https 与 no_https_redirect") == ["no_https", "no_https_redirect"]


def test_request_errors_are_shown_in_plain_words() -> None:
    ssl = "connection failed: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"
    assert value_text("error", ssl) == "HTTPS连接失败（证书或加密协议有误）"
    assert value_text("error", "connection refused") == "连接被拒绝"
    assert (
        value_text("error", "redirect to unusable location 'ftp://x'") == "重定向到无法访问的地址"
    )
    # A library's own message never reaches a page or a report.
    assert value_text("error", "ClientOSError: [Errno 104] Connection reset by peer") == (
        "访问出错，未得到网站应答"
    )
    assert value_text("error", "") == ""


def test_every_finding_kind_has_a_plain_chinese_fix_hint() -> None:
    from ceping.fix_hints import FIX_HINTS, GENERAL_HINT, fix_hint

    assert set(FIX_HINTS) == set(KINDS)
    assert fix_hint("a_kind_of_tomorrow") == GENERAL_HINT
    # Plain words for a webmaster: no finding key, no snake_case identifier in the sentence.
    assert not [kind for kind, hint in FIX_HINTS.items() if "_" in hint or kind in hint]
