"""Expert review: balanced assignment, the scoring form's items, drafts and submissions, results."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ceping.campaign import audit
from ceping.campaign.campaigns import framework_of
from ceping.errors import CepingError
from ceping.framework import SCALE_CHOICES, Framework, Scale, Source
from ceping.scoring import agreement, tally
from ceping.web.models import Campaign, ExpertAssignment, ExpertScore, Profile, Role, Unit


class ExpertWorkError(CepingError):
    """An assignment or a submission that the rules do not allow; the message is for people
    (中文)."""


@dataclass(frozen=True)
class ExpertItem:
    """One expert indicator of the framework, as the form shows it."""

    code: str
    name: str
    max: float
    scale: Scale | None
    description: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return SCALE_CHOICES[self.scale] if self.scale else ()

    def choice_value(self, choice: str) -> float:
        """A choice on the item's scale as points: the best is max, the middle half of it,
        the worst 0."""
        return self.max * (2 - self.choices.index(choice)) / 2


def expert_items(framework: Framework) -> list[ExpertItem]:
    return [
        ExpertItem(leaf.code, leaf.name, leaf.max, leaf.scale, leaf.description)
        for leaf in framework.leaves()
        if Source.EXPERT in leaf.sources
    ]


def experts_of(campaign: Campaign | None = None) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(profile__role=Role.EXPERT, is_active=True)
        .select_related("profile")
        .order_by("username")
    )


# ---- assignment ---------------------------------------------------------------------------------


def _affiliation(expert: Any) -> int | None:
    try:
        return expert.profile.unit_id  # type: ignore[no-any-return]
    except Profile.DoesNotExist:
        return None


def assign_balanced(
    campaign: Campaign, experts: Sequence[Any], k: int, who: Any = None, seed: int | None = None
) -> int:
    """Give every unit of the campaign k experts, keeping the existing (manual) assignments.

    Each unit takes the least-loaded eligible experts (never one from the unit itself); ties are
    broken by a seeded shuffle so the same experts do not always sit together. All or nothing:
    if a unit cannot get k experts, nothing is assigned. Returns the number of new assignments.
    """
    if k < 1:
        raise ExpertWorkError("每个网站的专家人数至少为 1")
    existing = list(
        ExpertAssignment.objects.filter(campaign=campaign).values_list("expert_id", "unit_id")
    )
    load = Counter(expert_id for expert_id, _ in existing)
    on_unit: dict[int, set[int]] = defaultdict(set)
    for expert_id, unit_id in existing:
        on_unit[unit_id].add(expert_id)
    order = {
        e.pk: i
        for i, e in enumerate(
            random.Random(campaign.pk if seed is None else seed).sample(list(experts), len(experts))
        )
    }
    plan: list[tuple[Any, Unit]] = []
    problems = []
    for unit in campaign.units.order_by("code"):
        need = k - len(on_unit[unit.pk])
        if need <= 0:
            continue
        eligible = [
            e for e in experts if e.pk not in on_unit[unit.pk] and _affiliation(e) != unit.pk
        ]
        if len(eligible) < need:
            problems.append(
                f"{unit.short_name}：可分配的专家只有 {len(eligible)} 位，还需要 {need} 位"
            )
            continue
        eligible.sort(key=lambda e: (load[e.pk], order[e.pk]))
        for expert in eligible[:need]:
            plan.append((expert, unit))
            load[expert.pk] += 1
            on_unit[unit.pk].add(expert.pk)
    if problems:
        raise ExpertWorkError("；".join(problems))
    with transaction.atomic():
        for expert, unit in plan:
            assignment = ExpertAssignment.objects.create(
                campaign=campaign, expert=expert, unit=unit
            )
            audit.record(who, "assign", assignment, "expert", None, expert.get_username())
    return len(plan)


def assign(campaign: Campaign, expert: Any, unit: Unit, who: Any = None) -> ExpertAssignment:
    """A manual assignment, under the same rules as the automatic one."""
    if getattr(getattr(expert, "profile", None), "role", None) != Role.EXPERT:
        raise ExpertWorkError(f"{expert.get_username()} 不是专家账号")
    if _affiliation(expert) == unit.pk:
        raise ExpertWorkError(
            f"专家 {expert.get_username()} 属于 {unit.short_name}，不能测评本单位网站"
        )
    if not campaign.units.filter(pk=unit.pk).exists():
        raise ExpertWorkError(f"{unit.short_name} 不在本次测评范围内")
    assignment, created = ExpertAssignment.objects.get_or_create(
        campaign=campaign, expert=expert, unit=unit
    )
    if created:
        audit.record(who, "assign", assignment, "expert", None, expert.get_username())
    return assignment


def unassign(assignment: ExpertAssignment, who: Any = None) -> None:
    if assignment.submitted is not None:
        raise ExpertWorkError("专家已提交评分，不能取消分配（可先退回）")
    with transaction.atomic():
        for score in assignment.scores.all():
            audit.record(who, "delete", score, "points", _score_state(score), None)
        audit.record(who, "unassign", assignment, "expert", assignment.expert.get_username(), None)
        assignment.delete()


def reopen(assignment: ExpertAssignment, who: Any = None) -> None:
    """The organizer sends a submission back to the expert for changes."""
    if assignment.submitted is None:
        return
    audit.record(who, "reopen", assignment, "submitted", assignment.submitted.isoformat(), None)
    assignment.submitted = None
    assignment.save(update_fields=["submitted"])


# ---- the form ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreInput:
    """What the form sent for one item: text as typed, checked by `save_scores`."""

    points: str = ""
    choice: str = ""
    comment: str = ""


def _score_state(score: ExpertScore) -> dict[str, Any]:
    return {"points": score.points, "choice": score.choice, "comment": score.comment}


def _check(
    item: ExpertItem, given: ScoreInput, complete: bool
) -> tuple[dict[str, Any] | None, str]:
    """The values to store for one item, or an error message."""
    comment = given.comment.strip()[:2000]
    if item.scale:
        choice = given.choice.strip()
        if choice and choice not in item.choices:
            return None, f"请选择 {'、'.join(item.choices)} 之一"
        if complete and not choice:
            return None, "提交前请完成此项"
        return {
            "points": item.choice_value(choice) if choice else None,
            "choice": choice,
            "comment": comment,
        }, ""
    text = given.points.strip()
    if not text:
        if complete:
            return None, "提交前请填写得分"
        return {"points": None, "choice": "", "comment": comment}, ""
    try:
        points = float(text)
    except ValueError:
        return None, "请填写数字"
    if math.isnan(points) or not 0 <= points <= item.max:
        return None, f"得分应在 0 到 {item.max:g} 分之间"
    return {"points": points, "choice": "", "comment": comment}, ""


def save_scores(
    assignment: ExpertAssignment, given: Mapping[str, ScoreInput], who: Any, submit: bool = False
) -> dict[str, str]:
    """Save a draft (partial allowed) or submit (every item required); returns errors by item code.

    Nothing is stored when there is an error. Each changed value is written to the audit trail.
    """
    if assignment.submitted is not None:
        raise ExpertWorkError("评分已提交，不能再修改；如需修改请联系测评组织方")
    items = expert_items(framework_of(assignment.campaign))
    errors: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = {}
    for item in items:
        checked, error = _check(item, given.get(item.code, ScoreInput()), complete=submit)
        if error:
            errors[item.code] = error
        elif checked is not None:
            values[item.code] = checked
    if errors:
        return errors
    with transaction.atomic():
        stored = {
            s.indicator: s
            for s in ExpertAssignment.objects.select_for_update().get(pk=assignment.pk).scores.all()
        }
        for code, new in values.items():
            score = stored.get(code)
            empty = new["points"] is None and not new["choice"] and not new["comment"]
            if score is None and empty:
                continue
            old = _score_state(score) if score else None
            if old == new:
                continue
            if score is None:
                score = ExpertScore(assignment=assignment, indicator=code)
            score.points, score.choice, score.comment = new["points"], new["choice"], new["comment"]
            score.save()
            audit.record_changes(who, "score", score, old, new)
        if submit:
            assignment.submitted = timezone.now()
            assignment.save(update_fields=["submitted"])
            audit.record(
                who, "submit", assignment, "submitted", None, assignment.submitted.isoformat()
            )
    return {}


# ---- progress and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    label: str
    assigned: int
    submitted: int
    drafted: int  # started, not submitted

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.assigned) if self.assigned else 0


def completion(campaign: Campaign) -> tuple[list[Progress], list[Progress]]:
    """Completion per expert and per unit (site)."""
    assignments = list(
        ExpertAssignment.objects.filter(campaign=campaign)
        .select_related("expert", "unit")
        .prefetch_related("scores")
        .order_by("unit__code")
    )

    def tally(key: Any, label: Any) -> list[Progress]:
        groups: dict[Any, list[ExpertAssignment]] = defaultdict(list)
        labels = {}
        for a in assignments:
            groups[key(a)].append(a)
            labels[key(a)] = label(a)
        return [
            Progress(
                labels[k],
                len(group),
                sum(a.submitted is not None for a in group),
                sum(a.submitted is None and bool(a.scores.all()) for a in group),
            )
            for k, group in groups.items()
        ]

    per_expert = tally(
        lambda a: a.expert_id, lambda a: a.expert.get_full_name() or a.expert.get_username()
    )
    per_unit = tally(lambda a: a.unit_id, lambda a: a.unit.short_name)
    return sorted(per_expert, key=lambda p: p.label), per_unit


@dataclass(frozen=True)
class ItemResult:
    unit: str  # unit code
    code: str
    center: agreement.Center
    favourable_rate: (
        float | None
    )  # scale items: share of the two better choices (ceping.scoring.Tally)


@dataclass(frozen=True)
class ExpertResults:
    items: list[ItemResult]
    alpha: dict[str, float | None]  # Krippendorff's alpha (interval) per indicator
    deviations: list[agreement.Deviation]  # rater: username


def _points(item: ExpertItem, points: float | None, choice: str) -> float | None:
    """A score as points: a scale item's choice counts max / max/2 / 0 when no points were
    stored with it (imported answers carry the choice alone)."""
    if item.scale is not None and choice in item.choices:
        return item.choice_value(choice)
    return None if item.scale is not None else points


def results(campaign: Campaign) -> ExpertResults:
    """Aggregate the submitted scores: robust centre per unit × item, agreement, deviating
    experts."""
    items = {item.code: item for item in expert_items(framework_of(campaign))}
    scores = ExpertScore.objects.filter(
        assignment__campaign=campaign, assignment__submitted__isnull=False
    ).select_related("assignment__unit", "assignment__expert")
    ratings = []
    choices: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in scores:
        item = items.get(s.indicator)
        points = None if item is None else _points(item, s.points, s.choice)
        if item is None or points is None:
            continue
        ratings.append(
            agreement.Rating(
                s.assignment.expert.get_username(),
                s.assignment.unit.code,
                s.indicator,
                points,
                item.max,
            )
        )
        if item.scale is not None:
            choices[(s.assignment.unit.code, s.indicator)].append(s.choice)
    cells: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in ratings:
        cells[(str(r.subject), r.item)].append(r.value)
    out = []
    for (unit, code), values in sorted(cells.items()):
        item = items[code]
        rate = None
        if item.scale is not None:
            rate = tally(choices[(unit, code)], SCALE_CHOICES[item.scale]).favourable_rate
        out.append(ItemResult(unit, code, agreement.robust_center(values), rate))
    alpha = {}
    for code in items:
        per_unit = {unit: values for (unit, c), values in cells.items() if c == code}
        alpha[code] = agreement.krippendorff_alpha(per_unit)
    return ExpertResults(out, alpha, agreement.rater_deviations(ratings))


def inputs_for(assignment: ExpertAssignment, items: Iterable[ExpertItem]) -> dict[str, ScoreInput]:
    """The stored draft as form input, for redisplay."""
    stored = {s.indicator: s for s in assignment.scores.all()}
    return {
        item.code: ScoreInput(
            ""
            if (s := stored.get(item.code)) is None or s.points is None or item.scale
            else f"{s.points:g}",
            s.choice if s else "",
            s.comment if s else "",
        )
        for item in items
    }
