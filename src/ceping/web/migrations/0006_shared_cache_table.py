"""The table of the embedded default's shared cache (settings.CACHES): made with the schema, so
every way the database is set up (`ceping migrate`, `ceping serve`, the demo, the tests) has it."""

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    # Makes the table of every database-backed cache in the settings; none with Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("ceping", "0005_campaign_notice_texts")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
