"""The organizer's accounts: bulk import from a sheet (all or none, each problem by row and
column, one-time passwords shown once), disable instead of delete, password reset; and the
`ceping accounts import` command calling the same use case."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ceping.campaign import accounts
from ceping.campaign.roles import role_of, unit_of
from ceping.web.models import ApiToken, AuditEntry, Unit
from tests.commands import run_ceping
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db
User = get_user_model()

SHEET = "用户名,姓名,角色,单位代码\nzhang,张专家,专家,\nhp-web,黄浦网管,被测单位,QX01\n"


def _post_sheet(client: Client, name: str, content: bytes) -> Any:
    return client.post(
        reverse("organizer-accounts"),
        {"action": "import", "sheet": SimpleUploadedFile(name, content)},
    )


def _passwords(page: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td>([^<]+)</td>.*?<code>([^<]+)</code></td></tr>", page)
    return dict(rows)


def test_a_sheet_makes_experts_and_unit_users_with_one_time_passwords(
    organizer: Any, units: list[Unit]
) -> None:
    response = _post_sheet(client_for(organizer), "people.csv", SHEET.encode())
    page = response.content.decode()
    assert response.status_code == 200 and "已导入 2 个账号" in page
    assert "初始密码只在本页显示这一次" in page
    passwords = _passwords(page)
    assert set(passwords) == {"zhang", "hp-web"}
    zhang, web = User.objects.get(username="zhang"), User.objects.get(username="hp-web")
    assert (role_of(zhang), zhang.first_name) == ("expert", "张专家")
    assert (role_of(web), unit_of(web)) == ("unit", units[0])
    # Only a hash is kept, and the passwords are no message stored in the session.
    assert zhang.check_password(passwords["zhang"]) and passwords["zhang"] not in zhang.password
    again = client_for(organizer).get(reverse("organizer-accounts")).content.decode()
    assert passwords["zhang"] not in again and passwords["hp-web"] not in again
    assert AuditEntry.objects.filter(action="import_account", who=organizer).count() == 2


def test_an_imported_account_changes_its_password_before_anything(
    organizer: Any, units: list[Unit]
) -> None:
    passwords = _passwords(
        _post_sheet(client_for(organizer), "p.csv", SHEET.encode()).content.decode()
    )
    client = Client()
    assert client.login(username="hp-web", password=passwords["hp-web"])
    home = client.get(reverse("unit-home"))
    assert home.status_code == 302 and home["Location"] == reverse("password_change")
    assert "请先设置自己的新密码" in client.get(home["Location"]).content.decode()
    changed = client.post(
        reverse("password_change"),
        {
            "old_password": passwords["hp-web"],
            "new_password1": "a brand new secret 42",
            "new_password2": "a brand new secret 42",
        },
    )
    assert changed.status_code == 302
    assert client.get(reverse("unit-home")).status_code == 200


def test_a_bad_sheet_names_each_row_and_column_and_stores_nothing(
    organizer: Any, units: list[Unit]
) -> None:
    sheet = (
        "用户名,姓名,角色,单位代码\n"
        "li,李专家,专家,\n"  # good, but the sheet is refused as a whole
        "org2,,测评组织方,\n"
        "web2,,被测单位,\n"
        "web3,,被测单位,XX99\n"
        "LI,,专家,\n"
        "张 三,,专家,\n"
        "org,,专家,\n"  # the organizer's own name, taken
    )
    response = _post_sheet(client_for(organizer), "people.csv", sheet.encode())
    page = response.content.decode()
    assert response.status_code == 400
    block = page[page.index('id="errors"') : page.index("</ul>", page.index('id="errors"'))]
    assert re.findall(r"<li>([^<]+)</li>", block) == [
        "people.csv，第 3 行，角色：应填“专家”或“被测单位”：“测评组织方”",
        "people.csv，第 4 行，单位代码：被测单位账号必须填写单位代码",
        "people.csv，第 5 行，单位代码：没有代码为“XX99”的单位",
        "people.csv，第 6 行，用户名：与第 2 行重复：“LI”",
        "people.csv，第 7 行，用户名：只能包含字母、数字和 @ . + - _ ：“张 三”",
        "people.csv，第 8 行，用户名：该用户名已存在：“org”",
    ]
    assert not User.objects.filter(username__in=["li", "web2", "web3"]).exists()


def test_an_xlsx_sheet_is_read_too(organizer: Any, units: list[Unit], tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["用户名", "角色", "单位代码"])
    sheet.append(["xh-web", "被测单位", "QX02"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    response = _post_sheet(client_for(organizer), "people.xlsx", path.read_bytes())
    assert response.status_code == 200
    assert unit_of(User.objects.get(username="xh-web")) == units[1]


def test_not_a_sheet_is_refused_in_chinese(organizer: Any) -> None:
    response = _post_sheet(client_for(organizer), "people.exe", b"MZ")
    assert response.status_code == 400 and "请上传 Excel（.xlsx）或 CSV 文件" in (
        response.content.decode()
    )


def test_a_disabled_user_cannot_sign_in_until_enabled_again(organizer: Any, unit_user: Any) -> None:
    session = client_for(unit_user)
    assert session.get(reverse("unit-home")).status_code == 200
    ApiToken.issue(unit_user)
    client = client_for(organizer)
    url = reverse("organizer-accounts")
    done = client.post(url, {"action": "disable", "user": unit_user.pk}, follow=True)
    assert "已停用账号 u-qx01" in done.content.decode() and "已停用</span>" in done.content.decode()
    assert User.objects.filter(pk=unit_user.pk).exists()  # kept: the audit trail names it
    assert not Client().login(username="u-qx01", password=PASSWORD)
    assert session.get(reverse("unit-home")).status_code == 302  # the open session ends too
    client.post(url, {"action": "enable", "user": unit_user.pk})
    assert Client().login(username="u-qx01", password=PASSWORD)
    assert list(
        AuditEntry.objects.filter(object_id=str(unit_user.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["disable_account", "enable_account"]


def test_the_organizer_cannot_disable_themself_nor_the_last_organizer(organizer: Any) -> None:
    response = client_for(organizer).post(
        reverse("organizer-accounts"), {"action": "disable", "user": organizer.pk}
    )
    assert response.status_code == 400 and "不能停用自己的账号" in response.content.decode()
    with pytest.raises(accounts.AccountError, match="至少要保留一个启用的测评组织方账号"):
        accounts.set_active(organizer, False, who=None)


def test_a_reset_gives_a_new_one_time_password(organizer: Any, unit_user: Any) -> None:
    ApiToken.issue(unit_user)
    page = (
        client_for(organizer)
        .post(reverse("organizer-accounts"), {"action": "reset", "user": unit_user.pk})
        .content.decode()
    )
    new = re.search(r"新的一次性密码只显示这一次：<code>([^<]+)</code>", page)
    assert new is not None
    assert not Client().login(username="u-qx01", password=PASSWORD)
    client = Client()
    assert client.login(username="u-qx01", password=new.group(1))
    assert client.get(reverse("unit-home"))["Location"] == reverse("password_change")
    assert not ApiToken.objects.filter(user=unit_user).exists()
    assert AuditEntry.objects.filter(action="reset_password", who=organizer).exists()


def test_only_the_organizer_manages_accounts(unit_user: Any, experts: list[Any]) -> None:
    for user in (unit_user, experts[0]):
        response = client_for(user).post(
            reverse("organizer-accounts"), {"action": "reset", "user": user.pk}
        )
        assert response.status_code == 403


def test_the_command_imports_the_same_way_and_writes_the_passwords_for_the_owner_only(
    tmp_path: Path,
) -> None:
    assert run_ceping(tmp_path, "migrate").returncode == 0
    units = tmp_path / "units.csv"
    units.write_text(
        "代码,名称,类别,网站\nQX01,上海市黄浦区,区县,https://hp.example.gov.cn/\n", encoding="utf-8"
    )
    assert run_ceping(tmp_path, "units", "import", str(units)).returncode == 0
    sheet = tmp_path / "people.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    # A passwords file that cannot be made stops the import before any account is made.
    nowhere = tmp_path / "missing-folder" / "passwords.csv"
    refused = run_ceping(tmp_path, "accounts", "import", str(sheet), "--passwords", str(nowhere))
    assert refused.returncode == 2 and "无法写入" in refused.stderr, refused.stderr
    out = tmp_path / "passwords.csv"
    done = run_ceping(tmp_path, "accounts", "import", str(sheet), "--passwords", str(out))
    assert done.returncode == 0, done.stderr
    assert "已导入 2 个账号" in done.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "用户名,姓名,角色,所属单位,初始密码" and len(lines) == 3
    again = run_ceping(tmp_path, "accounts", "import", str(sheet))
    assert again.returncode == 2
    assert "people.csv，第 2 行，用户名：该用户名已存在：“zhang”" in again.stderr
    # A refused sheet leaves no passwords file behind, and an existing one is never overwritten.
    unused = tmp_path / "unused.csv"
    refused = run_ceping(tmp_path, "accounts", "import", str(sheet), "--passwords", str(unused))
    assert refused.returncode == 2 and not unused.exists()
    kept = run_ceping(tmp_path, "accounts", "import", str(sheet), "--passwords", str(out))
    assert kept.returncode == 2 and "文件已存在" in kept.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 3


def test_the_account_list_is_searched_and_paged(organizer: Any, units: list[Unit]) -> None:
    from ceping.campaign.roles import create_user

    for n in range(105):
        create_user(f"web{n:03d}", PASSWORD, "unit", unit=units[n % 2], first_name=f"网管{n}")
    client = client_for(organizer)
    url = reverse("organizer-accounts")
    first = client.get(url).content.decode()
    assert "共 106 个账号，每页 100 个" in first and "第 1/2 页" in first
    assert "web104" not in first and "web104" in client.get(url + "?page=2").content.decode()
    found = client.get(url, {"q": "网管7"}).content.decode()
    names = set(re.findall(r'<td class="nw">(web\d+)</td>', found))
    assert names == {"web007", *(f"web{n:03d}" for n in range(70, 80))}
    by_unit = client.get(url, {"q": "QX02"}).content.decode()
    assert "共 52 个账号" in by_unit
