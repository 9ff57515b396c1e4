"""The organizer reviews self-inspection material and re-checks; attachments are served to who may
read them."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import selfcheck
from ceping.campaign.campaigns import framework_of
from ceping.campaign.verdicts import organizer_vetoes
from ceping.web.models import Campaign, RecheckRequest, Role, SelfAssessment, SelfAttachment
from ceping.web.views.common import posted_id, role_required


@role_required(Role.ORGANIZER)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        assessment = get_object_or_404(
            SelfAssessment, pk=posted_id(request, "assessment"), campaign=campaign
        )
        error = selfcheck.verify(assessment, request.POST.get("points", ""), request.user)
        if error:
            messages.error(request, f"{assessment.unit.short_name} {assessment.indicator}：{error}")
        else:
            messages.success(
                request, f"已核定 {assessment.unit.short_name} {assessment.indicator}。"
            )
        return redirect("organizer-self-check", pk=campaign.pk)
    framework = framework_of(campaign)
    items = {i.code: i for i in selfcheck.self_items(framework)}
    # The organizer's verdicts on vetoes share the table (campaign/verdicts.py): not self-checks.
    verdicts = [v.code for v in organizer_vetoes(framework)]
    assessments = (
        SelfAssessment.objects.filter(campaign=campaign)
        .exclude(indicator__in=verdicts)
        .select_related("unit", "verified_by")
        .prefetch_related("attachments")
        .order_by("unit__code", "indicator")
    )
    rechecks = RecheckRequest.objects.filter(finding__scan_run__campaign=campaign).select_related(
        "finding__scan_run__site__unit", "requested_by"
    )[:500]
    return render(
        request,
        "ceping/organizer_self_check.html",
        {
            "campaign": campaign,
            "rows": [(a, items.get(a.indicator)) for a in assessments],
            "rechecks": rechecks,
        },
    )


def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied("请先登录")
    item = get_object_or_404(SelfAttachment.objects.select_related("assessment__unit"), pk=pk)
    if not selfcheck.may_read_attachment(request.user, item):
        raise PermissionDenied("只能查看本单位的附件")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在") from None
    # Always a download, never rendered inline: an uploaded file is not trusted as a page.
    return FileResponse(handle, as_attachment=True, filename=Path(item.name).name)
