"""Machine inspection records: one run per site and campaign, and its findings."""

from __future__ import annotations

from django.db import models

from ceping.vocabulary import label_of
from ceping.web.models.campaigns import Campaign
from ceping.web.models.units import Site


class ScanStatus(models.TextChoices):
    PENDING = "pending", "等待"
    RUNNING = "running", "检测中"
    DONE = "done", "完成"
    FAILED = "failed", "失败"


class ScanRun(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="scan_runs", verbose_name="测评活动"
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="scan_runs", verbose_name="网站"
    )
    status = models.CharField(
        "状态", max_length=20, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    started = models.DateTimeField("开始", null=True, blank=True)
    finished = models.DateTimeField("结束", null=True, blank=True)
    pages = models.PositiveIntegerField("页面数", default=0)
    # The site's entry of the scan JSON (DESIGN.md §5.1) without its findings.
    summary = models.JSONField("检测摘要", default=dict, blank=True)
    # Crawler state for resuming after a crash (frontier, fetched URLs), owned by ceping.scan.
    checkpoint = models.JSONField("断点", default=dict, blank=True)

    class Meta:
        verbose_name = "机器检测"
        verbose_name_plural = "机器检测"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "site"], name="one_scan_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.site}"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待整改"
    FIXED = "fixed", "已申请复查"
    CLOSED = "closed", "复查通过"
    DISMISSED = "dismissed", "已核销（误报）"


class Finding(models.Model):
    scan_run = models.ForeignKey(
        ScanRun, on_delete=models.CASCADE, related_name="findings", verbose_name="检测"
    )
    kind = models.CharField("类型", max_length=40)
    page = models.URLField("页面", max_length=2000, blank=True)
    # A stable identity of the finding within its run (kind + page + target/text),
    # so a resumed scan stores each finding once.
    key = models.CharField("标识", max_length=64)
    data = models.JSONField("证据", default=dict)
    status = models.CharField(
        "状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "检测发现"
        verbose_name_plural = "检测发现"
        constraints = [
            models.UniqueConstraint(fields=["scan_run", "key"], name="finding_once_per_run")
        ]
        indexes = [models.Index(fields=["scan_run", "kind"])]

    def __str__(self) -> str:
        return f"{label_of(self.kind)} {self.page}"


class ScanPage(models.Model):
    """A fetched page, kept whole so that a resumed scan can replay it instead of fetching again."""

    scan_run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="scan_pages")
    url = models.CharField("网址", max_length=2000)
    url_key = models.CharField(max_length=64)  # sha256 of the URL: URLs are too long to index
    status = models.IntegerField("状态码", null=True)
    data = models.JSONField("页面")

    class Meta:
        verbose_name = "页面"
        verbose_name_plural = "页面"
        constraints = [
            models.UniqueConstraint(fields=["scan_run", "url_key"], name="page_once_per_run")
        ]


class LinkCheck(models.Model):
    """The answer for one link target, shared by every site of a campaign (checked once)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="link_checks")
    url = models.CharField("网址", max_length=2000)
    url_key = models.CharField(max_length=64)
    data = models.JSONField("结果")

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "url_key"], name="link_once_per_campaign")
        ]
