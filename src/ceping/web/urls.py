"""URL routes of the web app (pages in Chinese; the JSON API under /api/)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from ceping.web.api import api
from ceping.web.views import (
    accounts,
    controls,
    dashboard,
    deadlines,
    experts,
    explorer,
    monitoring,
    notice,
    organizer,
    portal,
    selfcheck,
    survey,
    typos,
    units,
)
from ceping.web.views.common import IdConverter

register_converter(IdConverter, "id")

admin.site.site_header = "ceping 政府网站测评平台"
admin.site.site_title = "ceping 测评"
admin.site.index_title = "管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", accounts.home, name="home"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/api-token/", accounts.api_token, name="api-token"),
    # experts
    path("expert/", experts.home, name="expert-home"),
    path("expert/assignments/<id:pk>/", experts.assignment, name="expert-assignment"),
    # organizer
    path("organizer/", organizer.home, name="organizer-home"),
    path("organizer/accounts/", accounts.organizer_accounts, name="organizer-accounts"),
    path(
        "organizer/campaigns/<id:pk>/assignments/",
        organizer.assignments,
        name="organizer-assignments",
    ),
    path(
        "organizer/campaigns/<id:pk>/expert-results/",
        organizer.expert_results,
        name="organizer-expert-results",
    ),
    path("organizer/campaigns/<id:pk>/survey/", survey.stats, name="organizer-survey"),
    path("organizer/campaigns/<id:pk>/portal/", portal.portal, name="organizer-portal"),
    path("organizer/campaigns/<id:pk>/typos/", typos.review, name="organizer-typos"),
    path("organizer/campaigns/<id:pk>/notice/", notice.fill_in, name="organizer-notice"),
    # the organizer's lifecycle controls: background jobs with live progress
    path("organizer/campaigns/new/", controls.new_campaign, name="organizer-new-campaign"),
    path("organizer/campaigns/new/jobs.json", controls.new_campaign_jobs, name="new-campaign-jobs"),
    path("organizer/campaigns/<id:pk>/controls/", controls.controls, name="organizer-controls"),
    path("organizer/campaigns/<id:pk>/jobs.json", controls.campaign_jobs, name="campaign-jobs"),
    path("organizer/jobs/<id:job_pk>/stop/", controls.stop_job, name="job-stop"),
    # the organizer's dashboard
    path("dashboard/campaigns/<id:pk>/", dashboard.overview, name="dash-overview"),
    path("dashboard/campaigns/<id:pk>/counts.json", dashboard.counts, name="dash-counts"),
    path("dashboard/campaigns/<id:pk>/results/", dashboard.results, name="dash-results"),
    path("dashboard/campaigns/<id:pk>/findings/", explorer.findings, name="dash-findings"),
    path(
        "dashboard/campaigns/<id:pk>/findings.xlsx",
        explorer.findings_export,
        name="dash-findings-export",
    ),
    path("dashboard/campaigns/<id:pk>/units/<str:code>/", dashboard.unit, name="dash-unit"),
    path("dashboard/campaigns/<id:pk>/reports/", dashboard.downloads, name="dash-downloads"),
    path("dashboard/campaigns/<id:pk>/monitoring/", monitoring.overview, name="dash-monitor"),
    path(
        "dashboard/campaigns/<id:pk>/reports/<path:path>", dashboard.download, name="dash-download"
    ),
    path("organizer/campaigns/<id:pk>/self-check/", selfcheck.review, name="organizer-self-check"),
    path("files/self-check/<id:pk>/", selfcheck.attachment, name="self-attachment"),
    # the public
    path("survey/<id:pk>/", survey.page, name="survey"),
    path("survey/<id:pk>/thanks/", survey.thanks, name="survey-thanks"),
    # units
    path("unit/", units.home, name="unit-home"),
    path("unit/campaigns/<id:pk>/self-check/", units.material, name="unit-material"),
    # the unit's workspace and the organizer's accounts and deadlines (task E)
    path("unit/report/", units.report, name="unit-report"),
    path("organizer/campaigns/<id:pk>/deadlines/", deadlines.deadlines, name="organizer-deadlines"),
    path("api/", api.urls),
]
