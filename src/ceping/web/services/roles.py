"""Who may see what: roles of users, the login throttle, and the querysets each role may read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest

from ceping.web.models import ExpertAssignment, Finding, Profile, Role, Unit
from ceping.web.services import throttle

AnyUser = AbstractBaseUser | AnonymousUser


def role_of(user: Any) -> str | None:
    """The user's role; superusers are organizers; None for the anonymous or an account without role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ORGANIZER
    try:
        return str(user.profile.role)
    except Profile.DoesNotExist:
        return None


def unit_of(user: Any) -> Unit | None:
    try:
        return user.profile.unit  # type: ignore[no-any-return]
    except (Profile.DoesNotExist, AttributeError):
        return None


def is_organizer(user: Any) -> bool:
    return role_of(user) == Role.ORGANIZER


def create_user(username: str, password: str, role: str, unit: Unit | None = None, **fields: Any) -> Any:
    """A user with a role; a unit user needs its unit."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    if role == Role.UNIT and unit is None:
        raise ValueError("a unit user needs a unit")
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=username, password=password, **fields)
        Profile.objects.create(user=user, role=role, unit=unit)
    return user


# ---- what each role may read ----------------------------------------------------------------


def units_visible_to(user: Any) -> QuerySet[Unit]:
    role = role_of(user)
    if role == Role.ORGANIZER:
        return Unit.objects.all()
    if role == Role.UNIT:
        return Unit.objects.filter(members__user=user)
    if role == Role.EXPERT:
        return Unit.objects.filter(assignments__expert=user).distinct()
    return Unit.objects.none()


def assignments_visible_to(user: Any) -> QuerySet[ExpertAssignment]:
    role = role_of(user)
    if role == Role.ORGANIZER:
        return ExpertAssignment.objects.all()
    if role == Role.EXPERT:
        return ExpertAssignment.objects.filter(expert=user)
    return ExpertAssignment.objects.none()


def findings_visible_to(user: Any) -> QuerySet[Finding]:
    """Organizer: all; unit: its own sites'; expert: those of the sites assigned to them (as evidence)."""
    role = role_of(user)
    findings = Finding.objects.all()
    if role == Role.ORGANIZER:
        return findings
    if role == Role.UNIT:
        return findings.filter(scan_run__site__unit__members__user=user)
    if role == Role.EXPERT:
        # Same campaign: an expert assigned in 2012 does not see the unit's findings of 2013.
        assigned = ExpertAssignment.objects.filter(
            expert=user, unit=OuterRef("scan_run__site__unit"), campaign=OuterRef("scan_run__campaign")
        )
        return findings.filter(Exists(assigned))
    return findings.none()


def check_assignment(user: Any, assignment: ExpertAssignment) -> None:
    """Raise PermissionDenied unless the user may open this assignment."""
    role = role_of(user)
    if role == Role.ORGANIZER or (role == Role.EXPERT and assignment.expert_id == user.pk):
        return
    raise PermissionDenied("这不是分配给您的网站")


def check_unit(user: Any, unit: Unit) -> None:
    role = role_of(user)
    if role == Role.ORGANIZER or (role == Role.UNIT and unit_of(user) == unit):
        return
    raise PermissionDenied("只能查看本单位的数据")


# ---- login throttle ---------------------------------------------------------------------------


def client_address(request: HttpRequest | None) -> str:
    """The address limits and fingerprints use: REMOTE_ADDR, or the last X-Forwarded-For hop
    when REMOTE_ADDR is a trusted proxy (anyone can send the header; only the proxy's hop counts)."""
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
    return any(throttle.count(scope, ident, window) >= limit for scope, ident in _login_keys(username, address))


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing every attempt on an account or from an address after too many failures."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if username is not None and login_locked(username, client_address(request)):
            raise PermissionDenied("too many failed logins")  # authenticate() then returns None
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any) -> None:
    username = str(credentials.get("username", ""))
    for scope, ident in _login_keys(username, client_address(request)):
        throttle.hit(scope, ident, settings.LOGIN_FAILURE_WINDOW_S)


@receiver(user_logged_in)
def _clear_failures(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    throttle.reset("login-user", user.get_username().strip().lower(), settings.LOGIN_FAILURE_WINDOW_S)
