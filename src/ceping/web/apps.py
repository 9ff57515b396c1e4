"""Django app configuration."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ceping.web"
    label = "ceping"
    verbose_name = "政府网站测评"
    default_auto_field = "django.db.models.BigAutoField"
