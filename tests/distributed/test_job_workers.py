"""The organizer's jobs on the scale-out path: with CEPING_JOB_RUNNER=celery a job started by the
web app is run by a Celery worker (`ceping worker`), the same `jobs.run` as on the default."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from scanfarm import ceping, child_env

from ceping.campaign.campaigns import create_campaign
from ceping.web.models import Job, Site, Unit
from tests.distributed.test_workers import BROKER, _redis_up

if not _redis_up():
    pytest.skip("Redis on 127.0.0.1:6379 is not reachable", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True)
FRAMEWORK = Path(__file__).parents[1] / "web" / "framework.yaml"
START = """
import django
django.setup()
from ceping.campaign import jobs
from ceping.web.models import Campaign
from django.db import transaction
with transaction.atomic():  # handed to the runner on commit, as a request does
    job = jobs.start("score", Campaign.objects.get(name="分布式任务"), None)
print(job.pk)
"""


def test_a_job_runs_on_a_celery_worker() -> None:
    units = []
    for code, category in (("QX01", "区县"), ("BM01", "市政府部门")):
        unit = Unit.objects.create(code=code, name=code, short_name=code, category=category)
        Site.objects.create(unit=unit, url=f"https://{code.lower()}.example.gov.cn/")
        units.append(unit)
    create_campaign("分布式任务", 2012, FRAMEWORK, units=units)
    env = child_env(
        CEPING_QUEUE=f"ceping-test-{uuid.uuid4().hex[:8]}",
        CELERY_BROKER_URL=BROKER,
        CEPING_JOB_RUNNER="celery",
        DJANGO_SETTINGS_MODULE="ceping.web.settings",
    )
    worker = subprocess.Popen(
        ceping("worker", "--pool", "solo", "--loglevel", "WARNING"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        started = subprocess.run(
            [sys.executable, "-c", START], env=env, capture_output=True, text=True, check=True
        )
        job_id = int(started.stdout.split()[-1])
        deadline = time.monotonic() + 120
        while Job.objects.get(pk=job_id).state in ("waiting", "running"):
            assert time.monotonic() < deadline, "no Celery worker ran the job"
            time.sleep(0.2)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(30)
    job = Job.objects.get(pk=job_id)
    assert job.state == "done", job.message
    assert job.message.startswith("2 个单位已计分")
