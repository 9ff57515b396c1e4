"""Who may see what: roles of users and the querysets each role may read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from ceping.web.models import ExpertAssignment, Finding, Profile, Role, Unit

AnyUser = AbstractBaseUser | AnonymousUser


def role_of(user: Any) -> str | None:
    """The user's role; superusers are organizers; None for the anonymous or an account without
    role."""
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


def create_user(
    username: str, password: str | None, role: str, unit: Unit | None = None, **fields: Any
) -> Any:
    """A user with a role; a unit user needs its unit. A password of None is no usable one
    (the caller sets a hash it made)."""
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
    """Organizer: all; unit: its own sites'; expert: those of the sites assigned to them (as
    evidence)."""
    role = role_of(user)
    findings = Finding.objects.all()
    if role == Role.ORGANIZER:
        return findings
    if role == Role.UNIT:
        return findings.filter(scan_run__site__unit__members__user=user)
    if role == Role.EXPERT:
        # Same campaign: an expert assigned in 2012 does not see the unit's findings of 2013.
        assigned = ExpertAssignment.objects.filter(
            expert=user,
            unit=OuterRef("scan_run__site__unit"),
            campaign=OuterRef("scan_run__campaign"),
        )
        return findings.filter(Exists(assigned))
    return findings.none()


def check_assignment(user: Any, assignment: ExpertAssignment) -> None:
    """Raise PermissionDenied unless the user may open this assignment."""
    role = role_of(user)
    if role == Role.ORGANIZER or (role == Role.EXPERT and assignment.expert_id == user.pk):
        return
    raise PermissionDenied("这不是分配给您的网站")
