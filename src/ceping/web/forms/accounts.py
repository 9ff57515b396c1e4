"""Account forms: the throttled login, and the organizer's form to create accounts with a role."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password

from ceping.web.login import client_address, login_locked
from ceping.web.models import Role, Unit


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
