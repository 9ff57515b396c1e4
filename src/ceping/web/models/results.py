"""Stored results of scoring a campaign (ceping.scoring.results, in rows)."""

from __future__ import annotations

from django.db import models

from ceping.web.models.campaigns import Campaign
from ceping.web.models.units import Unit


class UnitResultRecord(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="unit_results", verbose_name="测评活动"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="results", verbose_name="单位"
    )
    total = models.FloatField("总分")
    max = models.FloatField("满分")
    grade = models.CharField("等级", max_length=20, blank=True)
    rank = models.PositiveIntegerField("类别内排名")
    area_points = models.JSONField("分项得分", default=dict)
    vetoes = models.JSONField("否决项", default=list)
    missing = models.JSONField("缺少数据的指标", default=list)

    class Meta:
        verbose_name = "单位测评结果"
        verbose_name_plural = "单位测评结果"
        ordering = ["unit__category", "rank"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="result_once")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class IndicatorResult(models.Model):
    unit_result = models.ForeignKey(
        UnitResultRecord, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField("指标", max_length=32)
    points = models.FloatField("得分")
    max = models.FloatField("满分")
    rule = models.CharField("计分规则", max_length=300)
    inputs = models.JSONField("输入", default=dict)
    deductions = models.JSONField("扣分明细", default=list)
    missing = models.BooleanField("缺少数据", default=False)

    class Meta:
        verbose_name = "指标得分"
        verbose_name_plural = "指标得分"
        constraints = [
            models.UniqueConstraint(fields=["unit_result", "code"], name="indicator_once")
        ]


class StatisticRecord(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="statistics", verbose_name="测评活动"
    )
    key = models.CharField("统计项", max_length=60)
    category = models.CharField("类别", max_length=20, blank=True)
    area = models.CharField("指标", max_length=32, blank=True)
    value = models.FloatField("数值")
    unit = models.CharField("单位", max_length=10, blank=True)
    previous = models.FloatField("上年数值", null=True, blank=True)
    label = models.CharField("名称", max_length=200, blank=True)

    class Meta:
        verbose_name = "统计数据"
        verbose_name_plural = "统计数据"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "key", "category", "area"], name="statistic_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · 统计数据 {self.pk}"
