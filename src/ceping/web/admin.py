"""The Django admin, in Chinese, for the organizer's direct edits."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.db.models import URLField as DbURLField
from django.http import HttpRequest

from ceping.campaign import audit
from ceping.vocabulary import KINDS, label_of
from ceping.web import models

# An address typed without a scheme is taken as https (Django 6's default, said now): the old
# default raises a deprecation warning on every form with a URL field.
URL_FIELDS = {DbURLField: {"assume_scheme": "https"}}


class ModelAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS


class SiteInline(admin.TabularInline):
    model = models.Site
    extra = 0
    formfield_overrides = URL_FIELDS


@admin.register(models.Unit)
class UnitAdmin(ModelAdmin):
    list_display = ("code", "name", "short_name", "category", "contact")
    list_filter = ("category",)
    search_fields = ("code", "name", "short_name")
    inlines = [SiteInline]


@admin.register(models.Site)
class SiteAdmin(ModelAdmin):
    list_display = ("url", "unit", "is_primary")
    search_fields = ("url", "unit__name")


@admin.register(models.Campaign)
class CampaignAdmin(ModelAdmin):
    list_display = ("name", "year", "framework_name", "status", "previous", "is_sample_data")
    list_filter = ("status", "year")
    filter_horizontal = ("units",)


@admin.register(models.ScanRun)
class ScanRunAdmin(ModelAdmin):
    list_display = ("campaign", "site", "status", "pages", "started", "finished")
    list_filter = ("campaign", "status")


class FindingKindFilter(admin.SimpleListFilter):
    """Filter by finding kind, listed by Chinese label (the stored kind is the scan JSON key)."""

    title = "类型"
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(key, kind.label) for key, kind in KINDS.items()]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[models.Finding]
    ) -> QuerySet[models.Finding]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(models.Finding)
class FindingAdmin(ModelAdmin):
    list_display = ("kind_label", "page", "status", "scan_run")
    list_filter = (FindingKindFilter, "status")
    search_fields = ("page",)

    @admin.display(description="类型", ordering="kind")
    def kind_label(self, finding: models.Finding) -> str:
        return label_of(finding.kind)


@admin.register(models.UnitResultRecord)
class UnitResultAdmin(ModelAdmin):
    list_display = ("unit", "campaign", "total", "grade", "rank")
    list_filter = ("campaign", "grade", "unit__category")


class _LabelledFilter(admin.SimpleListFilter):
    """A filter on a column of keys, each choice in words."""

    def label(self, key: str) -> str:
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        keys = models.AuditEntry.objects.values_list(self.parameter_name, flat=True).distinct()
        return sorted(((k, self.label(k)) for k in keys), key=lambda pair: pair[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class ActionFilter(_LabelledFilter):
    title, parameter_name = "操作", "action"

    def label(self, key: str) -> str:
        return audit.action_label(key)


class ModelFilter(_LabelledFilter):
    title, parameter_name = "对象类型", "model"

    def label(self, key: str) -> str:
        return audit.model_label(key)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(ModelAdmin):
    # In words: the keys the code records (publish, ceping.Campaign, published_at) are no reading.
    list_display = ("when", "who", "action_name", "model_name", "object_id", "field_name")
    list_filter = (ActionFilter, ModelFilter)
    fields = readonly_fields = (
        "when",
        "who",
        "action_name",
        "model_name",
        "object_id",
        "field_name",
        "old",
        "new",
    )

    @admin.display(description="操作")
    def action_name(self, entry: models.AuditEntry) -> str:
        return audit.action_label(entry.action)

    @admin.display(description="对象类型")
    def model_name(self, entry: models.AuditEntry) -> str:
        return audit.model_label(entry.model)

    @admin.display(description="字段")
    def field_name(self, entry: models.AuditEntry) -> str:
        return audit.field_label(entry.model, entry.field)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # the trail is append-only

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Profile)
class ProfileAdmin(ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")


@admin.register(models.ApiToken)
class ApiTokenAdmin(ModelAdmin):
    list_display = ("user", "name", "scope_names", "created", "expires")
    exclude = ("digest",)  # only the hash is stored; it tells nobody anything

    @admin.display(description="可访问范围")
    def scope_names(self, token: models.ApiToken) -> str:
        return "、".join(token.scope_labels())

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # tokens are issued on the 接口令牌 page, shown once


for model in (
    models.ExpertAssignment,
    models.ExpertScore,
    models.SurveyResponse,
    models.SurveyRefusal,
    models.PortalStat,
    models.SelfAssessment,
    models.SelfAttachment,
    models.RecheckRequest,
    models.StatisticRecord,
):
    admin.site.register(model, ModelAdmin)


@admin.register(models.MonitorPlan)
class MonitorPlanAdmin(ModelAdmin):
    """Where the organizer sets alert recipients, the webhook and the window of monitoring."""

    list_display = ("campaign", "interval_s", "window_days", "window_end", "next_round")
    readonly_fields = ("next_round", "next_rescan")


@admin.register(models.Incident)
class IncidentAdmin(ModelAdmin):
    list_display = ("site", "campaign", "started", "ended", "failures")
    list_filter = ("campaign",)
    search_fields = ("site__url", "site__unit__name")
    readonly_fields = ("campaign", "site", "started", "ended", "failures", "status", "error")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # incidents are opened by the monitor; one made by hand has no start
