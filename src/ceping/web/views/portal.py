"""The organizer uploads the portal office's table: a background job imports it (every bad row
named in the job's reason, nothing half-stored)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import jobs
from ceping.web.models import Campaign, PortalStat, Role
from ceping.web.views.common import role_required
from ceping.web.views.controls import start_from_form


@role_required(Role.ORGANIZER)
def portal(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        start_from_form(request, campaign, "portal")
        return redirect("organizer-portal", pk=campaign.pk)
    stats = (
        PortalStat.objects.filter(campaign=campaign).select_related("unit").order_by("unit__code")
    )
    recent = [j for j in jobs.jobs_of(campaign) if j.kind == "portal"][:3]
    return render(
        request,
        "ceping/organizer_portal.html",
        {
            "campaign": campaign,
            "stats": stats,
            "jobs": [jobs.as_json(j) for j in recent],
            "busy": jobs.running_kinds(recent),
        },
    )
