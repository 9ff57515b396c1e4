"""The expert's workspace: assigned sites, and per site the scoring form with machine findings
beside it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign import experts, roles
from ceping.campaign.campaigns import framework_of
from ceping.web.models import ExpertAssignment, Role
from ceping.web.views.common import role_required


@role_required(Role.EXPERT)
def home(request: HttpRequest) -> HttpResponse:
    assignments = (
        roles.assignments_visible_to(request.user)
        .filter(expert=request.user)
        .select_related("campaign", "unit")
        .prefetch_related("unit__sites", "scores")
        .order_by("-campaign__year", "-campaign__pk", "submitted", "unit__code")
    )
    return render(request, "ceping/expert_home.html", {"assignments": assignments})


@role_required(Role.EXPERT, Role.ORGANIZER)
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ExpertAssignment.objects.select_related("campaign", "unit", "expert"), pk=pk
    )
    roles.check_assignment(request.user, item)
    items = experts.expert_items(framework_of(item.campaign))
    errors: dict[str, str] = {}
    given = experts.inputs_for(item, items)
    is_owner = item.expert_id == request.user.pk
    if request.method == "POST":
        if not is_owner:
            return HttpResponse("只有被分配的专家可以评分", status=403)
        given = {
            i.code: experts.ScoreInput(
                request.POST.get(f"points-{i.code}", ""),
                request.POST.get(f"choice-{i.code}", ""),
                request.POST.get(f"comment-{i.code}", ""),
            )
            for i in items
        }
        submit = request.POST.get("action") == "submit"
        try:
            errors = experts.save_scores(item, given, request.user, submit=submit)
        except experts.ExpertWorkError as exc:
            messages.error(request, str(exc))
            return redirect("expert-assignment", pk=item.pk)
        if not errors:
            messages.success(request, "评分已提交，感谢您的参与。" if submit else "草稿已保存。")
            return redirect(
                "expert-home" if submit else "expert-assignment",
                **({} if submit else {"pk": item.pk}),
            )
        messages.error(request, f"有 {len(errors)} 项需要修改，请查看标红的指标。")
    findings = (
        roles.findings_visible_to(request.user)
        .filter(scan_run__campaign=item.campaign, scan_run__site__unit=item.unit)
        .order_by("kind", "page")[:200]
    )
    rows = [(i, given.get(i.code, experts.ScoreInput()), errors.get(i.code, "")) for i in items]
    return render(
        request,
        "ceping/expert_assignment.html",
        {
            "a": item,
            "rows": rows,
            "findings": findings,
            "read_only": item.submitted is not None or not is_owner,
            "sites": item.unit.sites.all(),
        },
        status=400 if errors else 200,
    )
