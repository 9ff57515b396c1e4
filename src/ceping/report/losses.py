"""Where a unit lost its points, indicator by indicator and source by source, in words.

Each lost point is told from the inputs the score carries (IndicatorScore.inputs): the
machine's findings, the experts' aggregate and their number, the public's rate and answers, the
portal's figures, the verified self-inspection points. The parts of an indicator add up to its
lost points exactly as printed, so a reader can check the sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ceping.framework import (
    SCALE_CHOICES,
    Framework,
    Indicator,
    Rule,
    RuleKind,
    Source,
)
from ceping.report.text import clean, points
from ceping.report.text import rate as percent
from ceping.scoring.indicators import DEFAULT_SCALED_RULE
from ceping.scoring.results import CampaignResults, Deduction, IndicatorScore, UnitResult
from ceping.scoring.rules import apply_measure, describe, round_points
from ceping.vocabulary import RATE_MEASURES, SOURCE_LABELS, label_of, measure_label, measure_value

RATED_RULE_TEXT = (
    "专家和公众评价的指标按好评率（选前两档评价的占比）计分，未另列规则的，得分为满分乘以好评率。"
)
FULL_EPSILON = 0.005  # points are kept to two decimals: less than half a hundredth is no loss


UNSCORED = "未计分"


@dataclass(frozen=True)
class Part:
    """Points lost through one source of an indicator, and why."""

    source: str  # 机器检测, 专家, 公众, 门户考核, 自查 (with its share when the leaf has several)
    points: float  # two decimals; the parts of an indicator sum to its lost points
    reason: str  # what the source found or gave, in words, without the points lost
    deductions: tuple[Deduction, ...] = ()  # the machine's findings, each with its evidence

    @property
    def sentence(self) -> str:
        """The part as the unit reads it: "专家：…，扣1分。"; an indicator left unscored for a
        missing input is no deduction, and says so ("…，本项未计分（5分）。")."""
        if self.source == UNSCORED:
            return f"{self.source}：{clean(self.reason)}（{points(self.points)}分）。"
        return f"{self.source}：{clean(self.reason)}，扣{points(self.points)}分。"


@dataclass(frozen=True)
class Loss:
    code: str
    name: str
    points: float  # max minus points, two decimals
    parts: tuple[Part, ...]


def lost_points(score: IndicatorScore) -> float:
    return round_points(max(score.max - score.points, 0.0))


def losses(results: CampaignResults, unit: UnitResult) -> list[Loss]:
    """Every indicator on which the unit lost points, in the framework's order."""
    framework = results.framework
    scores = {s.code: s for s in unit.scores}
    found = []
    for node in framework.walk():
        score = scores.get(node.code)
        if node.is_leaf and score is not None and lost_points(score) >= FULL_EPSILON:
            found.append(Loss(node.code, node.name, lost_points(score), _parts(node, score)))
    return found


def leaf_points_sum(unit: UnitResult) -> float:
    return round_points(sum(s.points for s in unit.scores))


def _parts(leaf: Indicator, score: IndicatorScore) -> tuple[Part, ...]:
    lost = lost_points(score)
    if score.missing:
        names = "、".join(SOURCE_LABELS.get(m, m) for m in score.inputs.get("missing", ()))
        reason = f"缺少{names}的测评数据，本项未计分" if names else "缺少测评数据，本项未计分"
        return (Part(UNSCORED, lost, reason),)
    factor = score.max / leaf.max if leaf.max else 0.0
    raw: list[tuple[Part, float]] = []
    if score.deductions:  # findings, each with its evidence
        share = leaf.sources.get(Source.MACHINE, 1.0)
        label = _label(Source.MACHINE, share, len(leaf.sources))
        detail = score.inputs.get(Source.MACHINE.value, {})
        reason = _deducted(leaf.rule, detail, score.deductions)
        raw.append(
            (Part(label, 0.0, reason, score.deductions), sum(d.points for d in score.deductions))
        )
    for source, share in leaf.sources.items():
        detail = score.inputs.get(source.value, {})
        is_deduct = leaf.rule is not None and leaf.rule.kind is RuleKind.DEDUCT
        if not detail or (source is Source.MACHINE and (is_deduct or score.deductions)):
            continue
        got, reason = _source_points(leaf, source, detail)
        part = Part(_label(source, share, len(leaf.sources)), 0.0, reason)
        raw.append((part, share * factor * (leaf.max - got)))
    rest = lost - sum(value for _, value in raw)
    if rest >= FULL_EPSILON:  # results made without their inputs (not by ceping.scoring)
        raw.append(
            (Part("其他", 0.0, f"评分规则：{score.rule}" if score.rule else "按评分规则"), rest)
        )
    return _shared_out(raw, lost)


def _label(source: Source, share: float, sources: int) -> str:
    label = SOURCE_LABELS[source.value]
    return f"{label}（占本项{share:.0%}）" if sources > 1 else label


