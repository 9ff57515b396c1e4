"""The hostile files of test_imports sent the way an organizer sends them: uploaded in the
browser, imported by the background worker. Each job ends within seconds, failed with a clear
Chinese message naming the file (or done, for a file that is the data it shows), and a failed
one stores nothing; the web request itself never reads the file."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ceping.web.models import Campaign, Job, JobState, PortalStat
from tests.hostile import cases, tally
from tests.hostile.test_imports import SECONDS, clear, stored
from tests.web.conftest import client_for
from tests.web.test_jobs import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("counted")]
AREA = "web: uploaded tables"


def _upload(client: Any, url: str, action: str, name: str, data: bytes) -> Any:
    form: dict[str, Any] = {"table": SimpleUploadedFile(name, data)}
    if action:
        form["action"] = action
    return client.post(url, form)


def _run_all(
    campaign: Campaign, organizer: Any, kind: str, files: dict[str, tuple[str, bytes]]
) -> list[str]:
    client = client_for(organizer)
    if kind == "units":
        url, action = reverse("organizer-controls", args=[campaign.pk]), "units"
    else:
        url, action = reverse("organizer-portal", args=[campaign.pk]), ""
    bad = []
    for case, (name, data) in files.items():
        label = f"{kind} upload: {case}"
        before = stored()
        last_job = Job.objects.order_by("pk").values_list("pk", flat=True).last() or 0
        started = time.monotonic()
        response = _upload(client, url, action, name, data)
        run_worker()
        seconds = time.monotonic() - started
        job = Job.objects.filter(kind=kind, pk__gt=last_job).first()
        # The messages of the session so far (no page showed them): this upload's is the last.
        said = [str(m) for m in get_messages(response.wsgi_request)]
        if response.status_code >= 500 or (
            job is not None and job.state not in (JobState.FAILED, JobState.DONE)
        ):
            state = job.state if job else ""
            outcome = tally.record(AREA, tally.CRASH, f"{label}: {response.status_code} {state}")
        elif seconds >= SECONDS:
            outcome = tally.record(AREA, tally.HANG, f"{label} ({seconds:.1f} s)")
        elif job is None:  # refused with the request itself, in the message on the next page
            is_clear = bool(said) and clear(said[-1], name) and stored() == before
            outcome = tally.record(AREA, tally.CLEAR if is_clear else tally.UNCLEAR,
                                   f"{label}: {said[-1:]}")  # fmt: skip
        elif job.state == JobState.DONE:
            outcome = tally.record(AREA, tally.HANDLED, label)
        elif stored() != before:
            outcome = tally.record(AREA, tally.LOST, label)
        elif not clear(job.message, name):
            outcome = tally.record(AREA, tally.UNCLEAR, f"{label}: {job.message}")
        else:
            outcome = tally.record(AREA, tally.CLEAR, label)
        if outcome not in (tally.CLEAR, tally.HANDLED):
            bad.append(f"{outcome}: {label}")
    return bad


def test_units_tables_uploaded(campaign: Campaign, organizer: Any) -> None:
    files = {f"xlsx {k}": ("单位.xlsx", v) for k, v in cases.units_xlsx_cases().items()}
    files |= {f"csv {k}": ("单位.csv", v) for k, v in cases.units_csv_cases().items()}
    assert _run_all(campaign, organizer, "units", files) == []


def test_portal_tables_uploaded(campaign: Campaign, organizer: Any) -> None:
    PortalStat.objects.create(campaign=campaign, unit=campaign.units.get(code="QX01"),
                              submitted=7, adopted=1)  # fmt: skip
    files = {k: ("门户考核.csv", v) for k, v in cases.portal_csv_cases().items()}
    assert _run_all(campaign, organizer, "portal", files) == []
