"""Sign in and out, password change, API tokens, the home page sending each role on, and the
organizer's accounts page (create, import from a sheet, disable and enable, reset a password)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ceping.campaign import accounts as use_cases
from ceping.campaign import audit, roles
from ceping.campaign.accounts import issue_api_token, password_changed, token_scopes_for
from ceping.campaign.roles import role_of
from ceping.campaign.tables import MAX_FILE_BYTES, too_big
from ceping.errors import ImportRowsError
from ceping.web.forms.accounts import AccountForm, ApiTokenForm, ThrottledLoginForm
from ceping.web.models import ApiToken, Role
from ceping.web.views.common import posted_id, role_required

SHEET_SUFFIXES = (".xlsx", ".csv")
PEOPLE_PER_PAGE = 100


class LoginView(auth_views.LoginView):
    template_name = "ceping/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, validators, session kept), in Chinese."""

    template_name = "ceping/password_change.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["must_change"] = use_cases.must_change_password(self.request.user)
        return context

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        password_changed(form.user)
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
    scopes = token_scopes_for(request.user)
    if not scopes:
        raise PermissionDenied("您的账号没有可用的接口")
    raw = ""
    form = ApiTokenForm(scopes=scopes)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            ApiToken.objects.filter(user=request.user, pk=posted_id(request, "token")).delete()
        else:
            form = ApiTokenForm(request.POST, scopes=scopes)
            if form.is_valid():
                data = form.cleaned_data
                raw = issue_api_token(request.user, data["name"], data["scopes"], data["days"])
                form = ApiTokenForm(scopes=scopes)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(
        request,
        "ceping/api_token.html",
        {"raw": raw, "tokens": tokens, "form": form, "now": timezone.now()},
    )


@role_required(Role.ORGANIZER)
def organizer_accounts(request: HttpRequest) -> HttpResponse:
    """The organizer's accounts: one by hand, many from a sheet, disable/enable, reset.

    A password made here is in this one answer only (never in a message kept in the session,
    never stored in plain text): the page says to hand it over now."""
    action = request.POST.get("action") or "create"  # the form of one account names none
    form = AccountForm(request.POST if request.method == "POST" and action == "create" else None)
    context: dict[str, Any] = {"form": form, "errors": [], "made": [], "reset": None}
    status = 200
    if request.method == "POST":
        if action == "create" and form.is_valid():
            data = form.cleaned_data
            user = roles.create_user(
                data["username"],
                data["password"],
                data["role"],
                unit=data["unit"],
                first_name=data["full_name"],
            )
            audit.record(request.user, "create_account", user, "role", None, data["role"])
            messages.success(request, f"已创建账号 {user.get_username()}。")
            return redirect("organizer-accounts")
        if action == "import":
            context["errors"], context["made"] = _import(request)
        elif action in ("disable", "enable", "reset"):
            target = get_object_or_404(get_user_model(), pk=posted_id(request, "user"))
            try:
                if action == "reset":
                    context["reset"] = (target, use_cases.reset_password(target, request.user))
                else:
                    use_cases.set_active(target, action == "enable", request.user)
                    done = "启用" if action == "enable" else "停用"
                    messages.success(request, f"已{done}账号 {target.get_username()}。")
                    return redirect("organizer-accounts")
            except use_cases.AccountError as exc:
                context["errors"] = [str(exc)]
        status = 400 if context["errors"] or form.errors else 200
    # A national campaign has ~14,000 unit webmasters: the list is searched and paged.
    query = request.GET.get("q", "").strip()[:150]
    people = (
        get_user_model()
        .objects.select_related("profile__unit")
        .filter(profile__isnull=False)
        .order_by("profile__role", "username")
    )
    if query:
        people = people.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(profile__unit__short_name__icontains=query)
            | Q(profile__unit__code__iexact=query)
        )
    context["page"] = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context["q"] = query
    context["query"] = urlencode({"q": query}) if query else ""
    return render(request, "ceping/organizer_accounts.html", context, status=status)


def _import(request: HttpRequest) -> tuple[list[str], list[use_cases.NewAccount]]:
    """(errors, accounts made) of the uploaded sheet; nothing is stored when there are errors."""
    upload = request.FILES.get("sheet")
    if upload is None:
        return ["请选择要导入的表格文件（.xlsx 或 .csv）"], []
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        return [f"{name}：请上传 Excel（.xlsx）或 CSV 文件"], []
    if (upload.size or 0) > MAX_FILE_BYTES:
        return [f"{name}：{too_big()}"], []
    # The table reader streams from a file; the upload is kept under its own name (for the
    # messages) in a folder of its own, removed at once.
    with tempfile.TemporaryDirectory(prefix="ceping-accounts-") as folder:
        path = Path(folder) / (Path(name).stem[:100] + suffix)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            return [], use_cases.import_accounts(path, request.user)
        except ImportRowsError as exc:
            return [str(p) for p in exc.problems], []
