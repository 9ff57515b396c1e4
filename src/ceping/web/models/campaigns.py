"""Campaigns (测评活动): which units, scored with which framework snapshot."""

from __future__ import annotations

from django.db import models

from ceping.web.models.units import Unit


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "准备中"
    SCANNING = "scanning", "机器检测中"
    REVIEWING = "reviewing", "专家和公众测评中"
    SCORED = "scored", "已计分"
    PUBLISHED = "published", "已通报"


class Campaign(models.Model):
    name = models.CharField("名称", max_length=200, unique=True)
    year = models.PositiveIntegerField("年度")
    framework_name = models.CharField("指标体系", max_length=200)
    # The framework YAML exactly as it was when the campaign was set up: scores stay
    # reproducible whatever happens to the shipped file later.
    framework_yaml = models.TextField("指标体系快照")
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next",
        verbose_name="上一年度",
    )
    status = models.CharField(
        "状态", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    units = models.ManyToManyField(
        Unit, related_name="campaigns", verbose_name="被测单位", blank=True
    )
    is_sample_data = models.BooleanField("示例数据", default=False)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    # What the organizer writes into the notice: 版头 and 版记 elements, the deadline, and the
    # paragraphs the template leaves to them (::text); name -> text (campaign.notice_texts).
    notice_texts = models.JSONField("通报填写内容", default=dict, blank=True)
    # The organizer's dates (campaign/deadlines.py): self-inspection material is taken until the
    # first, re-check requests until the second; the day itself is still open. None: no limit.
    self_check_deadline = models.DateField("自查材料截止日期", null=True, blank=True)
    rectify_deadline = models.DateField("整改截止日期", null=True, blank=True)
    # When the organizer published the results to the units (None: units do not see them yet).
    # A new scoring withdraws it: units see only results the organizer has looked at.
    published_at = models.DateTimeField("结果发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "测评活动"
        verbose_name_plural = "测评活动"
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
