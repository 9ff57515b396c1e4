"""The organizer sets a campaign's dates: self-inspection material until, re-checks until."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign.deadlines import FIELDS, DeadlineError, parse_date, set_deadlines
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required


@role_required(Role.ORGANIZER)
def deadlines(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            dates = [
                parse_date(request.POST.get(name, ""), label) for name, label in FIELDS.items()
            ]
        except DeadlineError as exc:
            error = str(exc)
        else:
            set_deadlines(campaign, dates[0], dates[1], request.user)
            messages.success(request, "截止日期已保存。")
            return redirect("organizer-deadlines", pk=campaign.pk)
    return render(
        request,
        "ceping/organizer_deadlines.html",
        {"campaign": campaign, "error": error},
        status=400 if error else 200,
    )
