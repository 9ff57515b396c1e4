"""The organizer uploads the portal office's table; every bad row is shown, nothing half-stored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign.portal import import_portal
from ceping.errors import ImportRowsError
from ceping.web.models import Campaign, PortalStat, Role
from ceping.web.views.common import role_required

SUFFIXES = (".csv", ".xlsx")
MAX_TABLE_BYTES = 5 * 1024 * 1024


@role_required(Role.ORGANIZER)
def portal(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("table")
        suffix = Path(upload.name).suffix.lower() if upload else ""
        if upload is None or suffix not in SUFFIXES:
            problems = ["请选择 .xlsx 或 .csv 文件"]
        elif upload.size > MAX_TABLE_BYTES:
            problems = ["文件过大（最大 5 MB）"]
        else:
            with tempfile.TemporaryDirectory() as folder:
                # Keep the person's file name: problems name it ("门户考核.xlsx, row 5, ...").
                path = Path(folder) / Path(upload.name).name
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    summary = import_portal(campaign, path, who=request.user)
                except ImportRowsError as exc:
                    problems = [str(p) for p in exc.problems]
                else:
                    messages.success(
                        request,
                        f"已导入：新增 {summary.created} 个单位，更新 {summary.updated} 个。",
                    )
                    return redirect("organizer-portal", pk=campaign.pk)
    stats = (
        PortalStat.objects.filter(campaign=campaign).select_related("unit").order_by("unit__code")
    )
    return render(
        request,
        "ceping/organizer_portal.html",
        {"campaign": campaign, "problems": problems, "stats": stats},
        status=400 if problems else 200,
    )
