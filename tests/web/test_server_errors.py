"""A server error shows a plain Chinese page and is logged with its traceback (stderr and file)."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("测试用的故障 4711")


urlpatterns = [path("boom/", _boom)]


def test_a_server_error_is_a_chinese_page_and_a_logged_traceback() -> None:
    log_file = settings.LOG_FILE
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "ROOT_URLCONF", __name__)
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()
    for handler in logging.getLogger("django.request").handlers:
        if isinstance(handler, logging.FileHandler):  # stderr may be a closed capture by now
            handler.flush()
    written = log_file.read_text(encoding="utf-8")[len(before) :]
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: 测试用的故障 4711" in written
    kinds = {type(h) for h in logging.getLogger("django.request").handlers}
    assert {logging.StreamHandler, logging.FileHandler} <= kinds  # stderr and the file
