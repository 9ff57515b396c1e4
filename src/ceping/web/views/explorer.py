"""The organizer's issue explorer: a campaign's findings, filtered and counted, and as Excel."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ceping.campaign import explorer
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(Role.ORGANIZER)
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    chosen = explorer.FindingFilter.from_query(request.GET)
    found = explorer.findings(campaign, chosen)
    page = Paginator(found, explorer.PAGE_SIZE).get_page(request.GET.get("page"))
    facets = explorer.facets(campaign, chosen)
    by_unit, by_kind = explorer.fix_rates(campaign, chosen)
    return render(
        request,
        "ceping/dash_findings.html",
        {
            "campaign": campaign,
            "chosen": chosen,
            "page": page,
            "facets": [
                ("kind", "问题类型", facets.kinds, chosen.kind),
                ("unit", "被测单位", facets.units, chosen.unit),
                ("category", "单位类别", facets.categories, chosen.category),
                ("status", "整改状态", facets.statuses, chosen.status),
            ],
            "query": urlencode(chosen.query()),
            "fix_rates": [("被测单位", "unit", by_unit), ("问题类型", "kind", by_kind)],
        },
    )


@role_required(Role.ORGANIZER)
def findings_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    chosen = explorer.FindingFilter.from_query(request.GET)
    body = explorer.export_xlsx(explorer.findings(campaign, chosen))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{campaign.year}-findings.xlsx"'
    return response