def _shared_out(raw: list[tuple[Part, float]], lost: float) -> tuple[Part, ...]:
    """Round each part to two decimals; what rounding leaves over goes to the largest part."""
    kept = [(part, value) for part, value in raw if value >= FULL_EPSILON / 10]
    if not kept:
        return (Part("计分取整", lost, "各项得分按两位小数计"),)
    rounded = [round_points(value) for _, value in kept]
    largest = max(range(len(kept)), key=lambda i: kept[i][1])
    rounded[largest] = round_points(rounded[largest] + lost - sum(rounded))
    return tuple(
        Part(part.source, points, part.reason, part.deductions)
        for (part, _), points in zip(kept, rounded, strict=True)
        if points > 0 or len(kept) == 1
    )


def _deducted(rule: Rule | None, detail: Mapping[str, Any], found: tuple[Deduction, ...]) -> str:
    kinds = "、".join(
        dict.fromkeys(label_of(str(d.finding.get("kind"))) for d in found if d.finding)
    )
    matched = int(detail.get("findings", len(found)))
    how = f"（{describe(rule)}）" if rule is not None and rule.kind is RuleKind.DEDUCT else ""
    text = f"发现{kinds or '问题'}{matched}处{how}"
    if matched > len(found):
        text += f"，已扣满{len(found)}处"
    return text + "，问题和证据见后"


def _source_points(leaf: Indicator, source: Source, detail: Mapping[str, Any]) -> tuple[float, str]:
    """Points out of the leaf's max the source gave, and what it measured."""
    if source is Source.SELF:
        got = float(detail.get("points", 0.0))
        note = detail.get("note")
        verified = f"；自查材料：{_quoted(str(note))}" if note else ""
        return got, f"组织方核定的自查得分为{got:g}分（满分{leaf.max:g}分）{verified}"
    if source is Source.EXPERT and leaf.scale is None:
        got = float(detail.get("aggregate", 0.0))
        return got, (
            f"{detail.get('raters', 0)}位专家评分（满分{leaf.max:g}分），"
            f"{detail.get('method', '汇总')}为{got:.2f}分{_comments(detail)}"
        )
    if source in (Source.EXPERT, Source.PUBLIC) and leaf.scale is not None:
        rule = _measure_rule(leaf)
        names = SCALE_CHOICES[leaf.scale]
        counts = [int(detail.get(name, 0)) for name in names]
        rate = detail.get(rule.measure)
        got = _measured(rule, leaf, rate)
        answers = "、".join(f"{n}{c}" for n, c in zip(names, counts, strict=True))
        shown = "无" if rate is None else _shown(rule.measure, float(rate))
        name = measure_label(rule.measure).split("（")[0]  # 好评率, without its definition
        # The usual rule (100% 得满分) is told once, before the table (RATED_RULE_TEXT).
        how = "" if rule == DEFAULT_SCALED_RULE else f"（{describe(rule)}）"
        said = _comments(detail) if source is Source.EXPERT else ""
        return got, f"{sum(counts)}人次评价（{answers}），{name}{shown}{how}{said}"
    measured = _measure_rule(leaf) if source is Source.PORTAL else leaf.rule
    if measured is None:
        return leaf.max, ""
    return _measure_text(leaf, measured, detail)


def _measure_text(leaf: Indicator, rule: Rule, detail: Mapping[str, Any]) -> tuple[float, str]:
    value = detail.get(rule.measure)
    if value is None and detail.get("reachable") is False:
        return 0.0, f"网站无法访问，无法检测{measure_label(rule.measure)}，本项不得分"
    shown = "无数据" if value is None else _shown(rule.measure, float(value))
    label = measure_label(rule.measure)
    how = describe(rule).removeprefix(f"{label}：")
    return _measured(rule, leaf, value), f"{label}为{shown}（{how}）"


COMMENT_CHARS = 200  # a comment longer than this is cut (the expert's page keeps it whole)


def _quoted(text: str) -> str:
    text = clean(text)
    return f"“{text[:COMMENT_CHARS]}…”" if len(text) > COMMENT_CHARS else f"“{text}”"


def _comments(detail: Mapping[str, Any]) -> str:
    """The experts' comments on the leaf, quoted, each once: "；专家意见：“…”“…”"."""
    said = dict.fromkeys(clean(c) for c in detail.get("comments", ()) if clean(c))
    return f"；专家意见：{''.join(map(_quoted, said))}" if said else ""


def _shown(measure: str, value: float) -> str:
    """A measured figure: a rate with one decimal (94.0%, as the notice prints rates), the rest
    as the rule's numbers."""
    if measure in RATE_MEASURES:
        return percent(value * 100)
    return measure_value(measure, round(value, 3))


def _measured(rule: Rule, leaf: Indicator, value: Any) -> float:
    return apply_measure(rule, leaf.max, None if value is None else float(value)).points


def _measure_rule(leaf: Indicator) -> Rule:
    """The rule a portal or rated source is scored by (as ceping.scoring.indicators does)."""
    rule = leaf.rule
    return rule if rule is not None and rule.kind is not RuleKind.DEDUCT else DEFAULT_SCALED_RULE


def veto_text(framework: Framework, code: str) -> str:
    """A fired single-veto item by its name; the report says what it did to the total."""
    veto = next((v for v in framework.vetoes if v.code == code), None)
    return code if veto is None else f"“{veto.name}”"
