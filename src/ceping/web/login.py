"""The login throttle: an account or an address is refused for a while after too many failures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest

from ceping.campaign import throttle


def client_address(request: HttpRequest | None) -> str:
    """The address limits and fingerprints use: REMOTE_ADDR, or the last X-Forwarded-For hop
    when REMOTE_ADDR is a trusted proxy (anyone can send the header; only the proxy's hop
    counts)."""
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if remote in settings.TRUSTED_PROXIES and forwarded:
        return forwarded.split(",")[-1].strip()[:64] or remote
    return remote


def _login_keys(username: str, address: str) -> list[tuple[str, str]]:
    keys = [("login-user", username.strip().lower())]
    if address:
        keys.append(("login-addr", address))
    return keys


def login_locked(username: str, address: str) -> bool:
    limit, window = settings.LOGIN_FAILURES_ALLOWED, settings.LOGIN_FAILURE_WINDOW_S
    return any(
        throttle.count(scope, ident, window) >= limit
        for scope, ident in _login_keys(username, address)
    )


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing every attempt on an account or from an address after too many
    failures."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is not None and login_locked(username, client_address(request)):
            raise PermissionDenied("too many failed logins")  # authenticate() then returns None
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    username = str(credentials.get("username", ""))
    for scope, ident in _login_keys(username, client_address(request)):
        throttle.hit(scope, ident, settings.LOGIN_FAILURE_WINDOW_S)


@receiver(user_logged_in)
def _clear_failures(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    throttle.reset(
        "login-user", user.get_username().strip().lower(), settings.LOGIN_FAILURE_WINDOW_S
    )
