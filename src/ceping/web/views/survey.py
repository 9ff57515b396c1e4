"""The public survey page (mobile first) and the organizer's survey statistics."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from ceping.campaign import survey, survey_sql
from ceping.campaign.campaigns import framework_of
from ceping.scoring import PUBLIC_RATES
from ceping.web.login import client_address
from ceping.web.models import Campaign, Role
from ceping.web.views.common import role_required

STATUS = {"rate": 429, "duplicate": 409, "closed": 403}


def _cookie_token(request: HttpRequest) -> str:
    value = request.get_signed_cookie(settings.SURVEY_COOKIE, default="", salt=survey.COOKIE_SALT)
    return str(value or "")


@never_cache
def page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = survey_sql.survey_campaign(pk)
    if campaign is None:
        raise Http404("没有这个测评活动")
    token = _cookie_token(request) or survey.new_cookie_token()
    address = client_address(request)
    context = {
        "campaign": campaign,
        "items": survey.survey_items(framework_of(campaign)),
        "public_page": True,
        "is_open": survey.is_open(campaign),
    }
    status = 200
    if request.method == "POST":
        answers = {i.code: request.POST.get(f"q-{i.code}", "") for i in context["items"]}
        sub = survey.Submission(
            unit=request.POST.get("unit", ""),
            answers=answers,
            address=address,
            agent=request.META.get("HTTP_USER_AGENT", "")[:500],
            cookie_token=token,
            honeypot=request.POST.get("website", ""),
            captcha=request.POST.get("captcha", ""),
        )
        try:
            survey.submit(campaign, sub)
        except survey.SurveyRefused as refused:
            context.update(
                refused=str(refused), reason=refused.reason, chosen=sub.unit, answers=answers
            )
            status = STATUS.get(refused.reason, 400)
        else:
            response = redirect("survey-thanks", pk=campaign.pk)
            _set_cookie(response, token)
            return response
    context["groups"] = survey.units_for_survey(campaign)  # only when the form is shown: 86 units
    if survey.needs_captcha(address):
        context["challenge"] = survey.new_challenge()
    response = render(request, "ceping/survey.html", context, status=status)
    _set_cookie(response, token)
    return response


def _set_cookie(response: HttpResponse, token: str) -> None:
    response.set_signed_cookie(
        settings.SURVEY_COOKIE,
        token,
        salt=survey.COOKIE_SALT,
        max_age=settings.SURVEY_COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return render(request, "ceping/survey_thanks.html", {"campaign": campaign, "public_page": True})


@role_required(Role.ORGANIZER)
def stats(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    result = survey.statistics(campaign)
    labels = survey.REFUSAL_LABELS
    return render(
        request,
        "ceping/organizer_survey.html",
        {
            "campaign": campaign,
            "stats": result,
            "rates": PUBLIC_RATES,
            "refusals": [
                (reason, labels.get(reason, reason), n)
                for reason, n in sorted(result.refusals.items())
            ],
        },
    )
