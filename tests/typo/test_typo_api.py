"""The front of ceping.typo: check, check_many, traditional text, exports."""

from __future__ import annotations

import dataclasses

import pytest

import ceping.typo
from ceping.typo import LAYERS, Options, Typo, check, check_many


def test_exports_are_locked() -> None:
    assert ceping.typo.__all__ == [
        "LAYERS",
        "NameTitle",
        "Options",
        "Typo",
        "check",
        "check_many",
        "load",
    ]
    assert LAYERS == (
        "known-error",
        "official-wording",
        "name-title",
        "statistical",
        "domain-term",
    )


def test_empty_and_non_chinese_text() -> None:
    assert check("") == []
    assert check("Hello, world 2024!") == []


def test_typo_is_frozen() -> None:
    typo = Typo(0, 1, "a", "b", 0.9, "statistical")
    with pytest.raises(dataclasses.FrozenInstanceError):
        typo.start = 2  # type: ignore[misc]


def test_check_many_keeps_order() -> None:
    texts = ["人民群众安居乐业。", "我们要按居乐业。", ""]
    assert [[t.text for t in found] for found in check_many(texts)] == [[], ["按居乐业"], []]


def test_findings_are_sorted_and_do_not_overlap() -> None:
    found = check("我们要按居乐业，提升行政效律，到2020年全面建成小康社汇。")
    assert [(t.text, t.rule) for t in found] == [
        ("按居乐业", "known-error"),
        ("效律", "statistical"),
        ("全面建成小康社汇", "official-wording"),
    ]


def test_traditional_text_is_checked_with_positions_mapped_back() -> None:
    text = "我們要按居樂業。"
    assert check(text) == [Typo(3, 7, "按居樂業", "安居乐业", 1.0, "known-error", suspect=False)]


def test_traditional_conversion_can_be_turned_off() -> None:
    assert check("我們要按居樂業。", Options(convert_traditional=False)) == []


def test_lines_are_checked_on_their_own_and_positions_are_page_wide() -> None:
    page = "网站首页 | 我们要按居乐业\n正文：提升行政效律。\n网站首页 | 我们要按居乐业\n"
    found = check(page)
    assert [(t.start, t.text) for t in found] == [(10, "按居乐业"), (22, "效律"), (36, "按居乐业")]
    assert [page[t.start : t.end] for t in found] == ["按居乐业", "效律", "按居乐业"]


def test_check_many_reuses_repeated_lines_with_the_right_offsets() -> None:
    footer = "主办单位：某某市人民政府办公厅\n"
    pages = ["第一页：我们要按居乐业。\n" + footer, footer + "第二页：我们要按居乐业。"]
    found = list(check_many(pages))
    assert [[(t.start, t.text) for t in f] for f in found] == [
        [(7, "按居乐业")],
        [(23, "按居乐业")],
    ]
