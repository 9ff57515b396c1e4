"""Store a CampaignInputs (e.g. the rebuilt 2011/2012 sample data) as a campaign's collected
inputs."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ceping.campaign.bulk import BATCH, insert
from ceping.campaign.verdicts import HIT, NOT_HIT
from ceping.scoring import CampaignInputs
from ceping.web.models import (
    Campaign,
    ExpertAssignment,
    ExpertScore,
    Finding,
    FindingStatus,
    PortalStat,
    Profile,
    Role,
    ScanRun,
    ScanStatus,
    SelfAssessment,
    Site,
    SurveyResponse,
)


def store_inputs(campaign: Campaign, inputs: CampaignInputs) -> None:
    """Replace everything the campaign collected with `inputs` (experts become expert accounts)."""
    units = dict(campaign.units.values_list("code", "id"))
    with transaction.atomic():
        for model in (ScanRun, ExpertAssignment, SurveyResponse, PortalStat, SelfAssessment):
            model.objects.filter(campaign=campaign).delete()
        _store_scans(campaign, inputs, units)
        _store_experts(campaign, inputs, units)
        responses: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        for answer in inputs.public:
            responses[(answer.respondent, answer.unit)][answer.item] = answer.choice
        now = timezone.now()
        insert(
            SurveyResponse,
            (
                "campaign_id",
                "unit_id",
                "respondent",
                "answers",
                "fingerprint",
                "network",
                "created",
            ),
            (
                (
                    campaign.pk,
                    units[unit],
                    who,
                    json.dumps(answers, ensure_ascii=False),
                    "",
                    "",
                    now,
                )
                for (who, unit), answers in responses.items()
            ),
        )
        PortalStat.objects.bulk_create(
            (
                PortalStat(
                    campaign=campaign,
                    unit_id=units[r.unit],
                    submitted=r.submitted,
                    adopted=r.adopted,
                    corrections_received=r.corrections,
                    corrections_handled=r.corrections_handled,
                    mailbox_cases=r.mailbox_cases,
                )
                for r in inputs.portal
            ),
            batch_size=BATCH,
        )
        SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(
                    campaign=campaign,
                    unit_id=units[s.unit],
                    indicator=s.indicator,
                    verified_points=s.points,
                    material=s.note,
                )
                for s in inputs.self_points
            ),
            batch_size=BATCH,
        )
        # The organizer's verdicts share the self-inspection table (campaign/verdicts.py).
        SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(
                    campaign=campaign,
                    unit_id=units[v.unit],
                    indicator=v.veto,
                    verified_points=HIT if v.hit else NOT_HIT,
                    material=v.evidence,
                )
                for v in inputs.verdicts
            ),
            batch_size=BATCH,
        )


def _store_scans(campaign: Campaign, inputs: CampaignInputs, units: dict[str, int]) -> None:
    sites = dict(
        Site.objects.filter(unit_id__in=units.values(), is_primary=True).values_list(
            "unit__code", "id"
        )
    )
    now = timezone.now()
    runs = [
        ScanRun(
            campaign=campaign,
            site_id=sites[code],
            status=ScanStatus.DONE,
            started=now,
            finished=now,
            pages=int(site.get("pages", 0)),
            summary={k: v for k, v in site.items() if k != "findings"},
        )
        for code, site in inputs.scans.items()
    ]
    ScanRun.objects.bulk_create(runs, batch_size=BATCH)
    run_ids = dict(ScanRun.objects.filter(campaign=campaign).values_list("site__unit__code", "id"))
    insert(
        Finding,
        ("scan_run_id", "kind", "page", "key", "data", "status", "updated"),
        (
            (
                run_ids[code],
                f["kind"],
                str(f.get("page", ""))[:2000],
                str(i),
                json.dumps(f, ensure_ascii=False),
                FindingStatus.OPEN,
                now,
            )
            for code, site in inputs.scans.items()
            for i, f in enumerate(site.get("findings", ()))
        ),
    )


def _store_experts(campaign: Campaign, inputs: CampaignInputs, units: dict[str, int]) -> None:
    users = _expert_accounts({r.expert for r in inputs.expert})
    now = timezone.now()
    pairs = sorted({(r.unit, r.expert) for r in inputs.expert})
    ExpertAssignment.objects.bulk_create(
        (
            ExpertAssignment(campaign=campaign, expert_id=users[e], unit_id=units[u], submitted=now)
            for u, e in pairs
        ),
        batch_size=BATCH,
    )
    ids = {
        (code, name): pk
        for code, name, pk in ExpertAssignment.objects.filter(campaign=campaign).values_list(
            "unit__code", "expert__username", "id"
        )
    }
    insert(
        ExpertScore,
        ("assignment_id", "indicator", "points", "choice", "comment", "updated"),
        (
            (ids[(r.unit, r.expert)], r.indicator, r.points, r.choice or "", r.comment, now)
            for r in inputs.expert
        ),
    )


def _expert_accounts(names: set[str]) -> dict[str, Any]:
    """User ids of the experts, creating accounts (without a usable password) for new names."""
    model = get_user_model()
    existing = dict(model.objects.filter(username__in=names).values_list("username", "id"))
    new = [model(username=name) for name in sorted(names - existing.keys())]
    for user in new:
        user.set_unusable_password()
    model.objects.bulk_create(new, batch_size=BATCH)
    ids = dict(model.objects.filter(username__in=names).values_list("username", "id"))
    Profile.objects.bulk_create(
        (Profile(user_id=ids[name], role=Role.EXPERT) for name in sorted(names - existing.keys())),
        batch_size=BATCH,
    )
    return ids
