"""API tokens get scopes and an expiry. Tokens issued before keep every scope (they could read
everything) and expire 90 days after they were made, as a new token would."""

from datetime import timedelta

from django.db import migrations, models

import ceping.web.models.accounts

ALL_SCOPES = ["experts", "findings", "results", "survey", "units"]


def scope_and_date_old_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    token_model = apps.get_model("ceping", "ApiToken")
    for token in token_model.objects.all():
        token.scopes = ALL_SCOPES
        token.expires = token.created + timedelta(days=90)
        token.save(update_fields=["scopes", "expires"])


class Migration(migrations.Migration):
    dependencies = [
        ("ceping", "0009_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(
                default=ceping.web.models.accounts.default_expiry, verbose_name="到期时间"
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=list, verbose_name="可访问范围"),
        ),
        migrations.RunPython(scope_and_date_old_tokens, migrations.RunPython.noop),
    ]
