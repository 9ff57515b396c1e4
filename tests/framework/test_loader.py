"""The framework loader: the shipped frameworks load, and every kind of mistake is named."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ceping.errors import FrameworkError
from ceping.framework import (
    Scale,
    Source,
    load_framework,
    parse_framework,
    shipped_framework_path,
    shipped_frameworks,
)
from ceping.vocabulary import KINDS

GOOD = """\
name: 测试指标
total: 10
categories:
  - {name: 区县, label: 区县网站}
areas:
  - code: A
    name: 甲
    children:
      - code: A1
        name: 链接
        max: 6
        source: machine
        rule: {kind: deduct, finding: broken_link, per: 0.5}
      - {code: A2, name: 专家, max: 4, source: expert}
grading:
  grades: [优秀, 良好]
  categories:
    区县: {thresholds: {优秀: 9, 良好: 8}}
"""


def messages(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(textwrap.dedent(text), source="bad.yaml")
    return [str(p) for p in caught.value.problems]


def test_good_framework_loads() -> None:
    framework = parse_framework(GOOD)
    assert framework.total == 10
    assert [a.code for a in framework.areas] == ["A"]
    assert [(leaf.code, leaf.max, leaf.source) for leaf in framework.leaves()] == [
        ("A1", 6.0, Source.MACHINE),
        ("A2", 4.0, Source.EXPERT),
    ]
    assert framework.areas[0].max == 10
    assert framework.grading.categories["区县"].thresholds == {"优秀": 9.0, "良好": 8.0}


def test_every_shipped_framework_validates() -> None:
    assert "shanghai-2012" in shipped_frameworks()
    for name in shipped_frameworks():
        load_framework(shipped_framework_path(name))


def test_shanghai_2012_has_the_seed_areas_and_items() -> None:
    framework = load_framework(shipped_framework_path("shanghai-2012"))
    assert [a.name for a in framework.areas] == [
        "政府网站重点工作",
        "门户网站内容保障工作",
        "访问政府网站便捷度",
        "政府网站外观与应用功能",
    ]
    assert framework.total == 100
    assert [c.name for c in framework.categories] == [
        "区县",
        "市政府部门",
        "管委会",
        "开发区（园区）",
    ]
    convenience = [leaf for leaf in framework.leaves() if leaf.scale is Scale.CONVENIENCE]
    satisfaction = [leaf for leaf in framework.leaves() if leaf.scale is Scale.SATISFACTION]
    assert (len(convenience), len(satisfaction)) == (4, 10)
    used = {s for leaf in framework.leaves() for s in leaf.sources}
    assert used == set(Source)


def test_unknown_source_is_named() -> None:
    text = GOOD.replace("source: expert", "source: robot")
    assert messages(text) == [
        (
            "bad.yaml，第 14 行，A2.source：没有这个来源：“robot”"
            "（可用：machine、expert、public、portal、self）"
        )
    ]


def test_points_that_do_not_add_up_are_named() -> None:
    text = GOOD.replace("    name: 甲\n", "    name: 甲\n    max: 12\n")
    assert messages(text) == [
        "bad.yaml，第 8 行，A.max：指标 A 写的是 12 分，下级指标合计却是 10 分",
    ]


def test_total_that_does_not_add_up_is_named() -> None:
    text = GOOD.replace("total: 10", "total: 100")
    assert messages(text) == ["bad.yaml，第 2 行，total：写的是 100 分，各部分合计却是 10 分"]


def test_duplicate_codes_are_named() -> None:
    text = GOOD.replace("code: A2,", "code: A1,")
    assert messages(text) == ["bad.yaml，第 14 行，A1.code：编号重复：“A1”（第一次出现在第 9 行）"]


def test_leaf_without_max_is_named() -> None:
    text = GOOD.replace("max: 4, ", "")
    assert messages(text) == [
        "bad.yaml，第 14 行，A2.max：末级指标 A2 没有填写分值（max）",
        "bad.yaml，第 2 行，total：写的是 10 分，各部分合计却是 6 分",
    ]


def test_machine_leaf_needs_a_rule() -> None:
    text = GOOD.replace("        rule: {kind: deduct, finding: broken_link, per: 0.5}\n", "")
    assert messages(text) == [
        "bad.yaml，第 9 行，A1.rule：来源为 machine 的末级指标需要填写计分规则（rule）"
    ]


def test_unknown_finding_kind_and_field_are_named() -> None:
    text = GOOD.replace("finding: broken_link", "finding: dead_link").replace(
        "max: 6", "max: 6\n        colour: red"
    )
    assert messages(text) == [
        "bad.yaml，第 12 行，A1.colour：不认识的字段",
        # Every kind of the vocabulary is named, those of checks still to come too.
        (
            "bad.yaml，第 14 行，A1.rule.finding：没有这种问题类型：“dead_link”"
            f"（可用：{'、'.join(sorted(KINDS))}）"
        ),
    ]


def test_where_takes_one_value_or_a_list_of_them() -> None:
    listed = GOOD.replace("per: 0.5}", "per: 0.5, where: {resource: [图片, 样式表]}}")
    (rule,) = [leaf.rule for leaf in parse_framework(listed).leaves() if leaf.code == "A1"]
    assert rule is not None and dict(rule.where) == {"resource": ("图片", "样式表")}
    for bad in ("[]", "{a: b}", "[[图片]]"):
        text = GOOD.replace("per: 0.5}", f"per: 0.5, where: {{resource: {bad}}}}}")
        assert messages(text) == [
            "bad.yaml，第 13 行，A1.rule.where：应为“字段: 取值”或“字段: [取值, 取值]”的键值表"
        ]


def test_grading_with_unknown_category_is_named() -> None:
    text = GOOD.replace("    区县: {thresholds", "    乡镇: {thresholds")
    assert messages(text) == ["bad.yaml，第 18 行，grading.categories.乡镇：没有这个类别：“乡镇”"]


def test_invalid_yaml_is_named() -> None:
    assert messages("name: [unclosed\n") == [
        "bad.yaml，第 2 行：不是有效的 YAML 格式（请检查这一行及上一行的缩进、冒号和引号）"
    ]


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(FrameworkError, match="nope.yaml：找不到这个文件"):
        load_framework(missing)


def test_bonus_area_is_outside_the_total_and_only_an_area_can_be_one() -> None:
    text = textwrap.dedent(
        """\
        name: 加分
        total: 10
        categories: [{name: 门户}, {name: 部门, factor: "4/3"}]
        areas:
          - {code: A, name: 扣分, max: 10, source: expert}
          - code: B
            name: 加分
            bonus_above: 8
            children:
              - {code: B1, name: 创新, max: 3, source: expert}
        grading: {grades: [合格], categories: {门户: {thresholds: {合格: 6}}}}
        """
    )
    framework = parse_framework(text)
    assert [a.bonus_above for a in framework.areas] == [None, 8.0]
    assert framework.bonus_leaf_codes == {"B1"}
    assert [c.factor for c in framework.categories] == [1.0, 4 / 3]
    nested = text.replace("      - {code: B1,", "      - {code: B1, bonus_above: 1,")
    assert messages(nested) == ["bad.yaml，第 10 行，B1.bonus_above：只有一级指标可以设为加分项"]
    odd = text.replace('"4/3"', '"4/0"')
    assert messages(odd) == [
        "bad.yaml，第 3 行，categories[1].factor：应为数字或分数（如 4/3），实为“4/0”"
    ]


def test_a_key_written_twice_is_named() -> None:
    text = GOOD.replace("total: 10", "total: 10\ntotal: 12")
    assert messages(text) == ["bad.yaml，第 3 行，total：同一层中这个字段写了两次"]
