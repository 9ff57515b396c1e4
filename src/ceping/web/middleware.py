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
