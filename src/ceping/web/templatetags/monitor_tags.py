"""Template filters of the monitoring pages: durations and incident reasons in plain words."""

from __future__ import annotations

from django import template

from ceping.monitor.alerts import duration_text, failure_text
from ceping.web.models import Incident

register = template.Library()


@register.filter
def duration(seconds: int) -> str:
    return duration_text(int(seconds))


@register.filter
def incident_reason(incident: Incident) -> str:
    return failure_text(incident.error or None, incident.status)
