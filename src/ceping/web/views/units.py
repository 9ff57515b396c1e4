"""The unit's workspace: its score and lost points, its findings with evidence and re-checks, its
own report, and its self-inspection material (one form for every indicator)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import monitor_dashboard, rechecks, roles, selfcheck, workspace
from ceping.campaign.campaigns import framework_of
from ceping.web.models import Campaign, Role, SelfAssessment
from ceping.web.views.common import role_required

MAX_MATERIAL_CHARS = 20000


@role_required(Role.UNIT)
def home(request: HttpRequest) -> HttpResponse:
    unit = roles.unit_of(request.user)
    if unit is None:
        raise Http404("账号没有所属单位")
    picked: list[int] = []
    note = ""
    status = 200
    if request.method == "POST":
        picked = [int(x) for x in request.POST.getlist("finding") if x.isdigit() and len(x) < 19]
        note = request.POST.get("note", "")
        try:
            done = rechecks.request_recheck(request.user, picked, note)
        except selfcheck.SelfCheckError as exc:
            # Shown again with what was ticked and written: a redirect lost the 整改说明.
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(request, f"已对 {len(done)} 个问题申请复查，复查结果将在此显示。")
            return redirect("unit-home")
    return render(
        request,
        "ceping/unit_home.html",
        {
            "space": workspace.workspace(unit),
            "unit": unit,
            "incidents": monitor_dashboard.unit_incidents(unit)[: workspace.SHOWN],
            "picked": picked,
            "note": note,
        },
        status=status,
    )


@role_required(Role.UNIT)
def report(request: HttpRequest) -> FileResponse:
    """The unit's own report of its current campaign; no other unit's, whatever is asked."""
    unit = roles.unit_of(request.user)
    campaign = selfcheck.current_campaign(unit) if unit is not None else None
    found = workspace.own_report(campaign, unit) if campaign and unit else None
    if found is None:
        raise Http404("本单位的测评报告尚未发布")
    assert campaign is not None
    return FileResponse(
        found.open("rb"), as_attachment=True, filename=f"{campaign.year}-{found.name}"
    )


@role_required(Role.UNIT)
def material(request: HttpRequest, pk: int) -> HttpResponse:
    unit = roles.unit_of(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    if unit is None or not campaign.units.filter(pk=unit.pk).exists():
        return HttpResponse("本单位不在该测评活动中", status=403)
    items = selfcheck.self_items(framework_of(campaign))
    errors: list[str] = []
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {
            i.code: request.POST[f"material-{i.code}"][:MAX_MATERIAL_CHARS]
            for i in items
            if f"material-{i.code}" in request.POST
        }
        uploads = {
            i.code: files for i in items if (files := request.FILES.getlist(f"files-{i.code}"))
        }
        errors = selfcheck.save_all_material(campaign, unit, typed, uploads, request.user)
        if not errors:
            messages.success(request, "自查材料已保存。")
            return redirect("unit-material", pk=campaign.pk)
    stored = {
        a.indicator: a
        for a in SelfAssessment.objects.filter(campaign=campaign, unit=unit).prefetch_related(
            "attachments"
        )
    }
    # After a refused save every text typed stays in its box: nothing is lost to an error.
    rows = [
        (i, stored.get(i.code), typed.get(i.code, getattr(stored.get(i.code), "material", "")))
        for i in items
    ]
    return render(
        request,
        "ceping/unit_material.html",
        {
            "campaign": campaign,
            "unit": unit,
            "rows": rows,
            "errors": errors,
            "locked": selfcheck.self_check_lock(campaign, unit),
            "deadline": campaign.self_check_deadline,
        },
        status=400 if errors else 200,
    )
