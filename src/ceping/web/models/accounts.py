"""People's roles (organizer, expert, unit) and the tokens of the JSON API."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from ceping.web.models.units import Unit


class Role(models.TextChoices):
    ORGANIZER = "organizer", "测评组织方"
    EXPERT = "expert", "专家"
    UNIT = "unit", "被测单位"


class Profile(models.Model):
    """A user's role; a unit user acts for `unit`, an expert's `unit` is where they work (never
    assigned to it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="所属单位",
    )
    # Set when the organizer made the password (bulk import, reset): it was seen by someone else,
    # so it opens one session that leads straight to the password change (web/middleware.py).
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"
        constraints = [
            # A unit account without its unit would see nothing or, worse, be checked against None.
            models.CheckConstraint(
                condition=~models.Q(role="unit") | models.Q(unit__isnull=False),
                name="unit_role_has_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token of the JSON API; only its hash is stored, the raw value is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100, blank=True)
    digest = models.CharField("摘要", max_length=64, unique=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    @classmethod
    def issue(cls, user: object, name: str = "") -> tuple[ApiToken, str]:
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=hash_token(raw)), raw
