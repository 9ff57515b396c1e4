"""The audit trail: every change to a score or a response, with who and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    when = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="操作人",
    )
    action = models.CharField("操作", max_length=40)  # create / update / delete / import / score
    model = models.CharField("对象类型", max_length=60)
    object_id = models.CharField("对象", max_length=64)
    field = models.CharField("字段", max_length=60, blank=True)
    old = models.JSONField("原值", null=True, blank=True)
    new = models.JSONField("新值", null=True, blank=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["-when"]

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.who} {self.action} {self.model}#{self.object_id}"
