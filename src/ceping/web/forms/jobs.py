"""The organizer's forms that start jobs: a new campaign, a table to import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from ceping.framework import DEFAULT_FRAMEWORK, parse_framework, shipped_frameworks
from ceping.framework import framework_file as shipped_file
from ceping.web.models import Campaign


def _framework_choices() -> list[tuple[str, str]]:
    """Shipped frameworks only: a form never names a file on the server."""
    choices = []
    for name in shipped_frameworks():
        text = shipped_file(name).read_text(encoding="utf-8")
        choices.append((name, parse_framework(text, source=name).name))
    return choices


class CampaignForm(forms.Form):
    name = forms.CharField(label="名称", max_length=200, help_text="如“2013年度政府网站测评”")
    year = forms.IntegerField(label="测评年度", min_value=2000, max_value=2100)
    framework = forms.ChoiceField(label="指标体系", initial=DEFAULT_FRAMEWORK)
    previous = forms.ModelChoiceField(
        label="上一年度测评活动",
        queryset=Campaign.objects.all(),
        required=False,
        empty_label="（无）",
        help_text="用于计算同比变化",
    )
    table = forms.FileField(
        label="单位表（可不选）",
        required=False,
        help_text="列：单位代码、单位名称、简称、类别、网站地址（.xlsx 或 .csv）。"
        "选了则活动只含表中单位；不选则含已有的、类别属于该指标体系的全部单位。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = _framework_choices()
        self.fields["year"].initial = timezone.localdate().year

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Campaign.objects.filter(name=name).exists():
            raise forms.ValidationError("已有同名的测评活动")
        return name


class TableForm(forms.Form):
    table = forms.FileField(label="表格文件（.xlsx 或 .csv）")
