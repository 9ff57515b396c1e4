"""Suspect typos, reviewed by a person: confirmed ones cost points, dismissed ones never count.

The scanner marks a typo `suspect` when it is a guess (DESIGN §5.1); scoring leaves a suspect
out until it is confirmed (`ceping.scoring.machine.counts`). The review travels as a sheet the
organizer fills in (`ceping typo review`), one row per suspect.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from ceping.campaign import audit
from ceping.campaign.tables import read_table
from ceping.errors import ImportRowsError, Problem, at, quoted
from ceping.web.models import Campaign, Finding, FindingStatus

CONFIRM = "确认"
DISMISS = "误报"
UNDECIDED = ""
COLUMNS = {
    "编号": "id", "单位": "unit", "页面": "page", "错误文字": "text", "建议改为": "suggestion",
    "上下文": "context", "可信度": "confidence", "结论": "verdict",
}  # fmt: skip
HEADERS = tuple(COLUMNS)


@dataclass(frozen=True)
class ReviewSummary:
    confirmed: int
    dismissed: int
    undecided: int


def suspects(campaign: Campaign) -> list[Finding]:
    """The campaign's suspect typos still open, by unit and page."""
    findings = Finding.objects.filter(
        scan_run__campaign=campaign, kind="typo", status=FindingStatus.OPEN
    ).select_related("scan_run__site__unit")
    found = [f for f in findings if isinstance(f.data, dict) and f.data.get("suspect")]
    return sorted(found, key=lambda f: (f.scan_run.site.unit.code, f.page, f.pk))


def typo_pair(data: Mapping[str, Any]) -> tuple[str, str]:
    """What a reviewer's verdict is about: the words as written and the correction offered."""
    return str(data.get("text", "")), str(data.get("suggestion", ""))


def dismissed_typos(campaign: Campaign) -> frozenset[tuple[str, str]]:
    """The campaign's whitelist: every typo its reviewers dismissed, as (text, suggestion)."""
    dismissed = Finding.objects.filter(
        scan_run__campaign=campaign, kind="typo", status=FindingStatus.DISMISSED
    ).values_list("data", flat=True)
    return frozenset(typo_pair(data) for data in dismissed if isinstance(data, dict))


@dataclass(frozen=True)
class SuspectGroup:
    """One suspect as a reviewer judges it: the same words flagged on one page or on many."""

    text: str
    suggestion: str
    findings: tuple[Finding, ...]

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.scan_run.site.unit.short_name for f in self.findings))


def suspect_groups(campaign: Campaign) -> list[SuspectGroup]:
    """The open suspects grouped by (text, suggestion), the most widespread first."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in suspects(campaign):
        groups.setdefault(typo_pair(finding.data), []).append(finding)
    return sorted(
        (
            SuspectGroup(text, suggestion, tuple(found))
            for (text, suggestion), found in groups.items()
        ),
        key=lambda g: (-len(g.findings), g.text),
    )


def decide(campaign: Campaign, text: str, suggestion: str, verdict: str, who: Any) -> ReviewSummary:
    """One verdict on every open suspect of these words in the campaign (确认 or 误报)."""
    if verdict not in (CONFIRM, DISMISS):
        raise ValueError(f"unknown verdict {verdict!r}")
    found = {f.pk: f for f in suspects(campaign) if typo_pair(f.data) == (text, suggestion)}
    return _apply(found, dict.fromkeys(found, verdict), who)


def _verdict(finding: Finding) -> str:
    return CONFIRM if finding.data.get("confirmed") is True else UNDECIDED


def write_review_sheet(campaign: Campaign, path: Path) -> int:
    """Write the suspects as a CSV (UTF-8 with BOM, so that Excel and WPS open it); their count."""
    rows = suspects(campaign)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for f in rows:
            data = f.data
            writer.writerow(
                [f.pk, f.scan_run.site.unit.short_name, f.page, data.get("text", ""),
                 data.get("suggestion", ""), data.get("context", ""),
                 data.get("confidence", ""), _verdict(f)]
            )  # fmt: skip
    return len(rows)


def apply_review_sheet(campaign: Campaign, path: Path, who: Any = None) -> ReviewSummary:
    """Read a filled-in sheet: 确认 makes a suspect count, 误报 dismisses it, blank leaves it.

    Every row is checked first (an id of this campaign's open suspects, a known verdict); a
    sheet with any bad row changes nothing.
    """
    source = path.name
    rows = read_table(path, COLUMNS, {"id", "verdict"})
    open_suspects = {f.pk: f for f in suspects(campaign)}
    problems: list[Problem] = []
    verdicts: dict[int, str] = {}
    for row in rows:
        text, verdict = row.values.get("id", ""), row.values.get("verdict", "")
        where = at(row.number)
        if not text.isdigit() or int(text) not in open_suspects:
            problems.append(
                Problem(source, where, "编号", f"不是本次测评待核实的疑似错别字：{quoted(text)}")
            )
        elif verdict not in (CONFIRM, DISMISS, UNDECIDED):
            problems.append(
                Problem(
                    source,
                    where,
                    "结论",
                    f"应填“{CONFIRM}”“{DISMISS}”或留空，不是 {quoted(verdict)}",
                )
            )
        else:
            verdicts[int(text)] = verdict
    if problems:
        raise ImportRowsError(problems)
    return _apply(open_suspects, verdicts, who)


def _apply(
    open_suspects: Mapping[int, Finding], verdicts: Mapping[int, str], who: Any
) -> ReviewSummary:
    confirmed = dismissed = 0
    with transaction.atomic():
        for pk, verdict in verdicts.items():
            finding = open_suspects[pk]
            if verdict == CONFIRM and finding.data.get("confirmed") is not True:
                finding.data = {**finding.data, "confirmed": True}
                finding.save(update_fields=["data", "updated"])
                audit.record(who, "typo_confirm", finding, "confirmed", False, True)
            elif verdict == DISMISS:
                audit.record(who, "typo_dismiss", finding, "status", finding.status,
                             FindingStatus.DISMISSED)  # fmt: skip
                finding.status = FindingStatus.DISMISSED
                finding.save(update_fields=["status", "updated"])
            confirmed += verdict == CONFIRM
            dismissed += verdict == DISMISS
    return ReviewSummary(confirmed, dismissed, len(verdicts) - confirmed - dismissed)
