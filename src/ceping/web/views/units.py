"""The unit's workspace: its findings with evidence, re-check requests, self-inspection material."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import monitor_dashboard, rechecks, roles, selfcheck
from ceping.campaign.campaigns import framework_of
from ceping.web.models import Campaign, Role, SelfAssessment
from ceping.web.views.common import role_required

SHOWN = 500  # findings listed at once; open ones first


@role_required(Role.UNIT)
def home(request: HttpRequest) -> HttpResponse:
    unit = roles.unit_of(request.user)
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("finding") if x.isdigit() and len(x) < 19]
        try:
            done = rechecks.request_recheck(request.user, ids, request.POST.get("note", ""))
        except selfcheck.SelfCheckError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已对 {len(done)} 个问题申请复查，复查结果将在此显示。")
        return redirect("unit-home")
    findings = (
        roles.findings_visible_to(request.user)
        .select_related("scan_run__campaign", "scan_run__site")
        .order_by("-scan_run__campaign__year", "-status", "kind", "page")
    )
    campaigns = (
        Campaign.objects.filter(units=unit).order_by("-year") if unit else Campaign.objects.none()
    )
    return render(
        request,
        "ceping/unit_home.html",
        {
            "unit": unit,
            "findings": findings[:SHOWN],
            "total": findings.count(),
            "shown": SHOWN,
            "campaigns": campaigns,
            "incidents": monitor_dashboard.unit_incidents(unit)[:SHOWN] if unit else [],
        },
    )


@role_required(Role.UNIT)
def material(request: HttpRequest, pk: int) -> HttpResponse:
    unit = roles.unit_of(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    if unit is None or not campaign.units.filter(pk=unit.pk).exists():
        return HttpResponse("本单位不在该测评活动中", status=403)
    items = selfcheck.self_items(framework_of(campaign))
    errors: list[str] = []
    if request.method == "POST":
        errors = selfcheck.save_material(
            campaign,
            unit,
            request.POST.get("indicator", ""),
            request.POST.get("material", "")[:20000],
            request.FILES.getlist("files"),
            request.user,
        )
        if not errors:
            messages.success(request, "自查材料已保存。")
            return redirect("unit-material", pk=campaign.pk)
    stored = {
        a.indicator: a
        for a in SelfAssessment.objects.filter(campaign=campaign, unit=unit).prefetch_related(
            "attachments"
        )
    }
    return render(
        request,
        "ceping/unit_material.html",
        {
            "campaign": campaign,
            "unit": unit,
            "rows": [(i, stored.get(i.code)) for i in items],
            "errors": errors,
        },
        status=400 if errors else 200,
    )
