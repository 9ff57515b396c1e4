"""Send the alerts incidents queued: e-mail through Django's mail settings and the campaign's
webhook (a JSON POST). Each alert is claimed before it is sent, so two workers never send the
same one; a channel that fails is written down with the alert, not retried into a flood."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from ceping.monitor import (
    Alert,
    EventKind,
    alert_subject,
    alert_text,
    rescan_subject,
    rescan_text,
    webhook_payload,
)
from ceping.web.models import Campaign, IncidentAlert, MonitorPlan, Rescan

WEBHOOK_TIMEOUT_S = 10.0

Post = Callable[[str, bytes], None]


def post_json(url: str, body: bytes) -> None:
    """POST a JSON body; an error status raises (urllib raises HTTPError for 4xx and 5xx)."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError("回调地址必须以 http:// 或 https:// 开头")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_S):  # scheme checked above
        pass


def send_pending_alerts(campaign: Campaign, post: Post = post_json) -> int:
    """Send every alert of the campaign not yet sent; how many were sent."""
    plan = MonitorPlan.objects.filter(campaign=campaign).first()
    pending = IncidentAlert.objects.filter(
        incident__campaign=campaign, sent__isnull=True
    ).select_related("incident__site__unit")
    tz = timezone.get_current_timezone()
    sent = 0
    for row in pending:
        claimed = IncidentAlert.objects.filter(pk=row.pk, sent__isnull=True).update(
            sent=timezone.now()
        )
        if not claimed:
            continue  # another worker took it
        problems = _send(_alert(campaign, row), plan, post, tz)
        if problems:
            IncidentAlert.objects.filter(pk=row.pk).update(problem="；".join(problems)[:300])
        sent += 1
    return sent


def alerts_sent_since(campaign: Campaign, since: dt.datetime) -> list[str]:
    """The subjects of the incident alerts sent since then (what the command prints)."""
    rows = IncidentAlert.objects.filter(incident__campaign=campaign, sent__gte=since)
    return [
        alert_subject(_alert(campaign, row))
        for row in rows.select_related("incident__site__unit").order_by("sent", "pk")
    ]


def _alert(campaign: Campaign, row: IncidentAlert) -> Alert:
    incident = row.incident
    kind = EventKind(row.kind)
    return Alert(
        kind=kind,
        campaign=campaign.name,
        unit=incident.site.unit.name,
        site=incident.site.url,
        since=incident.started,
        at=row.created,
        failures=incident.failures,
        error=incident.error or None,
        status=incident.status,
    )


def _send(alert: Alert, plan: MonitorPlan | None, post: Post, tz: dt.tzinfo) -> list[str]:
    subject = alert_subject(alert)
    return _deliver(plan, subject, alert_text(alert, tz), webhook_payload(alert, tz), post)


def _deliver(
    plan: MonitorPlan | None, subject: str, text: str, payload: dict[str, Any], post: Post
) -> list[str]:
    """Mail the text and post the payload as the plan says; what went wrong, in words."""
    problems = []
    emails = list(plan.emails) if plan is not None else []
    if emails:  # none given: the alert is on the dashboard and in the command's output only
        try:
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, emails)
        except OSError as exc:
            problems.append(f"邮件未发出（{type(exc).__name__}）")
    if plan is not None and plan.webhook:
        body = json.dumps(payload, ensure_ascii=False).encode()
        try:
            post(plan.webhook, body)
        except (OSError, ValueError) as exc:
            status = exc.code if isinstance(exc, urllib.error.HTTPError) else None
            problems.append(f"回调未成功（{status or type(exc).__name__}）")
    return problems


def send_rescan_alerts(campaign: Campaign, post: Post = post_json) -> int:
    """Send the alert of every re-scan that found new broken links or single-veto problems."""
    plan = MonitorPlan.objects.filter(campaign=campaign).first()
    tz = timezone.get_current_timezone()
    pending = Rescan.objects.filter(campaign=campaign, alerted__isnull=True).exclude(alarming=[])
    sent = 0
    for rescan in pending.select_related("site__unit"):
        if not Rescan.objects.filter(pk=rescan.pk, alerted__isnull=True).update(
            alerted=timezone.now()
        ):
            continue  # another worker took it
        unit, site = rescan.site.unit.name, rescan.site.url
        when = rescan.finished.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        subject = rescan_subject(unit)
        text = rescan_text(campaign.name, unit, site, rescan.alarming, when)
        payload = {
            "event": "rescan",
            "campaign": campaign.name,
            "unit": unit,
            "site": site,
            "at": rescan.finished.isoformat(),
            "new": rescan.alarming,
            "title": subject,
            "text": text,
        }
        problems = _deliver(plan, subject, text, payload, post)
        if problems:
            Rescan.objects.filter(pk=rescan.pk).update(alert_problem="；".join(problems)[:300])
        sent += 1
    return sent
