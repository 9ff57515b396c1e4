"""Campaigns: set one up with a framework snapshot and its units; find one; its parsed framework."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from ceping.errors import CepingError
from ceping.framework import Framework, parse_framework
from ceping.web.models import Campaign, Unit


@dataclass(frozen=True)
class LeftOut:
    """Stored units a new campaign does not cover: their category is not one of its framework's."""

    category: str
    units: int


def read_framework(path: Path) -> tuple[Framework, str]:
    """The framework in `path` and its text, validated (errors name the file, line and field)."""
    text = path.read_text(encoding="utf-8")
    return parse_framework(text, source=str(path)), text


def create_campaign(
    name: str,
    year: int,
    framework_path: Path,
    units: Sequence[Unit] | None = None,
    previous: Campaign | None = None,
    is_sample_data: bool = False,
) -> tuple[Campaign, Framework, list[LeftOut]]:
    """Create the campaign, or replace the one of that name with everything it collected.

    Without `units`, the campaign covers every stored unit of a category its framework
    declares; the others are left out and counted. The framework is validated and the
    units checked before anything is touched, so a bad file or choice loses nothing.
    """
    framework, text = read_framework(framework_path)
    chosen = list(units) if units is not None else list(Unit.objects.all())
    declared = set(framework.category_names)
    left_out = Counter(u.category for u in chosen if u.category not in declared)
    if units is not None and left_out:
        raise CepingError(_wrong_categories(framework, left_out))
    chosen = [u for u in chosen if u.category in declared]
    if not chosen:
        raise CepingError(
            f"指标体系“{framework.name}”的单位类别（{'、'.join(framework.category_names)}）下没有单位："
            "请先导入这些类别的单位（ceping units import 文件 --framework 指标体系）"
        )
    with transaction.atomic():
        Campaign.objects.filter(name=name).delete()
        campaign = Campaign.objects.create(
            name=name,
            year=year,
            framework_name=framework.name,
            framework_yaml=text,
            previous=previous,
            is_sample_data=is_sample_data,
        )
        campaign.units.set(chosen)
    return campaign, framework, [LeftOut(c, n) for c, n in sorted(left_out.items())]


def _wrong_categories(framework: Framework, counts: Counter[str]) -> str:
    found = "、".join(f"“{c}”{n} 个" for c, n in sorted(counts.items()))
    return (
        f"这些单位的类别不属于指标体系“{framework.name}”：{found}"
        f"（它的类别：{'、'.join(framework.category_names)}）"
    )


def campaign_named(name: str) -> Campaign:
    """The campaign of that name (or, when `name` is a number, of that id)."""
    found = Campaign.objects.filter(name=name).first()
    if found is None and name.isdigit():
        found = Campaign.objects.filter(pk=int(name)).first()
    if found is None:
        names = "、".join(Campaign.objects.values_list("name", flat=True)) or "无"
        raise CepingError(f"没有名为“{name}”的测评活动（现有：{names}）")
    return found


@lru_cache(maxsize=16)
def _parse(text: str, source: str) -> Framework:
    return parse_framework(text, source=source)


def framework_of(campaign: Campaign) -> Framework:
    """The campaign's framework snapshot, parsed once per text (parsing takes about 0.1 s).

    Framework is immutable, so every caller may share one parse.
    """
    return _parse(campaign.framework_yaml, f"测评活动“{campaign.name}”的指标体系")


def move_status(campaign: Campaign, before: str, after: str) -> None:
    """Advance the campaign's status, only from the one expected (never back from 已计分)."""
    if Campaign.objects.filter(pk=campaign.pk, status=before).update(status=after):
        campaign.status = after
