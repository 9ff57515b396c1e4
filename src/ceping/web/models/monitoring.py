"""Continuous monitoring records: each campaign's plan, every visit, day figures, incidents and
the alerts they sent (ceping.monitor decides, campaign.monitoring stores)."""

from __future__ import annotations

from django.db import models

from ceping.monitor import rules
from ceping.web.models.campaigns import Campaign
from ceping.web.models.units import Site


class MonitorPlan(models.Model):
    """How a campaign's sites are monitored; one per campaign, created on first use."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="monitor_plan", verbose_name="测评活动"
    )
    interval_s = models.PositiveIntegerField("访问间隔（秒）", default=rules.INTERVAL_S)
    # Key pages besides the home page, as paths or addresses relative to each site ("/xxgk/").
    pages = models.JSONField("重点页面", default=list, blank=True)
    down_after = models.PositiveSmallIntegerField(
        "连续失败几次算无法访问", default=rules.DOWN_AFTER_FAILURES
    )
    window_days = models.PositiveSmallIntegerField("考核时段（天）", default=rules.WINDOW_DAYS)
    # The window's last day; empty: the last whole day monitored (yesterday while it runs).
    window_end = models.DateField("考核时段截止日", null=True, blank=True)
    emails = models.JSONField("告警邮箱", default=list, blank=True)
    webhook = models.URLField("告警回调地址", max_length=500, blank=True)
    # Loopback and private addresses may be visited (tests and intranet sites); off by default.
    allow_private = models.BooleanField("允许访问内网地址", default=False)
    # When the next round is due (Celery beat asks every minute; the embedded loop sleeps).
    next_round = models.DateTimeField("下一轮访问", null=True, blank=True)
    # Scheduled re-scans of the whole campaign, compared with the scan before (0: none).
    rescan_interval_s = models.PositiveIntegerField("定期复查检测间隔（秒）", default=0)
    next_rescan = models.DateTimeField("下一次复查检测", null=True, blank=True)

    class Meta:
        verbose_name = "监测设置"
        verbose_name_plural = "监测设置"

    def __str__(self) -> str:
        return f"{self.campaign} · 监测"


class MonitorSample(models.Model):
    """One visit of one page. Kept for the retention period, then rolled up into MonitorDay.

    `page` is empty for the home page (most rows: a year of samples is the largest table)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, verbose_name="测评活动")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, verbose_name="网站")
    page = models.CharField("页面", max_length=500, blank=True)
    round_at = models.DateTimeField("所属轮次")  # the round's planned start: a re-run adds nothing
    at = models.DateTimeField("访问时间")
    status = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    error = models.CharField("错误", max_length=200, blank=True)  # the scanner's reason
    ttfb_ms = models.PositiveIntegerField("首字节用时（毫秒）", null=True, blank=True)

    class Meta:
        verbose_name = "监测记录"
        verbose_name_plural = "监测记录"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "site", "round_at", "page"], name="one_sample_per_round"
            )
        ]
        indexes = [models.Index(fields=["campaign", "site", "at"], name="sample_by_site_time")]


class MonitorDay(models.Model):
    """A site's visits of one local day, from samples rolled up or still kept."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, verbose_name="测评活动")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, verbose_name="网站")
    day = models.DateField("日期")
    visits = models.PositiveIntegerField("访问次数")
    failures = models.PositiveIntegerField("失败次数")
    median_ms = models.PositiveIntegerField("首字节用时中位数（毫秒）", null=True, blank=True)
    p90_ms = models.PositiveIntegerField("首字节用时90分位（毫秒）", null=True, blank=True)

    class Meta:
        verbose_name = "监测日统计"
        verbose_name_plural = "监测日统计"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "site", "day"], name="one_figure_per_day")
        ]


class SiteWatch(models.Model):
    """What must be remembered between rounds to decide incidents (monitor.SiteState)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, verbose_name="测评活动")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, verbose_name="网站")
    failures_in_row = models.PositiveIntegerField("连续失败次数", default=0)
    first_failure_at = models.DateTimeField("本次连续失败开始", null=True, blank=True)
    down_since = models.DateTimeField("无法访问开始", null=True, blank=True)
    # The latest round that decided this state: a visit of an earlier round, stored late (its
    # task re-run after a later round), decides nothing.
    last_round = models.DateTimeField("最近轮次", null=True, blank=True)

    class Meta:
        verbose_name = "监测状态"
        verbose_name_plural = "监测状态"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "site"], name="one_watch_per_site")
        ]


class Incident(models.Model):
    """A time a site could not be visited: from its first failed visit to its first success."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="incidents", verbose_name="测评活动"
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="incidents", verbose_name="网站"
    )
    started = models.DateTimeField("开始")
    ended = models.DateTimeField("恢复", null=True, blank=True)
    failures = models.PositiveIntegerField("连续失败次数")
    status = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "无法访问事件"
        verbose_name_plural = "无法访问事件"
        ordering = ["-started"]
        indexes = [models.Index(fields=["campaign", "site", "started"], name="incident_by_site")]

    @property
    def duration_s(self) -> int | None:
        return int((self.ended - self.started).total_seconds()) if self.ended else None

    def __str__(self) -> str:
        return f"{self.site} · {self.started:%Y-%m-%d %H:%M}"


class AlertKind(models.TextChoices):
    DOWN = "down", "无法访问"
    UP = "up", "恢复访问"


class IncidentAlert(models.Model):
    """The one alert of each kind an incident gets; written with the incident's change and sent
    after the commit, so an alert is neither lost nor sent twice when a worker dies."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="alerts", verbose_name="事件"
    )
    kind = models.CharField("类型", max_length=8, choices=AlertKind.choices)
    created = models.DateTimeField("产生时间")
    sent = models.DateTimeField("发送时间", null=True, blank=True)
    problem = models.CharField("发送问题", max_length=300, blank=True)

    class Meta:
        verbose_name = "告警"
        verbose_name_plural = "告警"
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind"], name="one_alert_per_kind")
        ]


class Rescan(models.Model):
    """A scheduled re-scan of one site compared with the campaign's scan of it: what is new,
    what was fixed, what is still open. The campaign's own findings are left as they are (the
    organizer decides what counts); this is what the unit and the organizer are told."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rescans", verbose_name="测评活动"
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="rescans", verbose_name="网站"
    )
    finished = models.DateTimeField("完成时间")
    pages = models.PositiveIntegerField("页面数", default=0)
    new_count = models.PositiveIntegerField("新发现的问题数", default=0)
    fixed_count = models.PositiveIntegerField("已整改的问题数", default=0)
    # The findings themselves, each list cut at campaign.monitor_rescans.KEPT_PER_LIST.
    new = models.JSONField("新发现的问题", default=list)
    fixed = models.JSONField("已整改的问题", default=list)
    still_open = models.PositiveIntegerField("仍未整改的问题数", default=0)
    # The new findings worth an alert (broken links, single-veto kinds) not alerted by an
    # earlier re-scan; none: no alert.
    alarming = models.JSONField("需告警的新问题", default=list)
    alerted = models.DateTimeField("告警时间", null=True, blank=True)
    alert_problem = models.CharField("告警发送问题", max_length=300, blank=True)

    class Meta:
        verbose_name = "复查检测"
        verbose_name_plural = "复查检测"
        ordering = ["-finished"]
        indexes = [models.Index(fields=["campaign", "site", "finished"], name="rescan_by_site")]
