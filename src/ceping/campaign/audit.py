"""The audit trail: record who changed which score or response, when, from what to what."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from ceping.web.models import AuditEntry, SurveyResponse


def record(
    who: Any, action: str, obj: models.Model, field: str = "", old: Any = None, new: Any = None
) -> AuditEntry:
    user = who if who is not None and getattr(who, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        who=user,
        action=action,
        model=obj._meta.label,
        object_id=str(obj.pk),
        field=field,
        old=old,
        new=new,
    )


def record_changes(
    who: Any, action: str, obj: models.Model, old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> list[AuditEntry]:
    """One entry per field whose value changed (all fields when `old` is None: a creation)."""
    entries = []
    for field, value in new.items():
        before = None if old is None else old.get(field)
        if old is None or before != value:
            entries.append(record(who, action, obj, field, before, value))
    return entries


def trail(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(model=obj._meta.label, object_id=str(obj.pk))


# Survey responses are only ever created by the survey; a later change or deletion (in the
# admin, in a shell) is kept here, since no service of ours is on that path to record it.
@receiver(pre_save, sender=SurveyResponse)
def _response_changed(sender: Any, instance: SurveyResponse, **_: Any) -> None:
    if instance.pk is None:
        return
    old = SurveyResponse.objects.filter(pk=instance.pk).values("answers", "unit_id").first()
    if old is None:
        return
    for field in ("answers", "unit_id"):
        if old[field] != getattr(instance, field):
            record(None, "update", instance, field, old[field], getattr(instance, field))


@receiver(post_delete, sender=SurveyResponse)
def _response_deleted(sender: Any, instance: SurveyResponse, **_: Any) -> None:
    record(None, "delete", instance, "answers", instance.answers, None)
