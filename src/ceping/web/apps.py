"""Django app configuration."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ceping.web"
    label = "ceping"
    verbose_name = "政府网站测评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Signal receivers: the audit trail of survey responses, the login throttle's counters,
        # tokens ended by a password change.
        from ceping.campaign import accounts, audit  # noqa: F401
        from ceping.web import login  # noqa: F401
