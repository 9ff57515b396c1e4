"""What an alert says, in words and as the webhook's JSON."""

from __future__ import annotations

import datetime as dt

from ceping.monitor import (
    Alert,
    EventKind,
    alert_subject,
    alert_text,
    duration_text,
    webhook_payload,
)
from tests.monitor.samples import MONDAY, SITE, TZ

DOWN = Alert(EventKind.DOWN, "2026年度", "示例区", SITE, MONDAY, MONDAY, 3, "timeout")


def test_a_down_alert_names_the_unit_the_start_and_the_reason_in_chinese() -> None:
    assert alert_subject(DOWN) == "【网站无法访问】示例区"
    text = alert_text(DOWN, TZ)
    assert "自 2026-11-30 00:00 起连续 3 次访问失败（请求超时）" in text
    assert "timeout" not in text


def test_an_up_alert_gives_the_outage_and_its_duration() -> None:
    up = Alert(
        EventKind.UP, "2026年度", "示例区", SITE, MONDAY, MONDAY + dt.timedelta(minutes=135), 5
    )
    assert alert_subject(up) == "【网站已恢复访问】示例区"
    assert "无法访问时段：2026-11-30 00:00 至 2026-11-30 02:15，共 2小时15分。" in alert_text(
        up, TZ
    )
    payload = webhook_payload(up, TZ)
    assert (payload["event"], payload["duration_s"], payload["failures"]) == ("up", 8100, 5)
    assert webhook_payload(DOWN, TZ)["duration_s"] is None


def test_durations_read_as_people_say_them() -> None:
    assert [duration_text(s) for s in (40, 720, 3900, 2 * 86400 + 3 * 3600)] == [
        "40秒", "12分", "1小时5分", "2天3小时",
    ]  # fmt: skip
