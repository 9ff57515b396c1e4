"""The organizer's controls of a campaign's lifecycle: each starts a background job whose progress
the page shows live (static/ceping/jobs.js polls the JSON views here)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ceping.campaign import jobs
from ceping.campaign.job_kinds import KINDS
from ceping.campaign.scoring import is_scored
from ceping.web.forms.jobs import CampaignForm, TableForm
from ceping.web.models import (
    Campaign,
    FindingStatus,
    Job,
    JobState,
    Role,
    ScanRun,
    ScanStatus,
    Site,
)
from ceping.web.models import Finding as FindingRecord
from ceping.web.views.common import role_required

# The kinds started by a plain button on the controls page (the imports send a file).
BUTTONS = ("scan", "recheck", "score", "publish", "unpublish")
UPLOADS = ("units", "portal")
JOBS_SHOWN = 5  # above the controls: the latest, so a job just started is in view


@role_required(Role.ORGANIZER)
def new_campaign(request: HttpRequest) -> HttpResponse:
    recent = jobs.jobs_of(None, limit=10)
    retry = _retry_initial(recent, request.user)
    form = CampaignForm(request.POST or None, request.FILES or None, initial=retry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        params: dict[str, Any] = {
            "name": data["name"],
            "year": data["year"],
            "framework": data["framework"],
            "previous": data["previous"].pk if data["previous"] else None,
        }
        try:
            if data["table"]:
                params["file"] = str(_keep(data["table"]))
            jobs.start("create", None, request.user, params)
        except jobs.JobRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已开始建立测评活动，完成后可从下方进入。")
        return redirect("organizer-new-campaign")
    return render(
        request,
        "ceping/organizer_new_campaign.html",
        {"form": form, "retry": bool(retry), "jobs": [jobs.as_json(j) for j in recent]},
        status=400 if form.errors else 200,
    )


def _retry_initial(recent: list[Job], user: Any) -> dict[str, Any]:
    """The fields of this organizer's newest create job when it failed (a bad units table is
    only found once the job reads it, after the page was sent back): refilled so only the table
    is chosen again. Nothing once a campaign of that name exists or after a later attempt."""
    if not recent or recent[0].state != JobState.FAILED or recent[0].started_by_id != user.pk:
        return {}
    params = recent[0].params
    name = str(params.get("name", ""))
    if not name or Campaign.objects.filter(name=name).exists():
        return {}
    initial = {key: params[key] for key in ("name", "year", "framework") if params.get(key)}
    if params.get("previous"):
        initial["previous"] = params["previous"]
    return initial


def _keep(upload: Any) -> Any:
    return jobs.keep_upload(upload.name, upload.size, upload.chunks())


@role_required(Role.ORGANIZER)
def controls(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        start_from_form(request, campaign, request.POST.get("action", ""))
        return redirect("organizer-controls", pk=pk)
    runs = ScanRun.objects.filter(campaign=campaign)
    recent = jobs.jobs_of(campaign, limit=JOBS_SHOWN)
    return render(
        request,
        "ceping/organizer_controls.html",
        {
            "campaign": campaign,
            "jobs": [jobs.as_json(j) for j in recent],
            "busy": jobs.running_kinds(recent),
            "sites": Site.objects.filter(unit__campaigns=campaign).count(),
            "scans_done": runs.filter(status=ScanStatus.DONE).count(),
            "scans_started": runs.exclude(status=ScanStatus.PENDING, started__isnull=True).count(),
            "rechecks": FindingRecord.objects.filter(
                scan_run__campaign=campaign, status=FindingStatus.FIXED
            ).count(),
            "scored": is_scored(campaign),
        },
    )


def start_from_form(request: HttpRequest, campaign: Campaign, kind: str) -> Job | None:
    """Start the job a form asked for; the outcome is told in a message on the next page."""
    if kind not in BUTTONS + UPLOADS + ("reports",):
        messages.error(request, "没有这个操作")
        return None
    try:
        params = {}
        if kind in UPLOADS:
            form = TableForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(request, _table_refused(form, request))
                return None
            params["file"] = str(_keep(form.cleaned_data["table"]))
        job = jobs.start(kind, campaign, request.user, params)
    except jobs.JobRefused as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, f"已开始“{KINDS[kind].label}”，进度见下方。")
    return job


def _table_refused(form: TableForm, request: HttpRequest) -> str:
    """Why an upload was not taken: an empty file by its name (it was taken for no file)."""
    upload = request.FILES.get("table")
    errors = form.errors.as_data().get("table", [])
    if upload is not None and any(e.code == "empty" for e in errors):
        return f"{upload.name}：文件是空的，请选择填好的表格"
    return "请选择要导入的 .xlsx 或 .csv 文件"


@role_required(Role.ORGANIZER)
def campaign_jobs(request: HttpRequest, pk: int) -> JsonResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return JsonResponse({"jobs": [jobs.as_json(j) for j in jobs.jobs_of(campaign)]})


@role_required(Role.ORGANIZER)
def new_campaign_jobs(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"jobs": [jobs.as_json(j) for j in jobs.jobs_of(None, limit=10)]})


@role_required(Role.ORGANIZER)
@require_POST
def stop_job(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=job_pk)
    try:
        jobs.stop(job, request.user)
    except jobs.JobRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已请求停止“{jobs.label_of(job.kind)}”。")
    if job.campaign_id is None:
        return redirect("organizer-new-campaign")
    back = request.POST.get("back", "")
    if back not in ("organizer-controls", "dash-downloads", "organizer-portal"):
        back = "organizer-controls"
    return redirect(back, pk=job.campaign_id)
