"""The organizer's pages for the human sources: expert assignment, progress and results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import experts
from ceping.campaign.campaigns import framework_of
from ceping.web.models import Campaign, ExpertAssignment, Role, Unit
from ceping.web.views.common import posted_id, role_required


@role_required(Role.ORGANIZER)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "ceping/organizer_home.html", {"campaigns": Campaign.objects.all()})


DEFAULT_K = 5  # experts per site the form offers before any assignment


@role_required(Role.ORGANIZER)
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        try:
            _change_assignments(request, campaign)
        except experts.ExpertWorkError as exc:
            messages.error(request, str(exc))
        return redirect("organizer-assignments", pk=campaign.pk)
    per_expert, per_unit = experts.completion(campaign)
    rows = (
        ExpertAssignment.objects.filter(campaign=campaign)
        .select_related("expert", "unit")
        .annotate(scored=Count("scores"))  # 草稿 or 未开始, as the expert's list says
        .order_by("unit__code", "expert__username")
    )
    return render(
        request,
        "ceping/organizer_assignments.html",
        {
            "campaign": campaign,
            "per_expert": per_expert,
            "per_unit": per_unit,
            "rows": rows,
            "experts": experts.experts_of(campaign),
            "units": campaign.units.order_by("code"),
            # The k of the sites as they stand (the field went back to 5 after the organizer
            # had asked for 1, as if that had not been done).
            "k": max((p.assigned for p in per_unit), default=0) or DEFAULT_K,
        },
    )


def _change_assignments(request: HttpRequest, campaign: Campaign) -> None:
    action = request.POST.get("action")
    if action == "auto":
        try:
            k = int(request.POST.get("k", ""))
        except ValueError:
            raise experts.ExpertWorkError("请填写每个网站的专家人数") from None
        made = experts.assign_balanced(campaign, experts.experts_of(campaign), k, who=request.user)
        messages.success(request, f"已自动分配 {made} 项，每个网站 {k} 位专家。")
    elif action == "add":
        expert = get_object_or_404(
            get_user_model(), pk=posted_id(request, "expert"), profile__role=Role.EXPERT
        )
        unit = get_object_or_404(Unit, pk=posted_id(request, "unit"))
        experts.assign(campaign, expert, unit, who=request.user)
        messages.success(request, f"已将 {unit.short_name} 分配给 {expert.get_username()}。")
    elif action in ("remove", "reopen"):
        item = get_object_or_404(
            ExpertAssignment, pk=posted_id(request, "assignment"), campaign=campaign
        )
        if action == "remove":
            experts.unassign(item, who=request.user)
            messages.success(request, "已取消分配。")
        else:
            experts.reopen(item, who=request.user)
            messages.success(request, "已退回专家修改。")


@role_required(Role.ORGANIZER)
def expert_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    result = experts.results(campaign)
    items = experts.expert_items(framework_of(campaign))
    cells = {(r.unit, r.code): r for r in result.items}
    # One row per unit, one column per indicator: 86 × 20 reads better than 1,720 lines.
    table = [
        (unit, [cells.get((unit.code, i.code)) for i in items])
        for unit in campaign.units.order_by("code")
        if any((unit.code, i.code) in cells for i in items)
    ]
    return render(
        request,
        "ceping/organizer_expert_results.html",
        {
            "campaign": campaign,
            "result": result,
            "items": items,
            "table": table,
            "alpha_rows": [(i, result.alpha.get(i.code)) for i in items],
        },
    )
