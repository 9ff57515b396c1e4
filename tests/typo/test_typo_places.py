"""Place names down to township level are not "corrected" (issue 19, data/places.txt.gz)."""

from __future__ import annotations

import pytest

from ceping.typo import check
from ceping.typo.build.build_places import place_names, township_short
from ceping.typo.resources import names


@pytest.mark.parametrize("town", ["妙皇", "仰化", "柏合", "孝儿", "忠路"])
def test_a_township_short_name_is_not_corrected(town: str) -> None:
    # before places.txt.gz: 妙皇 → 沙皇, 仰化 → 氧化, 柏合 → 百合, 孝儿 → 小儿, 忠路 → 中路
    assert check(f"推进{town}片区综合开发建设。") == []


def test_townships_ship_with_full_and_short_names() -> None:
    assert {"黎安镇", "黎安", "嘉定"} <= names()


def test_short_names_that_are_words_stay_checkable() -> None:
    lines = ["上海市\t310000\t上海", "\t\t嘉定区\t310114\t嘉定", "\t\t\t光明镇", "\t\t\t华亭镇"]
    got = place_names(lines, words={"光明"})
    assert {"上海市", "上海", "嘉定区", "嘉定", "光明镇", "华亭镇", "华亭"} == got
    assert "光明" not in got


def test_township_suffixes() -> None:
    assert township_short("黎安镇") == "黎安"
    assert township_short("鄂温克民族苏木") == "鄂温克"
    assert township_short("镇") == ""
