"""The organizer's two dates of a campaign: until when units hand in self-inspection material,
and until when they may ask for re-checks. The day itself is still open (in the campaign's
time zone, Asia/Shanghai): "截止日期 5月10日" means through 10 May."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ceping.campaign import audit
from ceping.errors import CepingError
from ceping.web.models import Campaign


class DeadlineError(CepingError):
    """A date the organizer typed that is no date; the message is for people (中文)."""


FIELDS = {"self_check_deadline": "自查材料截止日期", "rectify_deadline": "整改截止日期"}


def today() -> dt.date:
    return timezone.localdate()


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def is_past(deadline: dt.date | None, on: dt.date | None = None) -> bool:
    return deadline is not None and (on or today()) > deadline


def rectify_refusal(campaign: Campaign, on: dt.date | None = None) -> str:
    """Why the unit may no longer ask for re-checks (a sentence for it), or ""."""
    if campaign.rectify_deadline is None or not is_past(campaign.rectify_deadline, on):
        return ""
    return (
        f"整改截止日期（{date_text(campaign.rectify_deadline)}）已过，不能再申请复查；"
        "如有特殊情况，请与测评组织方联系"
    )


def self_check_refusal(campaign: Campaign, on: dt.date | None = None) -> str:
    """Why self-inspection material may no longer change because of the date, or ""."""
    if campaign.self_check_deadline is None or not is_past(campaign.self_check_deadline, on):
        return ""
    return f"自查材料截止日期（{date_text(campaign.self_check_deadline)}）已过，材料不能再修改"


def parse_date(text: str, label: str) -> dt.date | None:
    """An <input type=date> value (YYYY-MM-DD) or "" (no deadline); DeadlineError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DeadlineError(f"{label}不是有效的日期，请按“2013-05-10”的格式填写") from None


def set_deadlines(
    campaign: Campaign, self_check: dt.date | None, rectify: dt.date | None, who: Any
) -> list[str]:
    """Store both dates (None removes one); the fields changed, each recorded in the audit."""
    new = {"self_check_deadline": self_check, "rectify_deadline": rectify}
    changed = [name for name, value in new.items() if getattr(campaign, name) != value]
    for name in changed:
        old = getattr(campaign, name)
        audit.record(
            who,
            "set_deadline",
            campaign,
            name,
            None if old is None else old.isoformat(),
            None if new[name] is None else new[name].isoformat(),  # type: ignore[union-attr]
        )
        setattr(campaign, name, new[name])
    if changed:
        campaign.save(update_fields=changed)
    return changed
