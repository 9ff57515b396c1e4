"""The organizer's monitoring page: availability per site over the window, and incidents."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ceping.campaign import monitor_dashboard
from ceping.monitor import VETO_FAILURE_PERCENT
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required

SHOWN_INCIDENTS = 500
SHOWN_SITES = 500  # a national campaign has 14,000: the least available come first


@role_required(Role.ORGANIZER)
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    rows = monitor_dashboard.availability_rows(campaign)
    return render(
        request,
        "ceping/dash_monitor.html",
        {
            "campaign": campaign,
            "rows": rows,
            "window": rows[0].window if rows else None,
            "vetoed": sum(1 for r in rows if r.window.is_vetoed),
            "down": sum(1 for r in rows if r.open_incident is not None),
            "incidents": monitor_dashboard.incidents(campaign)[:SHOWN_INCIDENTS],
            "rescans": monitor_dashboard.latest_rescans(campaign),
            "veto_percent": VETO_FAILURE_PERCENT,
            "shown": SHOWN_SITES,
        },
    )
