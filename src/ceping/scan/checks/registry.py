"""The checks of a scan, in the order they run: an explicit list, no dotted strings."""

from __future__ import annotations

from ceping.scan.checks import (
    accessible_mode,
    alt_text,
    columns,
    english,
    guides,
    hidden_links,
    home,
    hsts,
    https,
    ipv6,
    lang,
    messages,
    mixed,
    search,
    sections,
    sensitive_words,
    site_markers,
    speed,
    tls,
    typo,
    viewport,
)
from ceping.scan.checks.base import Check
from ceping.scan.config import ScanConfig

# Broken links and reachability are made by the crawler itself: they need every page's answer.
CHECKS: tuple[Check, ...] = (
    speed.CHECK,
    columns.CHECK,
    home.CHECK,
    messages.CHECK,
    typo.CHECK,
    sections.CHECK,
    search.CHECK,
    english.CHECK,
    https.CHECK,
    # After https: they reuse its answer of the https:// home (checks/https.https_answer).
    hsts.CHECK,
    tls.CHECK,
    mixed.CHECK,
    ipv6.CHECK,
    guides.CHECK,
    site_markers.CHECK,
    hidden_links.CHECK,
    sensitive_words.CHECK,
    viewport.CHECK,
    alt_text.CHECK,
    accessible_mode.CHECK,
    lang.CHECK,
)


def enabled_checks(config: ScanConfig, checks: tuple[Check, ...] = CHECKS) -> tuple[Check, ...]:
    return tuple(c for c in checks if c.enabled(config))
