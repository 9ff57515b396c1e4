"""A deduction's finding told in words, so a unit knows exactly what to fix (untrusted text
cleaned)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ceping.report.text import clean
from ceping.vocabulary import evidence_items

MAX_FIELD = 300  # a hostile page can put megabytes in a context; a report needs a line


def _short(text: str) -> str:
    value = clean(text)
    return value if len(value) <= MAX_FIELD else value[: MAX_FIELD - 1] + "…"


def describe(finding: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of a finding's evidence, labelled as everywhere (ceping.vocabulary)."""
    return [(label, _short(value)) for label, value in evidence_items(finding)]
