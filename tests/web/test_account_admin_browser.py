"""The organizer imports accounts from a sheet in the browser and hands out the one-time
passwords; the new webmaster signs in, is sent to change it, then reaches the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ceping.web.models import Unit
from tests.web.browser import PHONE, Shots, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accounts_from_a_sheet_through_the_browser(
    live_server: Any, chromium: Any, organizer: Any, units: list[Unit], tmp_path: Path
) -> None:
    sheet = tmp_path / "账号.csv"
    sheet.write_text(
        "用户名,姓名,角色,单位代码\nzhang,张专家,专家,\nhp-web,黄浦区网站管理员,被测单位,QX01\n",
        encoding="utf-8",
    )
    shot = Shots("accounts")
    laptop = {"viewport": {"width": 1366, "height": 900}}
    for size, options in (("laptop", laptop), ("phone", PHONE)):
        context = chromium.new_context(locale="zh-CN", **options)
        page = context.new_page()
        sign_in(page, live_server.url, "org")
        page.goto(f"{live_server.url}/organizer/accounts/")
        if size == "laptop":
            page.set_input_files("#sheet", str(sheet))
            page.click("#import-form button")
            page.wait_for_selector("#made")
            shot(page, f"{size}-imported")
            cells = page.locator("#made code").all_inner_texts()
            assert len(cells) == 2
            password = cells[1]
        shot(page, f"{size}-accounts")
        context.close()
    # The webmaster signs in with the one-time password and must set their own first.
    context = chromium.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hp-web")
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("#must-change")
    shot(page, "phone-must-change")
    page.fill("#id_old_password", password)
    page.fill("#id_new_password1", "黄浦区网站 new secret 7")
    page.fill("#id_new_password2", "黄浦区网站 new secret 7")
    page.click("form button[type=submit]")
    page.goto(f"{live_server.url}/unit/")
    page.wait_for_selector("text=本单位目前没有参加测评活动")
    shot(page, "phone-workspace")
    context.close()
