"""The first organizer account of an installation, so that `ceping serve` can be used at once;
API tokens (issued with scopes and an expiry); and what a password change ends: the API tokens
issued under the old password."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver

from ceping.campaign.roles import create_user
from ceping.web.models import ApiToken, Profile, Role, TokenScope
from ceping.web.models.accounts import TOKEN_DAYS_MAX

FIRST_ORGANIZER = "organizer"


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


def issue_api_token(user: object, name: str, scopes: list[str], days: int) -> str:
    """A new token of `user` for `scopes`, valid `days` days; its raw value, shown once."""
    unknown = set(scopes) - set(TokenScope.values)
    if not scopes or unknown or not 0 < days <= TOKEN_DAYS_MAX:
        raise ValueError("scopes or days out of range")  # the form let through what it refuses
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
