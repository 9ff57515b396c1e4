"""People's roles (organizer, expert, unit) and the tokens of the JSON API."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

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


class TokenScope(models.TextChoices):
    """What a token may read, by area of the API. Every endpoint is a read; the API has no write,
    so there is no read-write scope (an endpoint that writes would get a scope of its own)."""

    UNITS = "units", "被测单位与测评活动"
    FINDINGS = "findings", "机器检测发现"
    RESULTS = "results", "单位得分与等级"
    EXPERTS = "experts", "专家评分"
    SURVEY = "survey", "公众测评统计"


# A token lives 90 days unless its holder picks otherwise, and never more than a year: a token
# copied into a script and forgotten must stop working by itself.
TOKEN_DAYS_DEFAULT = 90
TOKEN_DAYS_MAX = 365


def default_expiry() -> datetime:
    return timezone.now() + timedelta(days=TOKEN_DAYS_DEFAULT)


class ApiToken(models.Model):
    """A bearer token of the JSON API; only its hash is stored, the raw value is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100, blank=True)
    digest = models.CharField("摘要", max_length=64, unique=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)
    scopes = models.JSONField("可访问范围", default=list)  # TokenScope values
    expires = models.DateTimeField("到期时间", default=default_expiry)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    @classmethod
    def issue(
        cls,
        user: object,
        name: str = "",
        scopes: Iterable[str] | None = None,
        days: int = TOKEN_DAYS_DEFAULT,
    ) -> tuple[ApiToken, str]:
        """A new token (and its raw value); `scopes` None: every scope."""
        raw = secrets.token_urlsafe(32)
        chosen = list(TokenScope.values) if scopes is None else sorted(set(scopes))
        token = cls.objects.create(
            user=user,
            name=name,
            digest=hash_token(raw),
            scopes=chosen,
            expires=timezone.now() + timedelta(days=days),
        )
        return token, raw

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        labels = dict(TokenScope.choices)
        return [labels.get(s, s) for s in self.scopes]

    def __str__(self) -> str:
        return f"{self.user} · {self.name or '接口令牌'}"
