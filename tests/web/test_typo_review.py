"""Suspect typos cost points only once a person confirms them; a dismissed one never counts."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ceping.campaign.scans import DatabaseSink
from ceping.campaign.scoring import score_and_store
from ceping.campaign.typos import (
    DISMISS,
    apply_review_sheet,
    decide,
    suspects,
    write_review_sheet,
)
from ceping.errors import ImportRowsError
from ceping.scan.models import Finding as ScanFinding
from ceping.web.models import AuditEntry, Campaign, Finding, FindingStatus, IndicatorResult, Unit
from ceping.web.views.typos import GROUPS_PER_PAGE
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def typo(run: Any, text: str, suspect: bool) -> Finding:
    page = f"{run.site.url}news/{text}.html"
    data = {"kind": "typo", "page": page, "text": text, "suggestion": "国务院",
            "context": f"<b>传达</b>{text}会议", "confidence": 0.9 if suspect else 1.0,
            "suspect": suspect}  # fmt: skip
    return Finding.objects.create(scan_run=run, kind="typo", page=page, key=text, data=data)


def typo_points(campaign: Campaign, code: str) -> float:
    score_and_store(campaign)
    return IndicatorResult.objects.get(
        unit_result__campaign=campaign, unit_result__unit__code=code, code="A2.7"
    ).points


def review(tmp_path: Path, campaign: Campaign, verdicts: dict[str, str]) -> Path:
    sheet = tmp_path / "review.csv"
    write_review_sheet(campaign, sheet)
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        row[-1] = verdicts.get(row[3], row[-1])
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return sheet


def test_a_suspect_counts_once_confirmed_and_never_once_dismissed(
    tmp_path: Path, campaign: Campaign, units: list[Unit], findings: dict[str, list[Finding]]
) -> None:
    run = findings["QX01"][0].scan_run
    run.summary = {"reachable": True, "pages": 3}
    run.finished = timezone.now()
    run.save()
    sure, guess, wrong = (
        typo(run, "国务完", False),
        typo(run, "国务阮", True),
        typo(run, "国务远", True),
    )
    # The sure one costs its 0.5 (out of 2); the two guesses nothing yet.
    assert typo_points(campaign, "QX01") == 1.5

    sheet = review(tmp_path, campaign, {"国务阮": "确认", "国务远": "误报"})
    with sheet.open(encoding="utf-8-sig") as handle:
        assert sorted(r[3] for r in list(csv.reader(handle))[1:]) == ["国务远", "国务阮"]
    summary = apply_review_sheet(campaign, sheet)
    assert (summary.confirmed, summary.dismissed, summary.undecided) == (1, 1, 0)
    guess.refresh_from_db()
    wrong.refresh_from_db()
    assert guess.data["confirmed"] is True and wrong.status == FindingStatus.DISMISSED
    assert typo_points(campaign, "QX01") == 1.0  # the confirmed guess now costs its 0.5 too
    assert AuditEntry.objects.filter(action__in=("typo_confirm", "typo_dismiss")).count() == 2
    sure.refresh_from_db()
    assert sure.status == FindingStatus.OPEN and "confirmed" not in sure.data


def test_a_bad_sheet_names_its_row_and_changes_nothing(
    tmp_path: Path, campaign: Campaign, findings: dict[str, list[Finding]]
) -> None:
    run = findings["QX01"][0].scan_run
    guess = typo(run, "国务阮", True)
    sheet = review(tmp_path, campaign, {"国务阮": "可能"})
    with pytest.raises(ImportRowsError) as caught:
        apply_review_sheet(campaign, sheet)
    assert [str(p) for p in caught.value.problems] == [
        "review.csv，第 2 行，结论：应填“确认”“误报”或留空，不是 “可能”"
    ]
    sheet.write_text(f"编号,结论\n{findings['QX01'][0].pk},确认\n", encoding="utf-8")
    with pytest.raises(ImportRowsError, match="不是本次测评待核实的疑似错别字"):
        apply_review_sheet(campaign, sheet)  # a finding that is no suspect cannot be confirmed
    guess.refresh_from_db()
    assert guess.status == FindingStatus.OPEN and "confirmed" not in guess.data


def test_the_command_exports_and_reads_back_the_sheet(
    tmp_path: Path, campaign: Campaign, findings: dict[str, list[Finding]], capsys: Any
) -> None:
    from ceping.cli import main

    guess = typo(findings["QX01"][0].scan_run, "国务阮", True)
    sheet = tmp_path / "review.csv"
    assert main(["typo", "review", campaign.name, "--export", str(sheet)]) == 0
    assert "1 条疑似错别字写入" in capsys.readouterr().out
    filled = review(tmp_path, campaign, {"国务阮": "确认"})
    assert main(["typo", "review", campaign.name, "--apply", str(filled)]) == 0
    assert "确认 1 条，核销 0 条，待定 0 条" in capsys.readouterr().out
    guess.refresh_from_db()
    assert guess.data["confirmed"] is True


def test_the_organizer_judges_a_suspect_once_for_all_its_pages(
    campaign: Campaign, organizer: Any, unit_user: Any, findings: dict[str, list[Finding]]
) -> None:
    run = findings["QX01"][0].scan_run
    first = typo(run, "国务阮", True)
    second = Finding.objects.create(
        scan_run=run, kind="typo", page=f"{run.site.url}other.html", key="again",
        data={**first.data, "page": f"{run.site.url}other.html"},
    )  # fmt: skip
    pages = [first, second]
    other = typo(run, "国务远", True)
    page = reverse("organizer-typos", args=[campaign.pk])
    assert client_for(unit_user).get(page).status_code == 403
    shown = client_for(organizer).get(page).content.decode()
    assert "“国务阮” → 建议改为“国务院”" in shown and "出现 2 处" in shown
    assert "&lt;b&gt;传达&lt;/b&gt;<mark>国务阮</mark>会议" in shown  # scanned text stays text

    answer = client_for(organizer).post(
        page, {"text": "国务阮", "suggestion": "国务院", "verdict": "误报"}
    )
    assert answer.status_code == 302
    for f in pages:
        f.refresh_from_db()
        assert f.status == FindingStatus.DISMISSED
    other.refresh_from_db()
    assert other.status == FindingStatus.OPEN  # other words wait for their own verdict
    shown = client_for(organizer).get(page).content.decode()
    assert "出现 2 处" not in shown and "国务阮（非“国务院”）" in shown  # now on the whitelist

    client_for(organizer).post(page, {"text": "国务远", "suggestion": "国务院", "verdict": "确认"})
    other.refresh_from_db()
    assert other.data["confirmed"] is True and other.status == FindingStatus.OPEN
    bad = client_for(organizer).post(page, {"text": "国务远", "suggestion": "", "verdict": "也许"})
    assert bad.status_code == 400


@pytest.mark.django_db(transaction=True)  # the scan's writer thread has its own connection
def test_a_dismissed_suspect_never_comes_back_in_a_later_scan(
    campaign: Campaign, findings: dict[str, list[Finding]]
) -> None:
    run = findings["QX01"][0].scan_run
    decide_later = typo(run, "国务阮", True)
    decide(campaign, "国务阮", "国务院", DISMISS, who=None)
    decide_later.refresh_from_db()
    assert decide_later.status == FindingStatus.DISMISSED

    sink = DatabaseSink(campaign, {run.site.url: run})
    for page, text in (("new.html", "国务阮"), ("new.html", "国务远")):
        sink.finding(
            run.site.url,
            ScanFinding.make(
                "typo", page=f"{run.site.url}{page}", text=text, suggestion="国务院", suspect=True
            ),
        )
    sink.close()
    later = {
        f.data["text"]: f.status
        for f in Finding.objects.filter(scan_run=run, page=f"{run.site.url}new.html")
    }
    assert later == {"国务阮": FindingStatus.DISMISSED, "国务远": FindingStatus.OPEN}
    assert [s.data["text"] for s in suspects(campaign)] == ["国务远"]


def test_every_suspect_is_reached_in_the_browser_page_by_page(
    campaign: Campaign, organizer: Any, findings: dict[str, list[Finding]]
) -> None:
    run = findings["QX01"][0].scan_run
    words = [f"国务{chr(0x4E00 + i)}" for i in range(GROUPS_PER_PAGE + 3)]
    for word in words:
        typo(run, word, True)
    page = reverse("organizer-typos", args=[campaign.pk])
    client = client_for(organizer)
    first = client.get(page).content.decode()
    assert f"待核实 <b>{len(words)}</b> 组" in first and "第 1/2 页" in first
    assert "ceping typo review" not in first  # nothing left to a command line
    second = client.get(page, {"page": 2}).content.decode()
    on_second = [w for w in words if f"<h2>“{w}”" in second]
    assert len(on_second) == 3
    # A verdict given on page 2 comes back to page 2, which then holds what is left there.
    answer = client.post(
        page, {"text": on_second[0], "suggestion": "国务院", "verdict": DISMISS, "page": "2"}
    )
    assert answer["Location"].endswith("?page=2")
    after = client.get(answer["Location"]).content.decode()
    assert f"待核实 <b>{len(words) - 1}</b> 组" in after
    assert sum(f"<h2>“{w}”" in after for w in words) == 2
