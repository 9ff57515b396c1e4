"""The audit trail: record who changed which score or response, when, from what to what."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from ceping.web.models import AuditEntry


def record(who: Any, action: str, obj: models.Model, field: str = "", old: Any = None, new: Any = None) -> AuditEntry:
    user = who if who is not None and getattr(who, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        who=user, action=action, model=obj._meta.label, object_id=str(obj.pk), field=field, old=old, new=new
    )


def record_changes(who: Any, action: str, obj: models.Model, old: Mapping[str, Any] | None,
                   new: Mapping[str, Any]) -> list[AuditEntry]:
    """One entry per field whose value changed (all fields when `old` is None: a creation)."""
    entries = []
    for field, value in new.items():
        before = None if old is None else old.get(field)
        if old is None or before != value:
            entries.append(record(who, action, obj, field, before, value))
    return entries


def trail(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(model=obj._meta.label, object_id=str(obj.pk))
