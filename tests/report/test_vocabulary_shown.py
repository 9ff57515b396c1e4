"""The notice, the unit reports and the score tables name findings in Chinese, never by their
keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ceping.framework import Rule, RuleKind
from ceping.report.charts import unit_areas
from ceping.report.unit_report import write_unit_report
from ceping.scoring.results import CampaignResults
from ceping.scoring.rules import apply_deduct
from ceping.vocabulary import KINDS, OTHER_KIND, label_of
from tests.vocabulary_words import (
    UNKNOWN_KIND,
    docx_text,
    english_keys,
    sample_finding,
    visible_text,
    xlsx_text,
)


def _shown(path: Path) -> str:
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".xlsx":
        return xlsx_text(path)
    return visible_text(path.read_text(encoding="utf-8"))


def test_written_files_show_no_finding_kind_by_its_key(report: tuple[Path, list[Path]]) -> None:
    files = [p for p in report[1] if p.suffix in (".docx", ".xlsx", ".html")]
    assert {p.name for p in files} >= {"notice.docx", "notice.html", "scores.xlsx", "QX09.docx"}
    shown = {p.relative_to(report[0]).as_posix(): _shown(p) for p in files}
    assert {name: keys for name, text in shown.items() if (keys := english_keys(text))} == {}
    # The rebuilt units' deductions name their findings, so the check above had something to read.
    assert "错链断链" in shown["units/QX09.docx"] and "上下文：" in shown["units/QX09.docx"]


def test_a_unit_report_names_every_kind_and_its_evidence_in_chinese(
    results: CampaignResults, tmp_path: Path
) -> None:
    """QX01 loses points for a finding of every kind (and one unknown kind), reasons as scored."""
    unit = next(u for u in results.units if u.code == "QX01")
    site = "https://www.shhuangpu.gov.cn/"
    deductions = tuple(
        d
        for n, kind in enumerate([*KINDS, UNKNOWN_KIND])
        for d in apply_deduct(
            Rule(kind=RuleKind.DEDUCT, findings=(kind,), per=0.1),
            5,
            [sample_finding(kind, site, n)],
        ).deductions
    )
    scores = tuple(
        dataclasses.replace(s, deductions=deductions) if s.code == "A2.6" else s
        for s in unit.scores
    )
    unit = dataclasses.replace(unit, scores=scores)
    results = dataclasses.replace(
        results, units=tuple(unit if u.code == "QX01" else u for u in results.units)
    )
    path = write_unit_report(results, unit, unit_areas(results, unit), tmp_path / "QX01.docx")
    text = docx_text(path)
    assert english_keys(text) == []
    assert all(f"{label_of(kind)}，每处扣 0.1 分" in text for kind in KINDS)
    assert f"{OTHER_KIND}，每处扣 0.1 分" in text
    assert "缺少的功能：站内搜索" in text and "缺少的标识：网站标识码" in text
