"""A unit report quotes what people wrote beside the figures: the experts' comments on an
indicator that lost points, and the self-inspection material the organizer verified."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx

from ceping.demo.rebuild import rebuilt_framework
from ceping.demo.rebuild.files import read_units, read_year
from ceping.framework import Source
from ceping.report.charts import unit_areas
from ceping.report.losses import COMMENT_CHARS, losses
from ceping.report.unit_report import write_unit_report
from ceping.scoring import score_campaign
from ceping.scoring.inputs import ExpertRating, SelfPoints
from ceping.scoring.results import CampaignResults

UNIT = "BM44"
SAID = "栏目更新不及时，“部门动态”最新一条为三个月前"
MATERIAL = "提供了2012年网站管理制度文件和值班记录"


def _commented() -> tuple[CampaignResults, str, str]:
    """The rebuilt 2012 campaign with one expert's comment on a leaf the unit lost points on
    (a second expert saying the same, a third writing a very long one) and a note on a
    self-inspection leaf it lost points on."""
    framework = rebuilt_framework()
    units, _ = read_units()
    inputs = read_year(2012, units)
    plain = score_campaign(framework, units, inputs)
    unit = next(u for u in plain.units if u.code == UNIT)
    lost = {loss.code for loss in losses(plain, unit)}

    def lost_on(source: Source) -> str:
        return next(
            leaf.code
            for leaf in framework.leaves()
            if leaf.code in lost and source in leaf.sources and len(leaf.sources) == 1
        )

    expert_leaf, self_leaf = lost_on(Source.EXPERT), lost_on(Source.SELF)
    raters = [r for r in inputs.expert if (r.unit, r.indicator) == (UNIT, expert_leaf)]
    assert len(raters) >= 3
    comments = {raters[0].expert: SAID, raters[1].expert: SAID, raters[2].expert: "长" * 500}
    expert = [
        dataclasses.replace(r, comment=comments[r.expert])
        if (r.unit, r.indicator) == (UNIT, expert_leaf) and r.expert in comments
        else r
        for r in inputs.expert
    ]
    own = [
        dataclasses.replace(s, note=MATERIAL) if (s.unit, s.indicator) == (UNIT, self_leaf) else s
        for s in inputs.self_points
    ]
    assert any(isinstance(r, ExpertRating) and r.comment for r in expert)
    assert any(isinstance(s, SelfPoints) and s.note for s in own)
    changed = dataclasses.replace(inputs, expert=expert, self_points=own)
    return score_campaign(framework, units, changed), expert_leaf, self_leaf


def test_the_experts_comments_and_the_verified_material_are_quoted(tmp_path: Path) -> None:
    results, expert_leaf, self_leaf = _commented()
    unit = next(u for u in results.units if u.code == UNIT)
    path = write_unit_report(results, unit, unit_areas(results, unit), tmp_path / "u.docx")
    rows = {
        row.cells[0].text: row.cells[3].text
        for table in docx.Document(str(path)).tables
        if [c.text for c in table.rows[0].cells] == ["代码", "指标", "扣分", "失分原因"]
        for row in table.rows[1:]
    }
    said = rows[expert_leaf]
    # Each comment once, a long one cut; the points still read at the end of the sentence.
    assert said.count(f"“{SAID}”") == 1
    assert f"专家意见：“{SAID}”“{'长' * COMMENT_CHARS}…”" in said
    assert said.endswith("分。")
    assert f"自查材料：“{MATERIAL}”" in rows[self_leaf]
    # No comment where nobody wrote one.
    assert sum("专家意见" in text for text in rows.values()) == 1
