"""Findings stored before identity left out measured values get today's key, merging the rows
that turn out the same.

Until finding identity left out what a run measures (ms, days, status, …; `MEASURED_FIELDS`),
a finding's key hashed every field. Rows stored then carry such keys: a rerun of their campaign
computes the new key, misses the old row and stores the same defect again. This re-keys those
rows once and, where a rerun already stored the duplicate, keeps one row: the one a person acted
on (its status, its re-check requests), else the one a rerun matches, else the oldest. Only the
core (the scanner's key) is imported, never the app's models: the historical ones are passed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations, transaction

from ceping.scan.codec import finding_key
from ceping.scan.models import MEASURED_FIELDS, Finding

OPEN = "open"  # FindingStatus.OPEN: nobody has acted on the finding yet


def finding_from_data(data: dict[str, Any]) -> Finding:
    """The scanner's finding back from its stored JSON (`Finding.to_json`)."""
    values = dict(data)
    kind = values.pop("kind")
    page = values.pop("page", "")
    return Finding(kind, page, tuple(sorted(values.items())))


def rekey_findings(finding_model: Any, recheck_model: Any) -> int:
    """Re-key every stored finding whose key is not today's; returns the rows changed or merged.

    Takes the model classes so that a migration can pass its historical ones.
    """
    # Only a finding with a measured field can have had a different key.
    candidates = finding_model.objects.filter(data__has_any_keys=sorted(MEASURED_FIELDS))
    stale: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, run, key, data in candidates.values_list("pk", "scan_run_id", "key", "data").iterator(
        chunk_size=2000
    ):
        new = finding_key(finding_from_data(data))
        if new != key:
            stale[run][new].append(pk)
    changed = 0
    for run, groups in stale.items():
        with transaction.atomic():
            changed += _rekey_run(finding_model, recheck_model, run, groups)
    return changed


def _rekey_run(
    finding_model: Any, recheck_model: Any, run: int, groups: dict[str, list[int]]
) -> int:
    holders = dict(
        finding_model.objects.filter(scan_run_id=run, key__in=list(groups)).values_list("key", "pk")
    )
    changed = 0
    for new_key, pks in groups.items():
        same = sorted({*pks, *([holders[new_key]] if new_key in holders else [])})
        keeper = _keeper(finding_model, recheck_model, same, holders.get(new_key))
        others = [pk for pk in same if pk != keeper]
        recheck_model.objects.filter(finding_id__in=others).update(finding_id=keeper)
        finding_model.objects.filter(pk__in=others).delete()
        finding_model.objects.filter(pk=keeper).update(key=new_key)
        changed += len(pks)
    return changed


def _keeper(finding_model: Any, recheck_model: Any, pks: list[int], holder: int | None) -> int:
    """The row to keep: the first a person acted on, else the one holding the new key, else the
    oldest."""
    acted = set(
        finding_model.objects.filter(pk__in=pks).exclude(status=OPEN).values_list("pk", flat=True)
    )
    acted |= set(
        recheck_model.objects.filter(finding_id__in=pks).values_list("finding_id", flat=True)
    )
    if acted:
        return min(acted)
    return holder if holder is not None else min(pks)


def rekey(apps, schema_editor):  # type: ignore[no-untyped-def]
    rekey_findings(apps.get_model("ceping", "Finding"), apps.get_model("ceping", "RecheckRequest"))


class Migration(migrations.Migration):
    dependencies = [
        ("ceping", "0010_api_token_scopes"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
