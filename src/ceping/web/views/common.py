"""What every view shares: the role decorator and the template context of the signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse

from ceping.campaign.accounts import TOKEN_SCOPES
from ceping.campaign.roles import role_of

View = Callable[..., HttpResponse]
# The largest key a database row can have (signed 64-bit): a larger number is no row of ours, and
# SQLite refuses it with an OverflowError instead of finding nothing.
MAX_ID = 2**63 - 1


class IdConverter:
    """`<id:pk>` in a route: a row's key, so a number beyond MAX_ID is no page (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # Django reads this as "the route does not match"
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def posted_id(request: HttpRequest, name: str) -> int:
    """The row key a form sent in field `name`; anything else is a bad request (400)."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise BadRequest(f"{name}: 不是有效的编号")
    return int(value)


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
    None), and whether the API has anything for it (`uses_api`: the 接口令牌 link)."""
    role = role_of(getattr(request, "user", None))
    return {"role": role, "uses_api": role in TOKEN_SCOPES}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal, in Chinese: usually cookies are off or the page was open too long."""
    from django.shortcuts import render

    return render(request, "ceping/csrf_failure.html", {"public_page": True}, status=403)
