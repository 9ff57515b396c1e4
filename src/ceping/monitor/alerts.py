"""What an alert says: one when a site goes down, one when it is back (never per sample).

Subjects and texts are for the webmaster and the organizer, in plain Chinese; the webhook
carries the same facts as JSON for a chat robot or a ticket system.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ceping.monitor.incidents import EventKind
from ceping.vocabulary import error_text, label_of


@dataclass(frozen=True, slots=True)
class Alert:
    kind: EventKind
    campaign: str
    unit: str
    site: str
    since: dt.datetime  # the first failed visit
    at: dt.datetime  # the visit that decided the alert
    failures: int  # failed visits in a row
    error: str | None = None  # the scanner's reason of the last failed visit
    status: int | None = None

    @property
    def duration_s(self) -> int:
        return max(0, int((self.at - self.since).total_seconds()))


def duration_text(seconds: int) -> str:
    """A duration as people say it: 2天3小时、1小时5分、12分、40秒."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else ""]
    parts.append(f"{minutes}分" if minutes else "")
    text = "".join(parts)
    return text or f"{secs}秒"


def _when(moment: dt.datetime, tz: dt.tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def failure_text(error: str | None, status: int | None) -> str:
    if error:
        return error_text(error)
    return f"返回状态码 {status}" if status is not None else "未得到网站应答"


def alert_subject(alert: Alert) -> str:
    if alert.kind is EventKind.DOWN:
        return f"【网站无法访问】{alert.unit}"
    return f"【网站已恢复访问】{alert.unit}"


def alert_text(alert: Alert, tz: dt.tzinfo) -> str:
    lines = [f"测评活动：{alert.campaign}", f"单位：{alert.unit}", f"网站：{alert.site}"]
    if alert.kind is EventKind.DOWN:
        lines += [
            (
                f"自 {_when(alert.since, tz)} 起连续 {alert.failures} 次访问失败"
                f"（{failure_text(alert.error, alert.status)}）。"
            ),
            "请尽快排查；网站恢复访问时将另行通知。",
        ]
    else:
        lines += [
            f"已于 {_when(alert.at, tz)} 恢复访问。",
            (
                f"无法访问时段：{_when(alert.since, tz)} 至 {_when(alert.at, tz)}，"
                f"共 {duration_text(alert.duration_s)}。"
            ),
        ]
    return "\n".join(lines)


def webhook_payload(alert: Alert, tz: dt.tzinfo) -> dict[str, Any]:
    """The JSON a campaign's webhook receives: the facts, and the text people read."""
    return {
        "event": str(alert.kind),
        "campaign": alert.campaign,
        "unit": alert.unit,
        "site": alert.site,
        "since": alert.since.isoformat(),
        "at": alert.at.isoformat(),
        "duration_s": alert.duration_s if alert.kind is EventKind.UP else None,
        "failures": alert.failures,
        "title": alert_subject(alert),
        "text": alert_text(alert, tz),
    }


RESCAN_LISTED = 20  # new findings named in an alert; the rest are counted


def rescan_subject(unit: str) -> str:
    return f"【复查检测发现新问题】{unit}"


def rescan_text(
    campaign: str, unit: str, site: str, news: Sequence[Mapping[str, object]], when: str
) -> str:
    """The alert of a re-scan that found new broken links or new single-veto problems."""
    lines = [
        f"测评活动：{campaign}",
        f"单位：{unit}",
        f"网站：{site}",
        f"{when} 的复查检测比上次检测新发现 {len(news)} 个需要尽快处理的问题：",
    ]
    for finding in news[:RESCAN_LISTED]:
        where = finding.get("url") or finding.get("page") or site
        lines.append(f"- {label_of(str(finding.get('kind', '')))}：{where}")
    if len(news) > RESCAN_LISTED:
        lines.append(f"另有 {len(news) - RESCAN_LISTED} 个，详见测评平台。")
    return "\n".join(lines)
