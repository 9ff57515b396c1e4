"""The organizer judges suspect typos: each suspect once for all its pages, in context."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign.typos import CONFIRM, DISMISS, decide, dismissed_typos, suspect_groups
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required

GROUPS_PER_PAGE = 50
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
        # Back to the page the verdict was given on: the judged group leaves the list, so that
        # page now holds the next groups (Paginator gives the last page if it ran out).
        back = redirect("organizer-typos", pk=campaign.pk)
        page_number = request.POST.get("page", "")
        if page_number.isdigit() and page_number != "1":
            back["Location"] += f"?page={page_number}"
        return back
    page = Paginator(suspect_groups(campaign), GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ceping/organizer_typos.html",
        {
            "campaign": campaign,
            "groups": [
                (g, g.findings[:SHOWN_PLACES], len(g.findings) - SHOWN_PLACES) for g in page
            ],
            "page": page,
            "dismissed": sorted(dismissed_typos(campaign)),
            "confirm": CONFIRM,
            "dismiss": DISMISS,
        },
    )
