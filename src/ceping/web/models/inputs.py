"""What the people of a campaign contribute: expert scores, survey answers, portal figures,
self-checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ceping.web.models.campaigns import Campaign
from ceping.web.models.units import Unit


class ExpertAssignment(models.Model):
    """An expert assigned to review one unit's site in a campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="assignments", verbose_name="测评活动"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name="专家",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="assignments", verbose_name="单位"
    )
    submitted = models.DateTimeField("提交时间", null=True, blank=True)  # null: draft

    class Meta:
        verbose_name = "专家分配"
        verbose_name_plural = "专家分配"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "expert", "unit"], name="assign_once")
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.unit}"


class ExpertScore(models.Model):
    """An expert's points (or scale choice) on one expert indicator of the framework."""

    assignment = models.ForeignKey(
        ExpertAssignment, on_delete=models.CASCADE, related_name="scores", verbose_name="分配"
    )
    indicator = models.CharField("指标", max_length=32)
    points = models.FloatField("得分", null=True, blank=True)
    choice = models.CharField(
        "评价", max_length=10, blank=True
    )  # for items on a three-choice scale
    comment = models.TextField("意见", blank=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "专家评分"
        verbose_name_plural = "专家评分"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "indicator"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · 指标 {self.indicator}"


class SurveyResponse(models.Model):
    """One member of the public's answers about one site."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name="测评活动"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="responses", verbose_name="单位"
    )
    answers = models.JSONField("回答")  # {indicator code: choice}
    respondent = models.CharField(
        "答卷人标识", max_length=64
    )  # a keyed hash, never the raw address
    # A keyed hash of address and user agent: a cleared cookie does not make a second respondent.
    fingerprint = models.CharField("设备指纹", max_length=64, blank=True)
    # A keyed hash of the address's network (/24, or /48 for IPv6): statistics cap what one
    # network can add to a site, so a farm of devices behind one router weighs like a few people.
    network = models.CharField("网段标识", max_length=64, blank=True)
    created = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "公众测评答卷"
        verbose_name_plural = "公众测评答卷"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "respondent"], name="one_response_per_site"
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit", "fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="one_response_per_device",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · 答卷 {self.pk}"


class SurveyRefusal(models.Model):
    """Survey submissions refused, counted per campaign, reason and day (no row per attempt under a
    flood)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="refusals", verbose_name="测评活动"
    )
    reason = models.CharField("原因", max_length=20)  # see ceping.campaign.survey.REFUSALS
    day = models.DateField("日期")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "公众测评拒收记录"
        verbose_name_plural = "公众测评拒收记录"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "reason", "day"], name="refusal_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.day} · {self.count} 次"


class PortalStat(models.Model):
    """The portal office's figures for one unit (门户网站考核)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="portal_stats", verbose_name="测评活动"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="portal_stats", verbose_name="单位"
    )
    submitted = models.PositiveIntegerField("报送信息数")
    adopted = models.PositiveIntegerField("采用信息数")
    corrections_received = models.PositiveIntegerField("收到纠错数", default=0)
    corrections_handled = models.PositiveIntegerField("按时处理纠错数", default=0)
    mailbox_cases = models.PositiveIntegerField("领导信箱反馈案例数", default=0)

    class Meta:
        verbose_name = "门户网站考核数据"
        verbose_name_plural = "门户网站考核数据"
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="portal_once")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class SelfAssessment(models.Model):
    """A unit's self-inspection material on one self-assessed indicator, and the verified points."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="self_assessments", verbose_name="测评活动"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="self_assessments", verbose_name="单位"
    )
    indicator = models.CharField("指标", max_length=32)
    material = models.TextField("自查材料", blank=True)
    attachment = models.FileField("附件", upload_to="self-checks/%Y/", blank=True)
    verified_points = models.FloatField("核定得分", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="核定人",
    )
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "单位自查"
        verbose_name_plural = "单位自查"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "indicator"], name="self_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit} · 指标 {self.indicator}"


class SelfAttachment(models.Model):
    """A file a unit attached to its self-inspection material (type and size checked on upload)."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="self-checks/%Y/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "自查附件"
        verbose_name_plural = "自查附件"

    def __str__(self) -> str:
        return self.name


class RecheckStatus(models.TextChoices):
    REQUESTED = "requested", "已申请复查"
    CLOSED = "closed", "复查通过"
    STILL_OPEN = "still_open", "仍未整改"
    PENDING_SCAN = "pending_scan", "待下次全面检测确认"


class RecheckRequest(models.Model):
    """A unit's request to re-check a finding it fixed, and what the re-check found."""

    finding = models.ForeignKey("ceping.Finding", on_delete=models.CASCADE, related_name="rechecks")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    requested = models.DateTimeField("申请时间", auto_now_add=True)
    note = models.TextField("整改说明", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=RecheckStatus.choices, default=RecheckStatus.REQUESTED
    )
    checked = models.DateTimeField("复查时间", null=True, blank=True)
    http_status = models.PositiveIntegerField("复查状态码", null=True, blank=True)

    class Meta:
        verbose_name = "复查申请"
        verbose_name_plural = "复查申请"
        ordering = ["-requested"]

    def __str__(self) -> str:
        return f"{self.finding} · {self.get_status_display()}"
