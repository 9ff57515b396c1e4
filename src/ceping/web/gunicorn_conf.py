"""Gunicorn's server hooks for `ceping serve`: on the embedded default, the job runner's worker
(django-tasks' `db_worker`) starts once the web server is ready and stops with it (decision 0013).

Gunicorn reads this module with `-c python:ceping.web.gunicorn_conf`; only the hooks live here,
the options stay on `ceping serve`'s command line.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings

STOP_WAIT_S = 30  # a worker finishes the step it is in, then exits; a scan resumes later anyway
_workers: list[subprocess.Popen[bytes]] = []


def job_worker_command() -> list[str]:
    return [
        sys.executable,
        "-m",
        "django",
        "db_worker",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "1",
    ]


def when_ready(server: Any) -> None:
    if settings.JOB_RUNNER != "database":
        return  # the scale-out path: Celery workers run the jobs
    for _ in range(settings.JOB_WORKERS):
        _workers.append(subprocess.Popen(job_worker_command()))
    server.log.info("job workers started: %s", [w.pid for w in _workers])


def on_exit(server: Any) -> None:
    for worker in _workers:
        worker.terminate()
    for worker in _workers:
        try:
            worker.wait(STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            worker.kill()
