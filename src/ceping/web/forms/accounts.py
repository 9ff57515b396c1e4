"""The login form, which tells a throttled person to wait instead of repeating 'wrong password'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from ceping.web.services.roles import client_address, login_locked


class ThrottledLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请 %(minutes)d 分钟后再试。",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if login_locked(username, client_address(self.request)):
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_S // 60},
            )
        return super().clean()
