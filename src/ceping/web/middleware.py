"""Middleware of our own: pages for a signed-in person are never kept by a browser or a proxy;
a request method a route does not take, or text holding a NUL character, is refused in
Chinese."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control


def private_pages(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """`Cache-Control: no-store` on every answer to a signed-in user (pages and API alike).

    Scores, findings and tokens would otherwise stay in the browser's cache of a shared office
    computer after sign-out, and in any caching proxy on the way."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware


# Pages a person with a one-time password may still open: the change itself and the way out.
_OPEN_WITH_ONE_TIME_PASSWORD = ("password_change", "password_change_done", "logout")


def password_first(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A password the organizer made (bulk import, reset) was seen by others: its first session
    leads to the password change, and nothing else opens until it is done."""
    from django.shortcuts import redirect
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    from ceping.campaign.accounts import must_change_password

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and must_change_password(user):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in _OPEN_WITH_ONE_TIME_PASSWORD and not request.path_info.startswith(
                "/static/"
            ):
                return redirect("password_change")
        return get_response(request)

    return middleware


def chinese_method_not_allowed(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A 405 says in Chinese which methods the address takes: Django's is empty, ninja's is
    English ("Method not allowed"). The API answers JSON, as its other errors."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405:
            return response
        allowed = response.get("Allow", "")
        message = f"此地址不接受 {request.method} 请求" + (
            f"（可用：{allowed}）" if allowed else ""
        )
        if request.path.startswith("/api/"):
            refused: HttpResponse = JsonResponse(
                {"detail": message}, status=405, json_dumps_params={"ensure_ascii": False}
            )
        else:
            refused = HttpResponse(message, status=405, content_type="text/plain; charset=utf-8")
        if allowed:
            refused["Allow"] = allowed
        return refused

    return middleware


NUL_REFUSED = "请求中含有空字符（NUL），无法处理"


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    for query in (request.GET, request.POST if request.method == "POST" else None):
        if query is None:
            continue
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


def refuse_nul(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A NUL character in an address, a query or a form field is refused (400): no person types
    one, PostgreSQL refuses it in text (a 500 there), SQLite would store it silently."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": NUL_REFUSED}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponse(NUL_REFUSED, status=400, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
