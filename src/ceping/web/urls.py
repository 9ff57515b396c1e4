"""URL routes of the web app."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "ceping 政府网站测评平台"
admin.site.site_title = "ceping 测评"
admin.site.index_title = "管理"

urlpatterns = [
    path("admin/", admin.site.urls),
]
