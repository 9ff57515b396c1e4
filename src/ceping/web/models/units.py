"""Units (被测单位) and their websites."""

from __future__ import annotations

from django.db import models


class Unit(models.Model):
    code = models.CharField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=100)
    # Any category an indicator framework declares (区县, 部门网站 …): checked against the
    # campaign's framework when units are imported, so no list of categories lives here.
    category = models.CharField("类别", max_length=60)
    contact = models.CharField("联系人", max_length=200, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "被测单位"
        verbose_name_plural = "被测单位"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Site(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="sites", verbose_name="单位"
    )
    url = models.URLField("网址", max_length=500, unique=True)
    # Language versions besides Chinese, as ISO 639-1 codes ("en", "ja").
    languages = models.JSONField("外文版", default=list, blank=True)
    is_primary = models.BooleanField("主站", default=True)

    class Meta:
        verbose_name = "网站"
        verbose_name_plural = "网站"
        ordering = ["unit__code", "url"]

    def __str__(self) -> str:
        return self.url
