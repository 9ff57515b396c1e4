"""Sign in and out, password change, API tokens, and the home page sending each role on."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ceping.campaign.accounts import forget_first_password
from ceping.campaign.roles import role_of
from ceping.web.forms.accounts import ThrottledLoginForm
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
    """Issue a personal API token; the raw value is shown once and only its hash is kept."""
    raw = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            ApiToken.objects.filter(user=request.user, pk=posted_id(request, "token")).delete()
        else:
            _, raw = ApiToken.issue(request.user, request.POST.get("name", "")[:100])
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(request, "ceping/api_token.html", {"raw": raw, "tokens": tokens})
