"""What every view shares: the role decorator and the template context of the signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ceping.campaign.roles import role_of

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Anonymous: to the login page; signed in with another role: 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in roles:
                raise PermissionDenied("您的账号无权访问此页面")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def role_context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: `role` of the signed-in user (organizer / expert / unit /
    None)."""
    return {"role": role_of(getattr(request, "user", None))}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal, in Chinese: usually cookies are off or the page was open too long."""
    from django.shortcuts import render

    return render(request, "ceping/csrf_failure.html", {"public_page": True}, status=403)
