"""Middleware of our own: pages for a signed-in person are never kept by a browser or a proxy."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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
