"""Load a framework YAML file into a Framework, reporting every problem with line and field."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ceping.errors import FrameworkError, Problem, at, quoted
from ceping.framework.model import (
    FINDING_KINDS,
    Band,
    Category,
    CategoryGrading,
    Framework,
    Grading,
    Indicator,
    Informative,
    NoticeGroup,
    Rule,
    RuleKind,
    Scale,
    Source,
    Veto,
    VetoEffect,
)
from ceping.framework.scansettings import read_scan_settings
from ceping.framework.yamlsource import (
    DuplicateKey,
    LineDict,
    LineList,
    YamlRefused,
    load_with_lines,
)

# What a rule may read, per source; scoring computes exactly these (docs/framework.md).
MEASURES: Mapping[Source, frozenset[str]] = MappingProxyType(
    {
        Source.MACHINE: frozenset(
            {"home_ms", "reachable", "https", "pages", "search_works", "english"}
            # From continuous monitoring over the window (campaign/monitor_figures.py).
            | {"availability_rate", "monitor_median_ms", "monitor_p90_ms"}
        ),
        Source.PUBLIC: frozenset({"favourable_rate", "positive_rate"}),
        Source.EXPERT: frozenset({"favourable_rate", "positive_rate"}),
        Source.PORTAL: frozenset(
            {"submitted", "adopted", "adoption_rate", "corrections_handled_rate", "mailbox_cases"}
        ),
    }
)
RULED_SOURCES = frozenset({Source.MACHINE, Source.PORTAL})  # a leaf of these needs a rule
POINT_TOLERANCE = 1e-6

FRAMEWORK_KEYS = {
    "name",
    "description",
    "total",
    "categories",
    "groups",
    "areas",
    "grading",
    "vetoes",
    "notice",
    "informative",
    "scan",
}
INDICATOR_KEYS = {
    "code",
    "name",
    "description",
    "max",
    "source",
    "rule",
    "scale",
    "children",
    "weights",
    "bonus_above",
}
RULE_KEYS = {"kind", "finding", "where", "per", "cap", "measure", "bands", "low", "high"}
VETO_KEYS = {
    "code", "name", "finding", "where", "effect", "cap", "at_least", "categories", "source"
}  # fmt: skip
INFORMATIVE_KEYS = {"name", "finding", "where", "informs", "note"}
# What may decide a veto: the scanner's findings, or the organizer from evidence.
VETO_SOURCES = ("machine", "organizer")


class _Reader:
    """Collects problems while turning the YAML tree into model values."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.codes: dict[str, int] = {}
        self.categories: tuple[str, ...] = ()

    def problem(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.source, at(line) if line else "", field, message))

    # -- small typed getters ----------------------------------------------------------------
    def mapping(self, value: Any, line: int, field: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problem(line, field, f"应为键值表，实为{_kind(value)}")
        return None

    def text(self, node: LineDict, key: str, field: str, required: bool = True) -> str:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, field, "必须填写")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(node.line_of(key), field, f"应为文字，实为{_kind(value)}")
            return ""
        return value.strip()

    def number(self, node: LineDict, key: str, field: str, minimum: float = 0.0) -> float | None:
        value = node.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.problem(node.line_of(key), field, f"应为数字，实为{_kind(value)}")
            return None
        if value < minimum:
            self.problem(node.line_of(key), field, f"不能小于 {minimum:g}，实为 {value:g}")
            return None
        return float(value)

    def factor(self, node: LineDict, key: str, field: str) -> float | None:
        """A number, or a fraction written as text ("4/3"): a factor a table states that way."""
        value = node.get(key)
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*", value)
            if match is None or float(match.group(2)) == 0:
                self.problem(
                    node.line_of(key), field, f"应为数字或分数（如 4/3），实为{quoted(value)}"
                )
                return None
            return float(match.group(1)) / float(match.group(2))
        return self.number(node, key, field)

    def unknown_keys(self, node: LineDict, allowed: set[str], prefix: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(node.line_of(key), _join(prefix, key), "不认识的字段")

    def finding_kinds(self, node: LineDict, field: str) -> tuple[str, ...]:
        raw = node.get("finding")
        kinds = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        if not kinds:
            self.problem(node.line_of("finding"), field, "没有写明问题类型")
        for kind in kinds:
            if kind not in FINDING_KINDS:
                known = "、".join(sorted(FINDING_KINDS))
                self.problem(
                    node.line_of("finding"),
                    field,
                    f"没有这种问题类型：{quoted(kind)}（可用：{known}）",
                )
        return tuple(str(k) for k in kinds)

    def where(self, node: LineDict, field: str) -> Mapping[str, tuple[str, ...]]:
        """`where: {field: value}` or `{field: [value, value]}` (any of them matches)."""
        raw = node.get("where", {})

        def values(v: object) -> tuple[str, ...] | None:
            if isinstance(v, str | int) and not isinstance(v, bool):
                return (str(v),)
            if isinstance(v, list) and v and all(isinstance(x, str | int) for x in v):
                return tuple(str(x) for x in v)
            return None

        read = {str(k): values(v) for k, v in raw.items()} if isinstance(raw, dict) else None
        if read is None or any(v is None for v in read.values()):
            wanted = "应为“字段: 取值”或“字段: [取值, 取值]”的键值表"
            self.problem(node.line_of("where"), field, wanted)
            return MappingProxyType({})
        return MappingProxyType({k: v for k, v in read.items() if v is not None})

    # -- the tree -----------------------------------------------------------------------------
    def framework(self, doc: Any) -> Framework | None:
        root = self.mapping(doc, 1, "(file)")
        if root is None:
            return None
        self.unknown_keys(root, FRAMEWORK_KEYS, "")
        name = self.text(root, "name", "name")
        total = None
        if "total" in root:
            total = self.number(root, "total", "total", minimum=POINT_TOLERANCE)
        else:
            self.problem(root.line, "total", "必须填写")
        categories = self.category_list(root)
        areas = self.indicator_list(root.get("areas"), root.line_of("areas"), "areas", parent="")
        if total is not None and areas:
            # Bonus areas (加分指标) come on top of the total.
            added = sum(a.max for a in areas if not a.is_bonus)
            if abs(added - total) > POINT_TOLERANCE:
                self.problem(
                    root.line_of("total"),
                    "total",
                    f"写的是 {total:g} 分，各部分合计却是 {added:g} 分",
                )
        grading = self.grading(root.get("grading"), root.line_of("grading"))
        vetoes = self.vetoes(root.get("vetoes", []), root.line_of("vetoes"))
        groups = self.group_list(root)
        notice = self.notice_name(root)
        informative = self.informative(root, areas, vetoes)
        scan = read_scan_settings(root, self.problem)
        if self.problems or grading is None or total is None:
            return None
        return Framework(
            name=name,
            total=total,
            categories=categories,
            areas=tuple(areas),
            grading=grading,
            vetoes=vetoes,
            description=str(root.get("description", "")).strip(),
            groups=groups,
            notice=notice,
            informative=informative,
            scan=scan,
        )

    def notice_name(self, root: LineDict) -> str:
        """The file name of a shipped notice template: a plain name, no folder."""
        value = root.get("notice", "")
        if not isinstance(value, str) or not re.fullmatch(
            r"[A-Za-z0-9][A-Za-z0-9._-]*\.txt|", value
        ):
            self.problem(
                root.line_of("notice"),
                "notice",
                "应为随软件提供的通报模板文件名",
            )
            return ""
        return value

    def category_list(self, root: LineDict) -> tuple[Category, ...]:
        raw = root.get("categories")
        if not isinstance(raw, LineList) or not raw:
            self.problem(root.line_of("categories"), "categories", "应为类别列表")
            return ()
        result: list[Category] = []
        for i, item in enumerate(raw):
            field = f"categories[{i}]"
            node = self.mapping(item, raw.line, field)
            if node is None:
                continue
            self.unknown_keys(node, {"name", "label", "factor"}, field)
            name = self.text(node, "name", f"{field}.name")
            label = self.text(node, "label", f"{field}.label", required=False) or f"{name}网站"
            if name in (c.name for c in result):
                self.problem(node.line, f"{field}.name", f"类别重复：{quoted(name)}")
            factor = 1.0
            if "factor" in node:
                value = self.factor(node, "factor", f"{field}.factor")
                if value == 0:
                    self.problem(node.line_of("factor"), f"{field}.factor", "不能为 0")
                factor = value or 1.0
            result.append(Category(name=name, label=label, factor=factor))
        self.categories = tuple(c.name for c in result)
        return tuple(result)

    def group_list(self, root: LineDict) -> tuple[NoticeGroup, ...]:
        raw = root.get("groups", [])
        if not isinstance(raw, list):
            self.problem(root.line_of("groups"), "groups", "应为通报分组列表")
            return ()
        result: list[NoticeGroup] = []
        for i, item in enumerate(raw):
            field = f"groups[{i}]"
            node = self.mapping(item, root.line_of("groups"), field)
            if node is None:
                continue
            self.unknown_keys(node, {"name", "categories"}, field)
            name = self.text(node, "name", f"{field}.name")
            members = node.get("categories")
            if not isinstance(members, list) or not members:
                self.problem(
                    node.line_of("categories"),
                    f"{field}.categories",
                    "应为类别列表",
                )
                continue
            for member in members:
                if member not in self.categories:
                    self.problem(
                        node.line_of("categories"),
                        f"{field}.categories",
                        f"没有这个类别：{quoted(member)}",
                    )
            if name in self.categories or name in (g.name for g in result):
                self.problem(
                    node.line_of("name"),
                    f"{field}.name",
                    f"{quoted(name)} 已是一个类别或分组的名称",
                )
            result.append(NoticeGroup(name=name, categories=tuple(str(m) for m in members)))
        return tuple(result)

    def indicator_list(self, raw: Any, line: int, field: str, parent: str) -> list[Indicator]:
        if not isinstance(raw, LineList) or not raw:
            self.problem(line, field, "应为指标列表，且不能为空")
            return []
        nodes = (
            self.indicator(item, raw.line, f"{field}[{i}]", parent) for i, item in enumerate(raw)
        )
        return [node for node in nodes if node is not None]

    def indicator(self, item: Any, line: int, field: str, parent: str) -> Indicator | None:
        node = self.mapping(item, line, field)
        if node is None:
            return None
        code = self.text(node, "code", f"{field}.code")
        where = code or field
        self.unknown_keys(node, INDICATOR_KEYS, where)
        if code:
            self.register_code(code, node.line_of("code"), f"{where}.code")
            if parent and not code.startswith(parent):
                self.problem(
                    node.line_of("code"),
                    f"{where}.code",
                    f"没有以上级指标的编号 {quoted(parent)} 开头",
                )
        name = self.text(node, "name", f"{where}.name")
        weights = self.weights(node, where)
        built = (
            self.branch(node, code, name, weights, where)
            if "children" in node
            else self.leaf(node, code, name, weights, where)
        )
        if "bonus_above" not in node:
            return built
        if parent:
            self.problem(
                node.line_of("bonus_above"), f"{where}.bonus_above", "只有一级指标可以设为加分项"
            )
            return built
        above = self.number(node, "bonus_above", f"{where}.bonus_above")
        return built if above is None else replace(built, bonus_above=above)

    def branch(
        self, node: LineDict, code: str, name: str, weights: Mapping[str, float], where: str
    ) -> Indicator:
        for key in ("source", "rule", "scale"):
            if key in node:
                self.problem(node.line_of(key), f"{where}.{key}", "只有末级指标才能填写 " + key)
        children = self.indicator_list(
            node["children"], node.line_of("children"), f"{where}.children", code
        )
        added = sum(c.max for c in children)
        if "max" in node:
            declared = self.number(node, "max", f"{where}.max", minimum=POINT_TOLERANCE)
            if declared is not None and children and abs(declared - added) > POINT_TOLERANCE:
                self.problem(
                    node.line_of("max"),
                    f"{where}.max",
                    f"指标 {code} 写的是 {declared:g} 分，下级指标合计却是 {added:g} 分",
                )
        return Indicator(
            code=code,
            name=name,
            max=added,
            children=tuple(children),
            weights=weights,
            description=str(node.get("description", "")).strip(),
            line=node.line,
        )

    def leaf(
        self, node: LineDict, code: str, name: str, weights: Mapping[str, float], where: str
    ) -> Indicator:
        points = 0.0
        if "max" not in node:
            self.problem(node.line, f"{where}.max", f"末级指标 {code} 没有填写分值（max）")
        else:
            points = self.number(node, "max", f"{where}.max", minimum=POINT_TOLERANCE) or 0.0
        sources = self.sources(node, where)
        scale = self.scale(node, sources, where)
        rule = None
        if "rule" in node:
            rule = self.rule(node["rule"], node.line_of("rule"), f"{where}.rule", sources, points)
        elif sources.keys() & RULED_SOURCES:
            self.problem(
                node.line,
                f"{where}.rule",
                f"来源为 {'、'.join(sorted(sources))} 的末级指标需要填写计分规则（rule）",
            )
        return Indicator(
            code=code,
            name=name,
            max=points,
            sources=sources,
            rule=rule,
            scale=scale,
            weights=weights,
            description=str(node.get("description", "")).strip(),
            line=node.line,
        )

    def sources(self, node: LineDict, where: str) -> Mapping[Source, float]:
        raw = node.get("source")
        line = node.line_of("source")
        known = "、".join(s.value for s in Source)
        if raw is None:
            self.problem(node.line, f"{where}.source", f"末级指标没有填写来源（可用：{known}）")
            return MappingProxyType({})
        shares = (
            {raw: 1.0} if isinstance(raw, str) else dict(raw) if isinstance(raw, dict) else None
        )
        if shares is None:
            self.problem(line, f"{where}.source", "应为一个来源，或“来源: 占比”的键值表")
            return MappingProxyType({})
        result: dict[Source, float] = {}
        for name, share in shares.items():
            if name not in Source.__members__.values():
                self.problem(
                    line, f"{where}.source", f"没有这个来源：{quoted(name)}（可用：{known}）"
                )
            elif isinstance(share, bool) or not isinstance(share, int | float) or share <= 0:
                self.problem(line, f"{where}.source", f"{name} 的占比应为正数")
            else:
                result[Source(name)] = float(share)
        if result and abs(sum(result.values()) - 1.0) > POINT_TOLERANCE:
            self.problem(
                line, f"{where}.source", f"各来源占比合计为 {sum(result.values()):g}，应为 1"
            )
        return MappingProxyType(result)

    def scale(self, node: LineDict, sources: Mapping[Source, float], where: str) -> Scale | None:
        raw = node.get("scale")
        if raw is None:
            if Source.PUBLIC in sources:
                self.problem(
                    node.line,
                    f"{where}.scale",
                    "公众评价的末级指标需要填写评价档次（scale：convenience 或 satisfaction）",
                )
            return None
        if raw not in Scale.__members__.values():
            self.problem(
                node.line_of("scale"),
                f"{where}.scale",
                f"没有这种评价档次：{quoted(raw)}（可用：convenience、satisfaction）",
            )
            return None
        return Scale(raw)

    def weights(self, node: LineDict, where: str) -> Mapping[str, float]:
        raw = node.get("weights")
        if raw is None:
            return MappingProxyType({})
        if not isinstance(raw, LineDict):
            self.problem(
                node.line_of("weights"),
                f"{where}.weights",
                "应为“类别: 系数”的键值表",
            )
            return MappingProxyType({})
        result = {}
        for category in raw:
            if category not in self.categories:
                self.problem(
                    raw.line_of(category), f"{where}.weights", f"没有这个类别：{quoted(category)}"
                )
            value = self.factor(raw, category, f"{where}.weights.{category}")
            if value is not None:
                result[category] = value
        return MappingProxyType(result)

    def rule(
        self, raw: Any, line: int, where: str, sources: Mapping[Source, float], points: float
    ) -> Rule | None:
        node = self.mapping(raw, line, where)
        if node is None:
            return None
        self.unknown_keys(node, RULE_KEYS, where)
        kind_text = node.get("kind")
        if kind_text not in RuleKind.__members__.values():
            kinds = "、".join(k.value for k in RuleKind)
            self.problem(
                node.line_of("kind"),
                f"{where}.kind",
                f"没有这种计分规则：{quoted(kind_text)}（可用：{kinds}）",
            )
            return None
        kind = RuleKind(str(kind_text))
        if kind is RuleKind.DEDUCT:
            if Source.MACHINE not in sources:
                self.problem(
                    node.line_of("kind"),
                    f"{where}.kind",
                    "扣分规则按检测出的问题计数，只能用于来源为机器检测的指标",
                )
            cap = self.number(node, "cap", f"{where}.cap") if "cap" in node else None
            if cap is not None and cap > points + POINT_TOLERANCE:
                self.problem(
                    node.line_of("cap"),
                    f"{where}.cap",
                    f"扣分上限 {cap:g} 超过了该指标的分值 {points:g}",
                )
            return Rule(
                kind=kind,
                findings=self.finding_kinds(node, f"{where}.finding"),
                where=self.where(node, f"{where}.where"),
                per=self.number(node, "per", f"{where}.per", minimum=POINT_TOLERANCE) or 0.0,
                cap=cap,
            )
        measure = self.measure(node, where, sources)
        if kind is RuleKind.BANDS:
            return Rule(kind=kind, measure=measure, bands=self.bands(node, where, points))
        low = self.number(node, "low", f"{where}.low") if "low" in node else 0.0
        high = self.number(node, "high", f"{where}.high") if "high" in node else 1.0
        if low is not None and high is not None and high <= low:
            self.problem(node.line_of("high"), f"{where}.high", f"应大于 low（{low:g}）")
        return Rule(kind=kind, measure=measure, low=low or 0.0, high=high or 1.0)

    def measure(self, node: LineDict, where: str, sources: Mapping[Source, float]) -> str:
        measure = self.text(node, "measure", f"{where}.measure")
        allowed = (
            set().union(*(MEASURES.get(s, frozenset()) for s in sources)) if sources else set()
        )
        if measure and measure not in allowed:
            names = "、".join(sorted(allowed)) or "无"
            self.problem(
                node.line_of("measure"),
                f"{where}.measure",
                f"没有这个测量项：{quoted(measure)}（可用：{names}）",
            )
        return measure

    def bands(self, node: LineDict, where: str, points: float) -> tuple[Band, ...]:
        raw = node.get("bands")
        if not isinstance(raw, LineList) or not raw:
            self.problem(node.line_of("bands"), f"{where}.bands", "应为分档列表，且不能为空")
            return ()
        result = []
        for i, item in enumerate(raw):
            field = f"{where}.bands[{i}]"
            band = self.mapping(item, raw.line, field)
            if band is None:
                continue
            self.unknown_keys(band, {"points", "at_most", "at_least"}, field)
            value = self.number(band, "points", f"{field}.points")
            if value is not None and value > points + POINT_TOLERANCE:
                self.problem(
                    band.line_of("points"),
                    f"{field}.points",
                    f"{value:g} 分超过了该指标的分值 {points:g}",
                )
            at_most = (
                self.number(band, "at_most", f"{field}.at_most", -math.inf)
                if "at_most" in band
                else None
            )
            at_least = (
                self.number(band, "at_least", f"{field}.at_least", -math.inf)
                if "at_least" in band
                else None
            )
            result.append(Band(points=value or 0.0, at_most=at_most, at_least=at_least))
        return tuple(result)

    def grading(self, raw: Any, line: int) -> Grading | None:
        node = self.mapping(raw, line, "grading")
        if node is None:
            return None
        self.unknown_keys(node, {"grades", "good_share", "categories"}, "grading")
        grades_raw = node.get("grades")
        if (
            not isinstance(grades_raw, list)
            or not grades_raw
            or not all(isinstance(g, str) for g in grades_raw)
        ):
            self.problem(
                node.line_of("grades"),
                "grading.grades",
                "应为等次名称列表，从最好的等次写起",
            )
            return None
        grades = tuple(grades_raw)
        good_share = 0.8
        if "good_share" in node:
            good_share = self.number(node, "good_share", "grading.good_share") or 0.8
            if not 0 < good_share <= 1:
                self.problem(
                    node.line_of("good_share"), "grading.good_share", "应大于 0 且不大于 1"
                )
        per_category: dict[str, CategoryGrading] = {}
        cats = node.get("categories")
        if not isinstance(cats, LineDict):
            self.problem(
                node.line_of("categories"),
                "grading.categories",
                "应为“类别: 等次规则”的键值表",
            )
            return None
        for category, spec in cats.items():
            field = f"grading.categories.{category}"
            if category not in self.categories:
                self.problem(cats.line_of(category), field, f"没有这个类别：{quoted(category)}")
            parsed = self.category_grading(spec, cats.line_of(category), field, grades)
            if parsed is not None:
                per_category[category] = parsed
        return Grading(
            grades=grades, categories=MappingProxyType(per_category), good_share=good_share
        )

    def category_grading(
        self, raw: Any, line: int, field: str, grades: tuple[str, ...]
    ) -> CategoryGrading | None:
        node = self.mapping(raw, line, field)
        if node is None:
            return None
        self.unknown_keys(node, {"thresholds", "quotas"}, field)
        thresholds = self.grade_numbers(node, "thresholds", field, grades)
        quotas = {g: int(v) for g, v in self.grade_numbers(node, "quotas", field, grades).items()}
        ordered = [thresholds[g] for g in grades if g in thresholds]
        if ordered != sorted(ordered, reverse=True):
            self.problem(
                node.line_of("thresholds"),
                f"{field}.thresholds",
                "应从最好的等次往下依次降低",
            )
        missing = [g for g in grades if g not in thresholds and g not in quotas]
        if missing:
            self.problem(node.line, field, f"没有填写这些等次的分数线或名额：{'、'.join(missing)}")
        return CategoryGrading(
            thresholds=MappingProxyType(thresholds), quotas=MappingProxyType(quotas)
        )

    def grade_numbers(
        self, node: LineDict, key: str, field: str, grades: tuple[str, ...]
    ) -> dict[str, float]:
        raw = node.get(key, {})
        if not isinstance(raw, LineDict):
            if raw:
                self.problem(node.line_of(key), f"{field}.{key}", "应为“等次: 数字”的键值表")
            return {}
        result = {}
        for grade in raw:
            if grade not in grades:
                self.problem(raw.line_of(grade), f"{field}.{key}", f"没有这个等次：{quoted(grade)}")
                continue
            value = self.number(raw, grade, f"{field}.{key}.{grade}")
            if value is not None:
                result[grade] = value
        return result

    def vetoes(self, raw: Any, line: int) -> tuple[Veto, ...]:
        if not isinstance(raw, list):
            self.problem(line, "vetoes", "应为单项否决指标列表")
            return ()
        result = []
        for i, item in enumerate(raw):
            node = self.mapping(item, line, f"vetoes[{i}]")
            if node is None:
                continue
            code = self.text(node, "code", f"vetoes[{i}].code")
            where = code or f"vetoes[{i}]"
            self.unknown_keys(node, VETO_KEYS, where)
            if code:
                self.register_code(code, node.line_of("code"), f"{where}.code")
            effect_text = node.get("effect", "zero")
            if effect_text not in VetoEffect.__members__.values():
                self.problem(
                    node.line_of("effect"),
                    f"{where}.effect",
                    f"没有这种否决效果：{quoted(effect_text)}（可用：zero、cap）",
                )
                continue
            effect = VetoEffect(effect_text)
            cap = self.number(node, "cap", f"{where}.cap") if effect is VetoEffect.CAP else None
            at_least = (
                self.number(node, "at_least", f"{where}.at_least", minimum=1)
                if "at_least" in node
                else 1
            )
            by_organizer = self.veto_source(node, where) == "organizer"
            result.append(
                Veto(
                    code=code,
                    name=self.text(node, "name", f"{where}.name"),
                    findings=() if by_organizer else self.finding_kinds(node, f"{where}.finding"),
                    where=self.where(node, f"{where}.where"),
                    effect=effect,
                    cap=cap,
                    line=node.line,
                    at_least=int(at_least or 1),
                    categories=self.veto_categories(node, where),
                    by_organizer=by_organizer,
                )
            )
        return tuple(result)

    def informative(
        self, root: LineDict, areas: list[Indicator], vetoes: tuple[Veto, ...]
    ) -> tuple[Informative, ...]:
        """Findings shown without points, each naming what it informs: a leaf or an organizer
        veto (a rule's leaf or a finding's veto scores them already: not "informative")."""
        raw = root.get("informative", [])
        line = root.line_of("informative")
        if not isinstance(raw, list):
            self.problem(line, "informative", "应为不计分检查项的列表")
            return ()
        leaves = {leaf.code for area in areas for leaf in area.leaves()}
        organizer = {v.code for v in vetoes if v.by_organizer}
        result = []
        for i, item in enumerate(raw):
            field = f"informative[{i}]"
            node = self.mapping(item, line, field)
            if node is None:
                continue
            self.unknown_keys(node, INFORMATIVE_KEYS, field)
            informs = str(node.get("informs", "")).strip()
            if informs and informs not in leaves | organizer:
                self.problem(
                    node.line_of("informs"),
                    f"{field}.informs",
                    f"没有这个末级指标或由组织方核实的否决项：{quoted(informs)}",
                )
            result.append(
                Informative(
                    name=self.text(node, "name", f"{field}.name"),
                    findings=self.finding_kinds(node, f"{field}.finding"),
                    where=self.where(node, f"{field}.where"),
                    informs=informs,
                    note=self.text(node, "note", f"{field}.note", required=False),
                    line=node.line,
                )
            )
        return tuple(result)

    def veto_source(self, node: LineDict, where: str) -> str:
        """machine (findings decide) or organizer (a verdict with evidence decides, no finding)."""
        source = node.get("source", "machine")
        if source not in VETO_SOURCES:
            self.problem(
                node.line_of("source"),
                f"{where}.source",
                f"没有这个来源：{quoted(source)}（可用：{'、'.join(VETO_SOURCES)}）",
            )
            return "machine"
        if source == "organizer" and ("finding" in node or "at_least" in node):
            self.problem(
                node.line_of("source"),
                f"{where}.source",
                "由组织方核实的否决项按核实结果判定，不能再写 finding 或 at_least",
            )
        return str(source)

    def veto_categories(self, node: LineDict, where: str) -> tuple[str, ...]:
        """The categories a veto is limited to (e.g. 未提供办事服务: not units without services)."""
        raw = node.get("categories", [])
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            self.problem(node.line_of("categories"), f"{where}.categories", "应为列表")
            return ()
        for name in raw:
            if name not in self.categories:
                self.problem(
                    node.line_of("categories"),
                    f"{where}.categories",
                    f"没有这个类别：{quoted(name)}",
                )
        return tuple(raw)

    def register_code(self, code: str, line: int, field: str) -> None:
        if code in self.codes:
            first = at(self.codes[code])
            self.problem(line, field, f"编号重复：{quoted(code)}（第一次出现在{first}）")
        else:
            self.codes[code] = line


def _kind(value: Any) -> str:
    """How a YAML value reads to a person, for messages."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, dict):
        return "键值表"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "文字"
    return "数字" if isinstance(value, int | float) else "其他内容"


def _unreadable(exc: OSError | UnicodeDecodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "无法读取：文件不是 UTF-8 编码，请另存为 UTF-8 后再试"
    if isinstance(exc, FileNotFoundError):
        return "找不到这个文件"
    return "无法读取这个文件（请检查文件是否存在、是否有读取权限）"


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def parse_framework(text: str, source: str = "<string>") -> Framework:
    """Parse and validate framework YAML text; FrameworkError lists every problem."""
    try:
        doc = load_with_lines(text)
    except YamlRefused as exc:
        problem = Problem(source, at(exc.line) if exc.line else "", "", exc.message)
        raise FrameworkError([problem]) from exc
    except DuplicateKey as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 0
        problem = Problem(source, at(line) if line else "", exc.key, "同一层中这个字段写了两次")
        raise FrameworkError([problem]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        # The parser's own reason is English jargon; where to look and what to check is not.
        message = "不是有效的 YAML 格式（请检查这一行及上一行的缩进、冒号和引号）"
        raise FrameworkError([Problem(source, at(line) if line else "", "", message)]) from exc
    reader = _Reader(source)
    framework = reader.framework(doc)
    if framework is None or reader.problems:
        raise FrameworkError(reader.problems or [Problem(source, "", "", "不是指标体系文件")])
    return framework


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework file; messages name the file as given."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError([Problem(str(path), "", "", _unreadable(exc))]) from exc
    return parse_framework(text, source=str(path))
