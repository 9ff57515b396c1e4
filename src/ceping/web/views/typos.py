"""The organizer judges suspect typos: each suspect once for all its pages, in context."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign.typos import CONFIRM, DISMISS, decide, dismissed_typos, suspect_groups
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required

SHOWN_GROUPS = 100  # a longer list is better worked through the sheet (ceping typo review)
SHOWN_PLACES = 5  # places shown per suspect; the verdict covers them all
MAX_WORDS = 200  # longer than any flagged text: a longer field is no form of ours


@role_required(Role.ORGANIZER)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        verdict = request.POST.get("verdict", "")
        text, suggestion = request.POST.get("text", ""), request.POST.get("suggestion", "")
        if verdict not in (CONFIRM, DISMISS) or len(text) + len(suggestion) > MAX_WORDS:
            raise BadRequest("结论应为“确认”或“误报”")
        summary = decide(campaign, text, suggestion, verdict, request.user)
        done = summary.confirmed if verdict == CONFIRM else summary.dismissed
        said = "确认为错别字" if verdict == CONFIRM else "判为误报"
        messages.success(request, f"“{text}”已{said}（{done} 处）。")
        return redirect("organizer-typos", pk=campaign.pk)
    groups = suspect_groups(campaign)
    return render(
        request,
        "ceping/organizer_typos.html",
        {
            "campaign": campaign,
            "groups": [
                (g, g.findings[:SHOWN_PLACES], len(g.findings) - SHOWN_PLACES)
                for g in groups[:SHOWN_GROUPS]
            ],
            "hidden": max(0, len(groups) - SHOWN_GROUPS),
            "dismissed": sorted(dismissed_typos(campaign)),
            "confirm": CONFIRM,
            "dismiss": DISMISS,
        },
    )
