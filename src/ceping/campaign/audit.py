"""The audit trail: record who changed which score or response, when, from what to what."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
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


# The trail's entries in words, for the admin's list (it showed publish, ceping.Campaign and
# published_at). The keys are what the code records; a key missing here reads as 其他操作.
ACTION_LABELS = {
    "assign": "分配专家",
    "attach": "上传自查附件",
    "create_account": "创建账号",
    "create_campaign": "建立测评活动",
    "delete": "删除",
    "disable_account": "停用账号",
    "enable_account": "启用账号",
    "import": "导入",
    "import_account": "导入账号",
    "notice_texts": "填写通报内容",
    "publish": "发布结果",
    "recheck": "复查",
    "recheck_request": "申请复查",
    "reopen": "退回专家评分",
    "reset_password": "重置密码",
    "score": "专家评分",
    "self_material": "填写自查材料",
    "set_deadline": "设置截止日期",
    "submit": "提交专家评分",
    "typo_confirm": "确认错别字",
    "typo_dismiss": "排除疑似错别字",
    "unassign": "取消专家分配",
    "unpublish": "撤回发布",
    "update": "修改",
    "verdict": "核实否决项",
    "verify": "核定自查得分",
}
# Recorded fields that are no column of the model recorded (the user's role lives in its profile).
FIELD_LABELS = {"role": "角色", "password": "密码", "confirmed": "核实结果", "expert": "专家"}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "其他操作")


def model_label(label: str) -> str:
    """The recorded model's own Chinese name (测评活动 for ceping.Campaign)."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return "其他对象"


def field_label(label: str, field: str) -> str:
    if not field:
        return ""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    try:
        return str(apps.get_model(label)._meta.get_field(field).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return "其他字段"
