"""The organizer fills in what the notice needs from them before it is generated: the 版头 and
版记 elements, issuer and date, the deadline, and the paragraphs the template leaves to them."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ceping.campaign.notice_texts import notice_fields, set_notice_texts
from ceping.errors import InputError
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required


@role_required(Role.ORGANIZER)
def fill_in(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    problems: list[str] = []
    fields = notice_fields(campaign)
    if request.method == "POST":
        posted = {f.name: request.POST.get(f.name, "") for f in fields}
        try:
            set_notice_texts(campaign, posted, who=request.user)
        except InputError as exc:
            problems = [f"{p.field}：{p.message}" for p in exc.problems]
            fields = [replace(f, value=posted[f.name]) for f in fields]  # what they typed stays
        else:
            messages.success(request, "已保存。重新生成报告后，通报按此填写。")
            return redirect("organizer-notice", pk=campaign.pk)
    return render(
        request,
        "ceping/organizer_notice.html",
        {
            "campaign": campaign,
            "lines": [f for f in fields if not f.paragraph],
            "paragraphs": [f for f in fields if f.paragraph],
            "problems": problems,
        },
        status=400 if problems else 200,
    )
