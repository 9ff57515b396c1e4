"""No sentence of a unit report is contradicted by its figures: every unit of the rebuilt
campaign, every lost point explained, the sums as printed, a veto told with its effect."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import docx

from ceping.report import write_campaign_report
from ceping.report.charts import unit_areas
from ceping.report.text import number, points
from ceping.report.unit_report import DEFAULT_DEADLINE, SAMPLE_NOTE, Issuing, write_unit_report
from ceping.scoring.results import CampaignResults, UnitResult

AMOUNT = re.compile(r"扣(\d+(?:\.\d+)?)分")
LOSS_HEADER = ["代码", "指标", "扣分", "失分原因"]
EVIDENCE_HEADER = ["序号", "扣分", "问题与证据"]


def _rows(document: docx.document.Document, header: list[str]) -> list[list[list[str]]]:
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return [table for table in tables if table[0] == header]


def _lost(unit: UnitResult) -> dict[str, float]:
    lost = {s.code: round(s.max - s.points, 2) for s in unit.scores}
    return {code: value for code, value in lost.items() if value > 0}


def check_figures(
    path: Path,
    results: CampaignResults,
    unit: UnitResult,
    issuing: Issuing,
    previous: CampaignResults | None = None,
) -> None:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    body = "\n".join(texts)
    if previous is not None:  # last year's figures, and the change, as the scores have them
        before = next(u for u in previous.units if u.code == unit.code)
        said = next(t for t in texts if t.startswith(previous.campaign))
        assert f"本单位得{points(before.total)}分（满分{number(before.max)}分）" in said
        assert f"排名第{before.rank}位" in said
        change = round(unit.total - before.total, 2)
        word = "上升" if change > 0 else "下降"
        assert (f"{word}{points(abs(change))}分" if change else "与上年持平") in said, said
    summary = next(t for t in texts if f"（{unit.code}）" in t)
    assert f"得{points(unit.total)}分（满分{number(unit.max)}分）" in summary
    assert (SAMPLE_NOTE in texts) == results.is_sample_data
    assert "不是正式通报" not in body  # the notice's disclaimer, not a unit report's

    leaf_sum = sum(s.points for s in unit.scores)
    if unit.vetoes:
        assert f"各项指标得分合计{points(leaf_sum)}分，总分计为{points(unit.total)}分。" in body
    else:  # a total below the leaf points would be a loss nobody explains
        assert abs(leaf_sum - unit.total) < 0.011

    lost = _lost(unit)
    losses = _rows(document, LOSS_HEADER)
    if not lost:
        assert "本单位各项指标均得满分。" in texts
        assert not losses
    else:
        assert not any(word in body for word in ("均得满分", "无扣分", "无失分"))
        assert f"共失{points(unit.max - leaf_sum)}分，涉及{len(lost)}项指标" in body
        [table] = losses
        rows = {row[0]: row for row in table[1:-1]}
        assert set(rows) == set(lost)  # every indicator that lost points, and no other
        for code, row in rows.items():
            assert row[2] == points(lost[code]), (unit.code, code)
            parts = [float(x) for x in AMOUNT.findall(row[3])]
            assert parts and all(x > 0 for x in parts), (unit.code, code, row[3])
            assert abs(sum(parts) - lost[code]) < 1e-6, (unit.code, code, row[3])
        assert table[-1][1:3] == ["合计", points(sum(lost.values()))]
        assert f"{issuing.deadline}。" in body

    # Every machine deduction is listed with its evidence, once.
    deductions = [d for s in unit.scores for d in s.deductions]
    listed = [row for table in _rows(document, EVIDENCE_HEADER) for row in table[1:]]
    assert len(listed) == len(deductions)
    for heading in (t for t in texts if t.startswith("（") and "，扣" in t):
        code = heading[heading.index("）") + 1 :].split(" ")[0]
        taken = sum(d.points for d in unit.score(code).deductions)
        assert heading.endswith(f"，扣{points(taken)}分"), heading

    assert "整改要求" in body
    if issuing.signature:
        signed = [t for t in texts if t.strip()][-2:]
        assert signed == [issuing.signature, issuing.date]


def test_every_unit_report_agrees_with_its_figures(
    report: tuple[Path, list[Path]], rebuilt: CampaignResults, rebuilt_2011: CampaignResults
) -> None:
    issuing = Issuing("上海市人民政府办公厅", "2013年4月2日", DEFAULT_DEADLINE)
    for unit in rebuilt.units:
        path = report[0] / "units" / f"{unit.code}.docx"
        check_figures(path, rebuilt, unit, issuing, rebuilt_2011)


def test_a_veto_is_told_with_its_effect(rebuilt: CampaignResults, tmp_path: Path) -> None:
    unit = next(u for u in rebuilt.units if u.code == "QX01")
    veto = rebuilt.framework.vetoes[0]
    unit = dataclasses.replace(unit, vetoes=(veto.code,), total=0.0, grade=None)
    issuing = Issuing("某市人民政府办公厅", "2013年4月2日", "请于2013年5月10日前完成整改")
    path = write_unit_report(
        rebuilt, unit, unit_areas(rebuilt, unit), tmp_path / "QX01.docx", issuing=issuing
    )
    check_figures(path, rebuilt, unit, issuing)
    body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"本单位触发单项否决项“{veto.name}”，各项指标得分合计" in body


def test_full_marks_say_so(rebuilt: CampaignResults, tmp_path: Path) -> None:
    unit = next(u for u in rebuilt.units if u.code == "QX01")
    full = tuple(dataclasses.replace(s, points=s.max, deductions=()) for s in unit.scores)
    unit = dataclasses.replace(unit, scores=full, total=unit.max)
    issuing = Issuing("某市人民政府办公厅", "2013年4月2日")
    path = write_unit_report(rebuilt, unit, None, tmp_path / "QX01.docx", issuing=issuing)
    check_figures(path, rebuilt, unit, issuing)


def test_hand_built_results_without_inputs_are_still_explained(
    unit_reports: Path, results: CampaignResults
) -> None:
    """Results not made by ceping.scoring carry no inputs: the rule explains what is left."""
    for path in sorted(unit_reports.iterdir()):
        unit = next(u for u in results.units if u.code == path.stem)
        check_figures(path, results, unit, Issuing())


def test_the_organizers_deadline_reaches_every_unit_report(
    results: CampaignResults, tmp_path: Path
) -> None:
    deadline = "请于2013年5月10日前完成整改"
    write_campaign_report(results, tmp_path, texts={"deadline": deadline}, pdf=False)
    for unit in results.units[:5]:
        texts = [
            p.text for p in docx.Document(str(tmp_path / "units" / f"{unit.code}.docx")).paragraphs
        ]
        assert any(f"{deadline}。" in t for t in texts)
        assert DEFAULT_DEADLINE not in "\n".join(texts)
        assert [t for t in texts if t.strip()][-2:] == ["上海市人民政府办公厅", "2013年4月2日"]


def test_a_unit_new_this_year_is_told_so(
    rebuilt: CampaignResults, rebuilt_2011: CampaignResults, tmp_path: Path
) -> None:
    unit = next(u for u in rebuilt.units if u.code == "QX01")
    without = dataclasses.replace(
        rebuilt_2011, units=tuple(u for u in rebuilt_2011.units if u.code != "QX01")
    )
    path = write_unit_report(rebuilt, unit, None, tmp_path / "QX01.docx", previous=without)
    body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"本单位未参加{rebuilt_2011.campaign}。" in body
    assert "上升" not in body and "下降" not in body
