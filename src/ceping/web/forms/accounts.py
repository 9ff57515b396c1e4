"""Account forms: the throttled login, the organizer's form to create accounts with a role, and
the form of a new API token."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password

from ceping.web.login import client_address, login_locked
from ceping.web.models import Role, TokenScope, Unit
from ceping.web.models.accounts import TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX


class ThrottledLoginForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请 %(minutes)d 分钟后再试。",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if login_locked(username, client_address(self.request)):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_S // 60},
            )
        return super().clean()


class AccountForm(forms.Form):
    """The organizer creates an expert, unit or organizer account."""

    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=10)
    # The least-privileged role that needs nothing else is the default; the organizer, who may do
    # everything, comes last so that it is never picked by leaving the field as it was.
    role = forms.ChoiceField(
        label="角色",
        choices=[(r.value, r.label) for r in (Role.EXPERT, Role.UNIT, Role.ORGANIZER)],
        initial=Role.EXPERT,
    )
    unit = forms.ModelChoiceField(
        label="所属单位",
        queryset=Unit.objects.order_by("code"),
        required=False,
        empty_label="（不属于任何被测单位）",  # Django's "---------" said nothing
        help_text="被测单位账号必填；专家填写后不会被分配测评本单位网站。",
    )

    def clean_username(self) -> str:
        name = str(self.cleaned_data["username"]).strip()
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError("该用户名已存在")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.UNIT and not data.get("unit"):
            self.add_error("unit", "被测单位账号必须选择所属单位")
        password = data.get("password")
        if password:
            try:
                validate_password(password)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class ApiTokenForm(forms.Form):
    """A new API token: what it is for, which areas it may read, how many days it lives."""

    DAYS = (7, 30, 90, 180, TOKEN_DAYS_MAX)

    name = forms.CharField(label="用途", max_length=100, required=False)
    scopes = forms.MultipleChoiceField(
        label="可访问范围",
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请至少选择一个可访问范围。",
            "invalid_choice": "请选择列出的可访问范围。",
        },
    )
    days = forms.TypedChoiceField(
        label="有效期",
        choices=[(d, f"{d} 天") for d in DAYS],
        coerce=int,
        initial=TOKEN_DAYS_DEFAULT,
        error_messages={"invalid_choice": "请选择列出的有效期。"},
    )

    def __init__(
        self, *args: Any, scopes: Sequence[TokenScope] = tuple(TokenScope), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only the areas the holder's role reads: the API would refuse the others anyway.
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(s.value, s.label) for s in scopes]
