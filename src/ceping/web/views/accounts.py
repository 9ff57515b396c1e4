"""Sign in, sign out, and the home page that sends each role to its workspace."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ceping.web.forms.accounts import ThrottledLoginForm
from ceping.web.models import Role
from ceping.web.services.roles import role_of


class LoginView(auth_views.LoginView):
    template_name = "ceping/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    target = {Role.ORGANIZER: "organizer-home", Role.EXPERT: "expert-home", Role.UNIT: "unit-home"}
    role = role_of(request.user)
    if role in target:
        return redirect(target[Role(role)])
    return render(request, "ceping/no_role.html", status=403)
