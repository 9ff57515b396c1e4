"""Accounts: the first organizer of an installation (so that `ceping serve` can be used at once),
API tokens (issued with scopes and an expiry), what a password change ends (the API tokens issued
under the old password), and the organizer's bulk import, disabling and password reset."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import pre_save
from django.dispatch import receiver

from ceping.campaign import audit
from ceping.campaign.roles import create_user, role_of
from ceping.campaign.tables import Row, read_table
from ceping.errors import CepingError, ImportRowsError, Problem, at, quoted, row_of
from ceping.web.models import ApiToken, Profile, Role, TokenScope, Unit
from ceping.web.models.accounts import TOKEN_DAYS_MAX

FIRST_ORGANIZER = "organizer"
# What Django's username validator takes, in ASCII: a name typed on a phone keyboard must be typed
# the same at sign-in.
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9@.+_-]+")


def first_login_file() -> Path:
    return Path(settings.CEPING_HOME) / "first-login.txt"


def ensure_organizer() -> tuple[str, str | None]:
    """(username, password) of the first organizer; the password is known only if we made it.

    It is kept in CEPING_HOME/first-login.txt (readable by the owner alone) until the
    organizer changes it; then None comes back for the password.
    """
    path = first_login_file()
    if not Profile.objects.filter(role=Role.ORGANIZER).exists():
        password = secrets.token_urlsafe(12)
        create_user(FIRST_ORGANIZER, password, Role.ORGANIZER, first_name="测评组织方")
        path.write_text(f"{FIRST_ORGANIZER}\n{password}\n", encoding="utf-8")
        path.chmod(0o600)
    organizer = (
        Profile.objects.filter(role=Role.ORGANIZER).select_related("user").order_by("pk").first()
    )
    assert organizer is not None
    username = organizer.user.get_username()
    if path.is_file():
        saved_user, saved_password = path.read_text(encoding="utf-8").split("\n")[:2]
        if saved_user == username and organizer.user.check_password(saved_password):
            return username, saved_password
    return username, None


# The areas of the API each role gets something from (web/api.py): an expert reads the units
# assigned, their findings and the expert's own scores, never the totals or the survey; a unit
# reads its own units, findings and results (no expert scores are its own). A scope a role could
# only be refused by is not offered to it, and a role with none sees no 接口令牌 at all.
TOKEN_SCOPES: dict[str, tuple[TokenScope, ...]] = {
    Role.ORGANIZER: tuple(TokenScope),
    Role.EXPERT: (TokenScope.UNITS, TokenScope.FINDINGS, TokenScope.EXPERTS),
    Role.UNIT: (TokenScope.UNITS, TokenScope.FINDINGS, TokenScope.RESULTS),
}


def token_scopes_for(user: object) -> tuple[TokenScope, ...]:
    """The API scopes `user` may hold a token for (none without a role)."""
    return TOKEN_SCOPES.get(role_of(user) or "", ())


def issue_api_token(user: object, name: str, scopes: list[str], days: int) -> str:
    """A new token of `user` for `scopes`, valid `days` days; its raw value, shown once."""
    unknown = set(scopes) - set(TokenScope.values)
    if not scopes or unknown or not 0 < days <= TOKEN_DAYS_MAX:
        raise ValueError("scopes or days out of range")  # the form let through what it refuses
    refused = [TokenScope(s).label for s in scopes if s not in token_scopes_for(user)]
    if refused:
        raise CepingError(f"该账号的角色不能读取：{'、'.join(refused)}")
    _, raw = ApiToken.issue(user, name[:100], scopes=scopes, days=days)
    return raw


def forget_first_password(user: object) -> bool:
    """After `user` changed the password: remove the first-login file if it held theirs, so the
    old password does not lie around in plain text. True if removed."""
    path = first_login_file()
    if not path.is_file():
        return False
    saved_user = path.read_text(encoding="utf-8").split("\n")[0]
    if saved_user != getattr(user, "get_username", lambda: None)():
        return False
    path.unlink()
    return True


@receiver(pre_save, sender=get_user_model())
def revoke_tokens_on_new_password(sender: type, instance: object, **kwargs: object) -> None:
    """A changed password ends every API token of the account, however it was changed (own
    page, organizer, admin, shell): a token taken with a stolen password must not outlive it."""
    pk = getattr(instance, "pk", None)
    if pk is None or kwargs.get("raw"):
        return
    stored = get_user_model().objects.filter(pk=pk).values_list("password", flat=True).first()
    if stored is not None and stored != getattr(instance, "password", stored):
        ApiToken.objects.filter(user_id=pk).delete()


# ---- the organizer's accounts: bulk import, disable and enable, password reset ------------------


class AccountError(CepingError):
    """A change to an account the rules do not allow; the message is for people (中文)."""


IMPORT_COLUMNS = {
    "用户名": "username", "username": "username",
    "姓名": "full_name", "full_name": "full_name", "name": "full_name",
    "角色": "role", "role": "role",
    "单位代码": "unit", "所属单位代码": "unit", "unit": "unit",
}  # fmt: skip
IMPORT_REQUIRED = {"username", "role"}
IMPORT_HEADERS = {"username": "用户名", "full_name": "姓名", "role": "角色", "unit": "单位代码"}
# A sheet makes experts and unit webmasters only: an organizer may do everything, so each one is
# made by hand on the accounts page.
ROLE_NAMES = {
    "专家": Role.EXPERT, "expert": Role.EXPERT,
    "被测单位": Role.UNIT, "单位": Role.UNIT, "unit": Role.UNIT,
}  # fmt: skip
MAX_NAME = 150  # Django's username and first_name


@dataclass(frozen=True)
class NewAccount:
    """An account made by the organizer, with its one-time password (shown once, never kept)."""

    username: str
    full_name: str
    role: str  # its Chinese name
    unit: str  # the unit's short name, "" for an expert without one
    password: str


def one_time_password() -> str:
    # 12 characters from a 56-letter alphabet without look-alikes (0/O, 1/l/I): ≈ 70 bits, and
    # read out over the phone without mistakes.
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def _check_account(
    row: Row,
    source: str,
    units: Mapping[str, Unit],
    seen: dict[str, int],
    problems: list[Problem],
) -> tuple[str, str, str, Unit | None] | None:
    v = row.values
    found: list[Problem] = []

    def bad(field: str, message: str) -> None:
        found.append(Problem(source, at(row.number), IMPORT_HEADERS[field], message))

    username, full_name = v.get("username", ""), v.get("full_name", "")
    if not username:
        bad("username", "未填写")
    elif len(username) > MAX_NAME:
        bad("username", f"太长：{len(username)} 个字符，最多 {MAX_NAME} 个")
    elif not USERNAME_PATTERN.fullmatch(username):
        bad("username", f"只能包含字母、数字和 @ . + - _ ：{quoted(username)}")
    elif username.lower() in seen:
        bad("username", f"与{at(seen[username.lower()])}重复：{quoted(username)}")
    else:
        seen[username.lower()] = row.number
    if len(full_name) > MAX_NAME:
        bad("full_name", f"太长：{len(full_name)} 个字符，最多 {MAX_NAME} 个")
    role = ROLE_NAMES.get(v.get("role", "").lower())
    if role is None:
        bad("role", f"应填“专家”或“被测单位”：{quoted(v.get('role', ''))}")
    code = v.get("unit", "")
    unit = units.get(code) if code else None
    if code and unit is None:
        bad("unit", f"没有代码为{quoted(code)}的单位")
    elif role == Role.UNIT and not code:
        bad("unit", "被测单位账号必须填写单位代码")
    problems.extend(found)
    if found or role is None:
        return None
    return username, full_name, role, unit


def import_accounts(path: Path, who: Any) -> list[NewAccount]:
    """Make the expert and unit accounts of a CSV or XLSX sheet, all or none (every row checked
    first, each problem named by row and column). Each gets a one-time password, returned here
    and nowhere kept in plain text; it must be changed at the first sign-in."""
    source = path.name
    rows = read_table(path, IMPORT_COLUMNS, IMPORT_REQUIRED)
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values.get("unit") for r in rows})}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    checked = [
        (row, made)
        for row in rows
        if (made := _check_account(row, source, units, seen, problems)) is not None
    ]
    taken = _taken_ignoring_case([m[0] for _, m in checked])
    problems += [
        Problem(
            source, at(row.number), IMPORT_HEADERS["username"], f"该用户名已存在：{quoted(m[0])}"
        )
        for row, m in checked
        if m[0].lower() in taken
    ]
    if not rows:
        problems.append(Problem(source, "", "", "表格中没有账号"))
    if problems:
        raise ImportRowsError(sorted(problems, key=row_of))
    passwords = [one_time_password() for _ in checked]
    hashes = _hashed(passwords)
    made = []
    with transaction.atomic():
        for (_, (username, full_name, role, unit)), password, hashed in zip(
            checked, passwords, hashes, strict=True
        ):
            user = create_user(username, None, role, unit=unit, first_name=full_name)
            get_user_model().objects.filter(pk=user.pk).update(password=hashed)
            Profile.objects.filter(user=user).update(must_change_password=True)
            audit.record(who, "import_account", user, "role", None, role)
            label = Role(role).label
            made.append(
                NewAccount(
                    username, full_name, str(label), unit.short_name if unit else "", password
                )
            )
    return made


def _hashed(passwords: list[str]) -> list[str]:
    """Django's password hashes, one per core at a time: PBKDF2 at its default cost takes about
    half a second each, and hashlib lets other threads run meanwhile."""
    workers = max(1, min(len(passwords), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(make_password, passwords))


def _taken_ignoring_case(names: list[str]) -> set[str]:
    """Stored usernames equal to one of `names` but for case (Django's own form refuses them)."""
    lowered = {n.lower() for n in names}
    stored = (
        get_user_model()
        .objects.annotate(lowered=Lower("username"))
        .filter(lowered__in=lowered)
        .values_list("lowered", flat=True)
    )
    return set(stored)


def set_active(user: Any, active: bool, who: Any) -> None:
    """Disable (instead of delete: the audit trail keeps naming who did what) or enable again.

    A disabled user cannot sign in, and a session or API token they hold stops working."""
    if user.is_active == active:
        return
    if not active and user.pk == getattr(who, "pk", None):
        raise AccountError("不能停用自己的账号")
    if not active and _is_last_organizer(user):
        raise AccountError("至少要保留一个启用的测评组织方账号")
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        who,
        "enable_account" if active else "disable_account",
        user,
        "is_active",
        not active,
        active,
    )


def _is_last_organizer(user: Any) -> bool:
    organizers = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(profile__role=Role.ORGANIZER) | Q(is_superuser=True))
    )
    return organizers.filter(pk=user.pk).exists() and organizers.count() == 1


def reset_password(user: Any, who: Any) -> str:
    """A new one-time password for `user` (returned once, to be handed over; it must be changed
    at the next sign-in). The old password and every API token end with it."""
    if user.pk == getattr(who, "pk", None):
        raise AccountError("请在“修改密码”页面修改自己的密码")
    password = one_time_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        Profile.objects.filter(user=user).update(must_change_password=True)
        audit.record(who, "reset_password", user, "password")
    return password


def must_change_password(user: Any) -> bool:
    try:
        return bool(user.profile.must_change_password)
    except (Profile.DoesNotExist, AttributeError):
        return False


def password_changed(user: Any) -> None:
    """After the user set their own password: the one-time one is gone, and so is the first
    organizer's file if it held it."""
    Profile.objects.filter(user=user).update(must_change_password=False)
    forget_first_password(user)
