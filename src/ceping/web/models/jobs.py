"""Background jobs the organizer starts in the browser (scan, score, reports …): one row each, read
by the page that shows their progress (decision 0013)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ceping.web.models.campaigns import Campaign


class JobState(models.TextChoices):
    WAITING = "waiting", "等待"
    RUNNING = "running", "进行中"
    DONE = "done", "完成"
    FAILED = "failed", "失败"
    STOPPED = "stopped", "已停止"


# States in which a job still holds its "once at a time" slot.
ACTIVE_STATES = (JobState.WAITING, JobState.RUNNING)


class Job(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        null=True,  # a job that creates a campaign has none until it has made it
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name="测评活动",
    )
    kind = models.CharField("任务", max_length=40)
    state = models.CharField(
        "状态", max_length=20, choices=JobState.choices, default=JobState.WAITING
    )
    # "<kind>:<campaign id or ->" while waiting or running, NULL after: a unique column, so
    # two requests racing to start the same job cannot both succeed, on SQLite or PostgreSQL.
    active_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    params = models.JSONField("参数", default=dict, blank=True)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.TextField("说明", blank=True)  # a refused import names every bad row
    result = models.JSONField("结果", default=dict, blank=True)
    stop_requested = models.BooleanField("已请求停止", default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="发起人",
    )
    created = models.DateTimeField("发起时间", auto_now_add=True)
    started = models.DateTimeField("开始时间", null=True, blank=True)
    finished = models.DateTimeField("结束时间", null=True, blank=True)
    # Written every few seconds while the job runs: a running job whose heartbeat stopped
    # lost its worker (killed, machine restarted) and no longer blocks a new start.
    heartbeat = models.DateTimeField("最近心跳", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["campaign", "kind"], name="job_campaign_kind")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
