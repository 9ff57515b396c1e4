"""Sign in and out, password change, API tokens, and the home page sending each role on."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ceping.campaign.accounts import forget_first_password, issue_api_token
from ceping.campaign.roles import role_of
from ceping.web.forms.accounts import ApiTokenForm, ThrottledLoginForm
from ceping.web.models import ApiToken, Role
from ceping.web.views.common import posted_id


class LoginView(auth_views.LoginView):
    template_name = "ceping/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, validators, session kept), in Chinese."""

    template_name = "ceping/password_change.html"

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        forget_first_password(form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "ceping/password_change_done.html"


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    target = {Role.ORGANIZER: "organizer-home", Role.EXPERT: "expert-home", Role.UNIT: "unit-home"}
    role = role_of(request.user)
    if role in target:
        return redirect(target[Role(role)])
    return render(request, "ceping/no_role.html", status=403)


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Issue a personal API token (scopes, days to live); the raw value is shown once and only its
    hash is kept."""
    raw = ""
    form = ApiTokenForm()
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            ApiToken.objects.filter(user=request.user, pk=posted_id(request, "token")).delete()
        else:
            form = ApiTokenForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                raw = issue_api_token(request.user, data["name"], data["scopes"], data["days"])
                form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(
        request,
        "ceping/api_token.html",
        {"raw": raw, "tokens": tokens, "form": form, "now": timezone.now()},
    )
