"""Set up campaigns: a framework snapshot and the units it covers."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from ceping.framework import Framework, parse_framework
from ceping.web.models import Campaign, Unit


def create_campaign(
    name: str,
    year: int,
    framework_path: Path,
    units: list[Unit] | None = None,
    previous: Campaign | None = None,
    is_sample_data: bool = False,
) -> tuple[Campaign, Framework]:
    """Create the campaign, or replace the one of that name with everything it collected.

    The framework is validated before anything is touched, so a bad file loses nothing.
    """
    text = framework_path.read_text(encoding="utf-8")
    framework = parse_framework(text, source=str(framework_path))
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
        campaign.units.set(units if units is not None else Unit.objects.all())
    return campaign, framework
