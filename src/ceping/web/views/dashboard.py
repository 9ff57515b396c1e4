"""The organizer's dashboard: campaign overview, results per category, a unit's page, downloads."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import dashboard, explorer, jobs, monitor_dashboard, reports
from ceping.campaign.campaigns import framework_of
from ceping.web.models import Campaign, Role, Unit
from ceping.web.views.common import role_required
from ceping.web.views.controls import start_from_form


@role_required(Role.ORGANIZER)
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return render(
        request,
        "ceping/dash_overview.html",
        {
            "campaign": campaign,
            "counts": dashboard.progress_counts(campaign),
            "kinds": explorer.kind_counts(campaign),
            "downloads": reports.downloads(campaign)[:5],
        },
    )


@role_required(Role.ORGANIZER)
def counts(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(dashboard.progress_counts(get_object_or_404(Campaign, pk=pk)))


@role_required(Role.ORGANIZER)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    framework = framework_of(campaign)
    return render(
        request,
        "ceping/dash_results.html",
        {
            "campaign": campaign,
            "areas": framework.areas,
            "rows": dashboard.result_rows(campaign),
            "categories": framework.category_names,
            "findings": dashboard.findings_per_unit(campaign),
            "grades_chart": dashboard.grade_distribution(campaign),
            "rates_chart": dashboard.area_rates(campaign),
        },
    )


@role_required(Role.ORGANIZER)
def unit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    found = get_object_or_404(Unit, code=code, campaigns=campaign)
    story = dashboard.unit_story(campaign, found)
    return render(
        request,
        "ceping/dash_unit.html",
        {
            "campaign": campaign,
            "story": story,
            "incidents": monitor_dashboard.incidents(campaign, found),
        },
    )


@role_required(Role.ORGANIZER)
def downloads(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        # A background job, once at a time: writing every report takes about a minute.
        start_from_form(request, campaign, "reports")
        return redirect("dash-downloads", pk=pk)
    recent = [j for j in jobs.jobs_of(campaign) if j.kind == "reports"][:3]
    return render(
        request,
        "ceping/dash_downloads.html",
        {
            "campaign": campaign,
            "downloads": reports.downloads(campaign),
            "scored": dashboard.progress_counts(campaign)["scored"],
            "jobs": [jobs.as_json(j) for j in recent],
            "busy": jobs.running_kinds(recent),
        },
    )


@role_required(Role.ORGANIZER)
def download(request: HttpRequest, pk: int, path: str) -> FileResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    found = reports.download_path(campaign, path)
    if found is None:
        raise Http404("没有这个报告文件")
    return FileResponse(
        found.open("rb"), as_attachment=True, filename=f"{campaign.year}-{found.name}"
    )
