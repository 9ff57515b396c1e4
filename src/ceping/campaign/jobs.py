"""The organizer's background jobs: start one (once at a time per kind and campaign), hand it to
the runner, run it with progress, stop it, and say in Chinese how it ended (decision 0013).

The runner is django-tasks' database backend and its `db_worker` on the embedded default, and
Celery on the scale-out path (settings.JOB_RUNNER); both call `run(job_id)`.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from ceping.campaign.job_kinds import KINDS
from ceping.campaign.job_progress import JobStopped, Reporter
from ceping.errors import CepingError
from ceping.web.models import ACTIVE_STATES, Campaign, Job, JobState

log = logging.getLogger(__name__)

# A running job writes its heartbeat every second or so; one silent this long lost its worker
# (killed, machine restarted) and no longer holds its kind's slot.
STALE_AFTER_S = 120
UPLOAD_SUFFIXES = (".xlsx", ".csv")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BUG = "处理时发生内部错误，未能完成（详情已记入服务器日志，请联系系统管理员）"
LOST = "后台处理进程已中断（服务器重启或进程被终止），请重新开始"
NOT_HANDED = "无法交给后台处理进程（请确认后台处理进程已启动），请稍后重新开始"


class JobRefused(CepingError):
    """A job cannot start now (the same one is under way) or cannot be stopped."""


def _key(kind: str, campaign: Campaign | None) -> str:
    return f"{kind}:{campaign.pk if campaign is not None else '-'}"


def label_of(kind: str) -> str:
    found = KINDS.get(kind)
    return found.label if found is not None else "任务"


def start(
    kind: str, campaign: Campaign | None, who: Any, params: dict[str, Any] | None = None
) -> Job:
    """Record the job and hand it to the runner once the transaction commits; refused while
    the same kind of job for the same campaign waits or runs."""
    if kind not in KINDS:
        raise JobRefused("没有这种任务")
    release_lost()
    key = _key(kind, campaign)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                campaign=campaign,
                kind=kind,
                params=params or {},
                started_by=who,
                active_key=key,
                message="等待后台处理进程开始",
            )
    except IntegrityError:
        raise JobRefused(_busy(key, kind)) from None
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def _busy(key: str, kind: str) -> str:
    other = Job.objects.filter(active_key=key).select_related("started_by").first()
    if other is None:  # finished between our insert and this read
        return f"“{label_of(kind)}”刚刚结束，请刷新后重试"
    by = other.started_by.get_username() if other.started_by else "系统"
    when = timezone.localtime(other.created).strftime("%H:%M")
    return (
        f"“{label_of(kind)}”正在{other.get_state_display()}（{by} {when} 发起），"
        "同一时间只能进行一个，请等它结束"
    )


def dispatch(job_id: int) -> None:
    """Hand the job to the runner; if that fails, the job fails with a reason (never hangs)."""
    try:
        if settings.JOB_RUNNER == "celery":
            from ceping.campaign.queue import RUN_JOB, app

            app.send_task(RUN_JOB, args=[job_id])
        else:
            run_job.enqueue(job_id)
    except Exception:
        log.exception("job %s: not handed to the runner", job_id)
        _finish(job_id, JobState.FAILED, NOT_HANDED)


@task()
def run_job(job_id: int) -> None:
    """The django-tasks task `db_worker` runs (the embedded default)."""
    run(job_id)


def run(job_id: int) -> None:
    """Run a waiting job to its end; a job already taken (delivered twice) or stopped is left."""
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, state=JobState.WAITING).update(
        state=JobState.RUNNING, started=now, heartbeat=now, message="正在开始"
    )
    if not taken:
        return
    job = Job.objects.select_related("campaign", "started_by").get(pk=job_id)
    reporter = Reporter(job.pk)
    reporter.start()
    state, message = JobState.DONE, ""
    try:
        message = KINDS[job.kind].work(job, reporter)
    except JobStopped as exc:
        state, message = JobState.STOPPED, str(exc)
    except CepingError as exc:  # ours: the message is written for the organizer
        state, message = JobState.FAILED, str(exc)
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        state, message = JobState.FAILED, BUG
    finally:
        try:
            reporter.close()
        except Exception:  # the end must be recorded even when the last progress is not
            log.exception("job %s: last progress not written", job.pk)
        _forget_upload(job)
    _finish(job.pk, state, message)


def _forget_upload(job: Job) -> None:
    """The uploaded table is read (or refused) once: its folder goes, with the contacts in it."""
    name = job.params.get("file")
    if not name:
        return
    folder = Path(name).parent
    if folder.parent == uploads_dir():  # only a folder keep_upload made
        shutil.rmtree(folder, ignore_errors=True)


def uploads_dir() -> Path:
    return Path(settings.CEPING_HOME) / "uploads" / "jobs"


def _finish(job_id: int, state: str, message: str) -> None:
    fields: dict[str, Any] = {
        "state": state,
        "message": message,
        "finished": timezone.now(),
        "active_key": None,
    }
    if state == JobState.DONE:
        job = Job.objects.filter(pk=job_id).values("total").first()
        total = max(1, job["total"] if job else 1)
        fields.update(done=total, total=total)
    Job.objects.filter(pk=job_id).update(**fields)


def stop(job: Job, who: Any) -> None:
    """A waiting job is cancelled at once; a running one that can stop ends at its next step."""
    if job.state not in ACTIVE_STATES:
        raise JobRefused("该任务已经结束")
    if Job.objects.filter(pk=job.pk, state=JobState.WAITING).update(
        state=JobState.STOPPED,
        message="尚未开始即已取消",
        finished=timezone.now(),
        active_key=None,
        stop_requested=True,
    ):
        return
    if not KINDS[job.kind].stoppable:
        raise JobRefused(f"“{label_of(job.kind)}”进行中不能停止，请等它结束")
    Job.objects.filter(pk=job.pk).update(stop_requested=True, message="正在停止……")


def release_lost() -> int:
    """Jobs whose worker went away (no heartbeat for STALE_AFTER_S) fail and free their slot."""
    before = timezone.now() - dt.timedelta(seconds=STALE_AFTER_S)
    return Job.objects.filter(
        Q(heartbeat__lt=before) | Q(heartbeat__isnull=True),
        state=JobState.RUNNING,
    ).update(state=JobState.FAILED, message=LOST, finished=timezone.now(), active_key=None)


def jobs_of(campaign: Campaign | None, limit: int = 20) -> list[Job]:
    """The campaign's latest jobs, newest first; with None, the jobs that create campaigns
    (each gets its campaign once done, and stays listed on the page that started it)."""
    release_lost()
    found = Job.objects.select_related("started_by")
    found = found.filter(campaign=campaign) if campaign else found.filter(kind="create")
    return list(found[:limit])


def running_kinds(jobs: Iterable[Job]) -> set[str]:
    return {j.kind for j in jobs if j.state in ACTIVE_STATES}


def as_json(job: Job) -> dict[str, Any]:
    """What the page's script shows of a job."""
    percent = round(100 * job.done / job.total) if job.total else None
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": label_of(job.kind),
        "state": job.state,
        "state_label": job.get_state_display(),
        "active": job.state in ACTIVE_STATES,
        "done": job.done,
        "total": job.total,
        "percent": percent,
        "message": job.message,
        "by": job.started_by.get_username() if job.started_by else "",
        "created": timezone.localtime(job.created).strftime("%Y-%m-%d %H:%M:%S"),
        "finished": (timezone.localtime(job.finished).strftime("%H:%M:%S") if job.finished else ""),
        "stoppable": job.state in ACTIVE_STATES
        and (job.state == JobState.WAITING or KINDS[job.kind].stoppable),
        "campaign": job.campaign_id,
    }


def keep_upload(name: str, size: int, chunks: Iterable[bytes]) -> Path:
    """Store a table the organizer uploaded for a job, under its own name (problems name the
    file), in a folder of its own under CEPING_HOME."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise JobRefused("请选择 .xlsx 或 .csv 文件")
    if size > MAX_UPLOAD_BYTES:
        raise JobRefused(f"文件过大（最大 {MAX_UPLOAD_BYTES // 1024 // 1024} MB）")
    folder = uploads_dir() / secrets.token_hex(8)
    folder.mkdir(parents=True, mode=0o700)
    path = folder / (Path(name).name or f"table{suffix}")
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path
