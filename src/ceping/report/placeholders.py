"""Placeholders of the notice template: `{{name args | filter}}` resolved against the results."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ceping.errors import ReportError, quoted
from ceping.report import text as words
from ceping.scoring.results import CampaignResults, Statistic

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_FILTER = re.compile(r"^\s*([a-z_]+)\s*(?:\((.*)\))?\s*$")


class Resolver:
    """Turns placeholder expressions into text; every figure it hands out is remembered."""

    def __init__(self, results: CampaignResults, values: Mapping[str, str]) -> None:
        self.results = results
        self.values = dict(values)
        self.used: dict[str, str] = {}  # expression → text, for summary.json
        self.statistics: list[Statistic] = []  # every figure printed, in order, for the charts
        self._codes = {node.code for node in results.framework.walk()}
        # A scope is a category (区县) or a notice group (部门网站 = several categories).
        self._groups = {g.name: g.categories for g in results.framework.groups}
        self._categories = set(results.framework.scope_names)

    def fill(self, text: str, where: str) -> str:
        """Replace every placeholder in `text`; `where` names the line for error messages."""

        def replace(match: re.Match[str]) -> str:
            expression = match.group(1).strip()
            value = self.resolve(expression, where)
            self.used[expression] = value
            return value

        filled = PLACEHOLDER.sub(replace, text)
        if "{{" in filled or "}}" in filled:
            raise ReportError(f"{where}：大括号不成对：{quoted(text)}")
        return filled

    def resolve(self, expression: str, where: str) -> str:
        head, *filters = expression.split("|")
        tokens = head.split()
        if not tokens:
            raise ReportError(f"{where}：{{{{}}}} 中间是空的")
        name, args = tokens[0], tokens[1:]
        if name in self.values and not args:
            if filters:
                raise ReportError(f"{where}：文字 {quoted(name)} 后面不能加“|”")
            return self.values[name]
        derived = self._derived(name, args, where)
        if derived is not None:
            if filters:
                raise ReportError(f"{where}：{quoted(name)} 后面不能加“|”")
            return derived
        stat = self._statistic(name, args, where)
        if stat not in self.statistics:
            self.statistics.append(stat)
        return self._format(stat, filters, where)

    def _derived(self, name: str, args: list[str], where: str) -> str | None:
        results = self.results
        handlers: dict[str, Callable[[], str]] = {
            "year": lambda: str(results.year),
            "campaign": lambda: results.campaign,
            "graded": lambda: str(self._graded_count(args, where)),
            "units": lambda: str(
                len(self._units(args, where)) if args else len(self.results.units)
            ),
            "framework": lambda: self.results.framework.name,
            "label": lambda: self._label(self._one_category(args, where)),
            "leaves": lambda: str(
                sum(1 for _ in results.framework.indicator(self._one_code(args, where)).leaves())
            ),
            "indicator": lambda: results.framework.indicator(self._one_code(args, where)).name,
        }
        handler = handlers.get(name)
        return handler() if handler else None

    def _label(self, scope: str) -> str:
        return self.results.framework.scope_label(scope)

    def _units(self, args: list[str], where: str) -> list[str]:
        scope = self._one_category(args, where)
        members = self._groups.get(scope, (scope,))
        return [u.code for u in self.results.units if u.category in members]

    def _graded_count(self, args: list[str], where: str) -> int:
        if not args or args[0] not in self.results.framework.grading.grades:
            raise ReportError(
                f"{where}：应写成 {{{{graded 等次 类别}}}}，例如 {{{{graded 优秀 区县}}}}"
            )
        grade, rest = args[0], args[1:]
        scope = self._one_category(rest, where) if rest else None
        categories = (
            self._groups.get(scope, (scope,)) if scope else self.results.framework.category_names
        )
        return sum(len(self.results.graded(grade, c)) for c in categories)

    def _one_category(self, args: list[str], where: str) -> str:
        if len(args) != 1 or args[0] not in self._categories:
            known = "、".join(self.results.framework.scope_names)
            raise ReportError(f"{where}：应写一个类别（{known}），实为{quoted(' '.join(args))}")
        return args[0]

    def _one_code(self, args: list[str], where: str) -> str:
        if len(args) != 1 or args[0] not in self._codes:
            raise ReportError(f"{where}：应写一个指标编号，实为{quoted(' '.join(args))}")
        return args[0]

    def _statistic(self, key: str, args: list[str], where: str) -> Statistic:
        area = next((a for a in args if a in self._codes), None)
        category = next((a for a in args if a in self._categories), None)
        unknown = [a for a in args if a not in (area, category)]
        if unknown:
            raise ReportError(
                f"{where}：{key}：{quoted(' '.join(unknown))} 既不是指标编号，也不是类别"
            )
        try:
            return self.results.statistic(key, category=category, area=area)
        except KeyError:
            known = sorted({s.key for s in self.results.statistics} | set(self.values))
            raise ReportError(
                f"{where}：计分结果中没有这个数字：{quoted(' '.join([key, *args]))}；"
                f"可用的名称：{'、'.join(known)}"
            ) from None

    def _format(self, stat: Statistic, filters: list[str], where: str) -> str:
        # Rates always with their decimal (51.0%, as 91.9% beside it); counts as numbers.
        shown = words.rate if stat.unit == "%" else words.number
        if not filters:
            return shown(stat.value)
        if len(filters) > 1:
            raise ReportError(f"{where}：一个占位符只能加一个“|”")
        match = _FILTER.match(filters[0])
        if not match:
            raise ReportError(f"{where}：看不懂“|”后面的 {quoted(filters[0])}")
        name, raw_args = match.group(1), match.group(2)
        args = [a.strip() for a in raw_args.split(",")] if raw_args else []
        if name == "value":
            return shown(stat.value).removesuffix("%")
        if name == "wan":
            return words.wan(stat.value)
        if name == "previous":
            if stat.previous is None:
                raise ReportError(f"{where}：{stat.key} 没有上一年度的数字")
            return shown(stat.previous)
        if name == "round":
            places = self._places(args, where)
            return shown(stat.value, places)
        if name == "change":
            if stat.change is None:
                raise ReportError(f"{where}：{stat.key} 没有上一年度的数字")
            than, verb = (args + ["去年", "上升"][len(args) :])[:2]
            return words.change(stat.change, than=than, verb=verb)
        raise ReportError(
            f"{where}：“|”后面没有 {quoted(name)} 这一写法"
            "（可用：value、round、wan、previous、change）"
        )

    @staticmethod
    def _places(args: list[str], where: str) -> int:
        if len(args) != 1 or not args[0].isdigit() or int(args[0]) > 4:
            raise ReportError(f"{where}：应写成 round(N)，N 为 0 到 4 位小数")
        return int(args[0])
