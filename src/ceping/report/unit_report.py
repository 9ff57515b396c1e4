"""The unit report (单位测评报告): totals, rank, points per indicator, every lost point with its
reason and evidence, what to rectify by when, the issuing office and date."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from ceping.report.charts import Chart
from ceping.report.docx_table import add_table
from ceping.report.evidence import describe
from ceping.report.layout import (
    HEADING_1,
    HEADING_2,
    SIZE_2,
    Fonts,
    add_run,
    format_paragraph,
    styled_paragraph,
)
from ceping.report.losses import RATED_RULE_TEXT, Loss, leaf_points_sum, losses, veto_text
from ceping.report.notice_docx import add_signature, new_document, save
from ceping.report.text import clean, display_width, factor_text, number, points
from ceping.scoring.informative import InformativeFindings, informs_text
from ceping.scoring.results import CampaignResults, Deduction, Json, UnitResult
from ceping.vocabulary import label_of

NUMERALS = "一二三四五六七八九十"
INDICATOR_WIDTHS_MM = (20.0, 74.0, 18.0, 18.0, 26.0)
LOSS_WIDTHS_MM = (15.0, 40.0, 17.0, 84.0)  # 扣分 holds 16.06
EVIDENCE_WIDTHS_MM = (15.0, 15.0, 126.0)  # "序号" in 小四 needs 15 mm with cell margins
EVIDENCE_LINE_CHARS = 29  # 小四 characters in the 126 mm evidence column
VETO_FINDINGS_SHOWN = 10  # the causes of a veto listed in its report; the count says the rest
# A table this short (a sixth of the 225 mm text block) moves to the next page whole; a longer
# one breaks between rows: moving it whole could leave a page more than half empty.
KEEP_TOGETHER_PT = 110.0
CELL_LINE_PT = 18.0  # docx_table.CELL_LINE, plus 2 pt of paragraph spacing per row
INFORMATIVE_FINDINGS_SHOWN = 5  # per informative item; the count says the rest


_LISTED = re.compile(r"^\d+\. ")  # a finding's line of informative_lines: "1. 缺少…：所在页面：…"

JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

SAMPLE_NOTE = "（本报告由重建的样例数据生成，仅供演示，不是正式测评结果。）"
DEFAULT_DEADLINE = "请于通报印发之日起30日内完成整改"


@dataclass(frozen=True)
class Issuing:
    """What the organizer sets for every unit report: who issues it, when, and the deadline."""

    signature: str = ""  # 发文机关署名, as in the notice
    date: str = ""  # 成文日期, as in the notice
    deadline: str = DEFAULT_DEADLINE  # a sentence: "请于2013年5月10日前完成整改"


def unit_report_title(results: CampaignResults, unit: UnitResult) -> tuple[str, str]:
    """Two lines, broken where the sense breaks (a 2号 line holds 20 characters)."""
    return f"{unit.name}网站", f"{results.year}年度测评报告"


def write_unit_report(
    results: CampaignResults,
    unit: UnitResult,
    chart: Chart | None,
    path: Path,
    fonts: Fonts | None = None,
    issuing: Issuing | None = None,
    veto_evidence: Mapping[str, str] | None = None,
    veto_findings: Mapping[str, Sequence[Json]] | None = None,
    previous: CampaignResults | None = None,
    informative: Sequence[InformativeFindings] = (),
) -> Path:
    """`veto_evidence`: what the organizer found, by the code of each organizer veto that hit;
    `veto_findings`: the findings that made each machine veto hit; `previous`: last year's
    campaign, for the comparison with its result; `informative`: the findings of the
    framework's informative items, shown without points."""
    causes = _Causes(veto_evidence or {}, veto_findings or {})
    compared = last_year_sentence(previous, unit)
    return _write(
        results,
        unit,
        chart,
        path,
        fonts or Fonts(),
        issuing or Issuing(),
        causes,
        compared,
        informative,
    )


def informative_lines(results: CampaignResults, found: Sequence[InformativeFindings]) -> list[str]:
    """The report's paragraphs on the framework's informative items: each one found, with its
    first findings and their evidence; those with nothing found in one sentence."""
    framework = results.framework
    lines = ["以下检查结果按指标体系列为参考项，不计分，供核实和改进网站时参考。"]
    clear = [f.item.name for f in found if not f.findings]
    for n, entry in enumerate((f for f in found if f.findings), start=1):
        item, findings = entry.item, entry.findings
        said = f"（{n}）{clean(item.name)}：发现{len(findings)}处"
        informs = informs_text(framework, item)
        if informs:
            said += f"，供{informs}评分或核实时参考"
        lines.append(said + (f"。{clean(item.note).rstrip('。')}。" if item.note else "。"))
        for i, finding in enumerate(findings[:INFORMATIVE_FINDINGS_SHOWN], start=1):
            items = "，".join(f"{label}：{value}" for label, value in describe(finding) if value)
            lines.append(f"{i}. {label_of(str(finding.get('kind', '')))}：{items}")
        if len(findings) > INFORMATIVE_FINDINGS_SHOWN:
            lines.append(f"（其余{len(findings) - INFORMATIVE_FINDINGS_SHOWN}处从略）")
    if clear:
        lines.append(f"未发现问题的参考项：{'、'.join(clean(name) for name in clear)}。")
    return lines


def last_year_sentence(previous: CampaignResults | None, unit: UnitResult) -> str:
    """The sentence comparing the unit with last year, "" without a last year."""
    if previous is None:
        return ""
    before = next((u for u in previous.units if u.code == unit.code), None)
    if before is None:
        return f"本单位未参加{previous.campaign}。"
    said = f"{previous.campaign}中，本单位得{points(before.total)}分（满分{number(before.max)}分）"
    if before.grade:
        said += f"，等级为{before.grade}"
    if before.category == unit.category:
        said += f"，在{len(previous.in_category(before.category))}个同类单位中排名第{before.rank}位"
    if abs(before.max - unit.max) > 1e-6:  # another scale: the totals do not compare
        return said + "。"
    change = round(unit.total - before.total, 2)
    if change > 0:
        return f"{said}；本年度上升{points(change)}分。"
    if change < 0:
        return f"{said}；本年度下降{points(-change)}分。"
    return f"{said}；本年度得分与上年持平。"


@dataclass(frozen=True)
class _Causes:
    """Why each veto hit: the organizer's evidence, or the findings it counted."""

    evidence: Mapping[str, str]
    findings: Mapping[str, Sequence[Json]]

    def lines(self, code: str) -> list[str]:
        if self.evidence.get(code):
            return [f"{code}经组织方核实，依据：{clean(self.evidence[code])}"]
        found = self.findings.get(code, ())
        if not found:
            return []
        shown = found[:VETO_FINDINGS_SHOWN]
        more = f"，列出前{len(shown)}处" if len(found) > len(shown) else ""
        lines = [f"{code}由以下问题触发（共{len(found)}处{more}）："]
        for i, finding in enumerate(shown, start=1):
            items = "，".join(f"{label}：{value}" for label, value in describe(finding) if value)
            lines.append(f"（{i}）{label_of(str(finding.get('kind', '')))}：{items}")
        return lines


def _write(
    results: CampaignResults,
    unit: UnitResult,
    chart: Chart | None,
    path: Path,
    fonts: Fonts,
    issuing: Issuing,
    causes: _Causes,
    last_year: str = "",
    informative: Sequence[InformativeFindings] = (),
) -> Path:
    document = new_document(fonts)
    lost = losses(results, unit)
    machine = [(loss, part) for loss in lost for part in loss.parts if part.deductions]
    numerals = iter(NUMERALS)

    def paragraph(
        text: str = "",
        family: str = fonts.body,
        *,
        indent: float = 2.0,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        keep: bool = False,
        style: str | None = None,
    ) -> None:
        para = styled_paragraph(document, style)
        format_paragraph(para, indent_chars=indent, align=align, keep_with_next=keep)
        if text:
            add_run(para, text, family)

    title = document.add_paragraph()
    format_paragraph(title, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(35)
    first, second = unit_report_title(results, unit)
    add_run(title, first, fonts.title, SIZE_2).add_break()
    add_run(title, second, fonts.title, SIZE_2)
    if results.is_sample_data:
        note = document.add_paragraph()
        format_paragraph(note, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(note, SAMPLE_NOTE, fonts.heading2, Pt(14)).font.color.rgb = RGBColor(
            0xB2, 0x22, 0x22
        )
    paragraph()

    category = results.framework.category(unit.category)
    peers = results.in_category(unit.category)
    paragraph(f"{next(numerals)}、测评结果", fonts.heading1, keep=True, style=HEADING_1)
    if unit.grade:
        grade = f"等级为{unit.grade}"
    elif unit.category in results.framework.grading.categories:
        grade = "未达到评定等级"
    else:
        grade = f"{category.label}不评定等级"
    paragraph(
        f"{unit.name}（{clean(unit.code)}）在{results.campaign}中得{points(unit.total)}分"
        f"（满分{number(unit.max)}分），{grade}，在{len(peers)}个{category.label}中排名第{unit.rank}位。"
    )
    if last_year:
        paragraph(last_year)
    leaf_sum = leaf_points_sum(unit)
    scaled = _scaled(results, unit)
    if scaled is not None:
        paragraph(scaled.sentence)
    if lost:
        # The sum of the leaves' losses: a bonus leaf's points and the ×4/3 stay out of it.
        gap = sum(loss.points for loss in lost)
        # A bonus leaf's points are on top of the maximum: what it did not give is told apart,
        # or "满分100分 … 得103分 … 共失27分" would not add up for the reader.
        bonus_codes = results.framework.bonus_leaf_codes
        bonus = sum(loss.points for loss in lost if loss.code in bonus_codes)
        most = sum(s.max for s in unit.scores if s.code in bonus_codes)
        within = f"（其中加分指标满分{number(most)}分，未得{points(bonus)}分）" if bonus else ""
        paragraph(
            f"与满分相比，各项指标共失{points(gap)}分{within}，涉及{len(lost)}项指标，"
            "逐项说明见“失分说明”。"
        )
    else:
        paragraph("本单位各项指标均得满分。")
    if unit.vetoes:
        names = "、".join(veto_text(results.framework, code) for code in unit.vetoes)
        paragraph(
            f"本单位触发单项否决项{names}，各项指标得分合计{points(leaf_sum)}分，"
            f"总分计为{points(unit.total)}分。"
        )
        for code in unit.vetoes:
            for line in causes.lines(code):
                paragraph(line)
    veto_codes = {v.code for v in results.framework.vetoes}
    absent = [code for code in unit.missing if code not in veto_codes]
    pending = [code for code in unit.missing if code in veto_codes]
    if absent:
        paragraph(f"以下指标缺少测评数据，未计分：{'、'.join(absent)}。")
    if pending:
        names = "、".join(f"{c}{veto_text(results.framework, c)}" for c in pending)
        paragraph(f"以下单项否决指标尚待组织方核实，核实前不评定等级：{names}。")
    if chart is not None:
        picture = document.add_paragraph()
        format_paragraph(
            picture, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True
        )
        picture.paragraph_format.line_spacing = 1.0
        picture.add_run().add_picture(io.BytesIO(chart.png), width=Mm(chart.width_mm))
        paragraph(chart.caption, fonts.heading2, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER)

    paragraph(f"{next(numerals)}、各项指标得分", fonts.heading1, keep=True, style=HEADING_1)
    rows, bold = _indicator_rows(results, unit, scaled)
    add_table(
        document,
        ("代码", "指标", "得分", "满分", "失分"),
        rows,
        INDICATOR_WIDTHS_MM,
        centred=(0, 2, 3, 4),
        bold_rows=bold,
    )

    if lost:
        paragraph()
        paragraph(f"{next(numerals)}、失分说明", fonts.heading1, keep=True, style=HEADING_1)
        where = "，机器检测发现的问题逐条列在“问题与证据”中，附页面地址等证据" if machine else ""
        rated = RATED_RULE_TEXT if any(_is_rated(results, loss) for loss in lost) else ""
        paragraph(f"下表列出本单位失分的每项指标、失分的来源和原因{where}。{rated}", keep=True)
        loss_rows = [_loss_row(loss) for loss in lost]
        loss_rows.append(["", "合计", points(sum(loss.points for loss in lost)), ""])
        add_table(
            document,
            ("代码", "指标", "扣分", "失分原因"),
            loss_rows,
            LOSS_WIDTHS_MM,
            centred=(0, 2),
            bold_rows=[len(loss_rows) - 1],
        )
    if machine:
        paragraph()
        paragraph(f"{next(numerals)}、问题与证据", fonts.heading1, keep=True, style=HEADING_1)
        for index, (loss, part) in enumerate(machine):
            _deductions(document, loss, part.deductions, index, fonts)

    if informative:
        paragraph()
        heading = f"{next(numerals)}、不计分的检查结果"
        paragraph(heading, fonts.heading1, keep=True, style="Heading 1")
        for line in informative_lines(results, informative):
            # A finding's line holds a URL that cannot break: justified, the line before it
            # would be stretched a character apart; flush left, as the evidence tables are.
            is_finding = _LISTED.match(line) is not None
            paragraph(line, align=WD_ALIGN_PARAGRAPH.LEFT if is_finding else JUSTIFY)

    # The requirements, the issuing office and the date stay together on one page.
    paragraph(f"{next(numerals)}、整改要求", fonts.heading1, keep=True, style=HEADING_1)
    if lost:
        deadline = clean(issuing.deadline).rstrip("。") or DEFAULT_DEADLINE
        listed = "“失分说明”和“问题与证据”" if machine else "“失分说明”"
        paragraph(f"请对照本报告{listed}所列指标和问题逐项整改。{deadline}。", keep=True)
        if issuing.signature:
            paragraph(f"整改完成后，请将整改情况报送{clean(issuing.signature)}。", keep=True)
    else:
        paragraph("本单位各项指标均得满分，请继续做好网站的日常维护和内容保障。", keep=True)
    add_signature(document, clean(issuing.signature), clean(issuing.date), fonts)
    save(document, path)
    return path


@dataclass(frozen=True)
class _Scaled:
    """A unit of a category scored on part of the areas, its sum then scaled (×4/3)."""

    points: float  # the areas' points before scaling (bonus areas aside)
    max: float  # what they could have been
    sentence: str


def _scaled(results: CampaignResults, unit: UnitResult) -> _Scaled | None:
    framework = results.framework
    category = framework.category(unit.category)
    if category.factor == 1:
        return None
    areas = [a for a in framework.areas if not a.is_bonus]
    before = sum(unit.area_points.get(a.code, 0.0) for a in areas)
    extra = framework.bonus_leaf_codes
    top = sum(s.max for s in unit.scores if s.code not in extra)
    left_out = "、".join(a.name for a in areas if a.weight(unit.category) == 0)
    skipped = f"不检查{left_out}，" if left_out else ""
    factor = factor_text(category.factor)
    result = "总分因单项否决计为0分" if unit.vetoes else f"折算为{points(unit.total)}分"
    return _Scaled(
        before,
        top,
        f"本单位为{category.label}，{skipped}其余各项指标得分合计{points(before)}分"
        f"（满分{number(top)}分），乘以{factor}{result}（满分{number(unit.max)}分）。",
    )


def _is_rated(results: CampaignResults, loss: Loss) -> bool:
    return results.framework.indicator(loss.code).scale is not None


def _loss_row(loss: Loss) -> list[str]:
    reasons = [part.sentence for part in loss.parts]
    return [loss.code, loss.name, points(loss.points), "\n".join(reasons)]


def _indicator_rows(
    results: CampaignResults, unit: UnitResult, scaled: _Scaled | None
) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    bold: list[int] = []
    scores = {s.code: s for s in unit.scores}
    for node in results.framework.walk():
        if node.is_leaf:
            score = scores.get(node.code)
            if score is None:
                continue
            # What the indicator lost, whatever the source (not only the machine's deductions):
            # the figure 失分说明 explains.
            lost = 0.0 if score.missing else round(score.max - score.points, 2)
            shown = "未计分" if score.missing else f"{score.points:.2f}"
            rows.append(
                [node.code, node.name, shown, points(score.max), f"−{points(lost)}" if lost else ""]
            )
        elif node.code in unit.area_points:
            maximum = sum(scores[leaf.code].max for leaf in node.leaves() if leaf.code in scores)
            bold.append(len(rows))
            rows.append(
                [node.code, node.name, f"{unit.area_points[node.code]:.2f}", points(maximum), ""]
            )
    if scaled is not None:
        bold.append(len(rows))
        rows.append(["", "折算前合计", f"{scaled.points:.2f}", points(scaled.max), ""])
    bold.append(len(rows))
    rows.append(["", "总分", f"{unit.total:.2f}", points(unit.max), ""])
    return rows, bold


def table_height_pt(rows: Sequence[Sequence[str]]) -> float:
    """About how tall an evidence table prints: its header and each row's wrapped lines."""
    height = CELL_LINE_PT + 2
    for row in rows:
        lines = sum(
            max(1, math.ceil(display_width(part) / EVIDENCE_LINE_CHARS))
            for part in row[-1].split("\n")
        )
        height += lines * CELL_LINE_PT + 2
    return height


def _evidence_line(label: str, value: str) -> str:
    """A long URL cannot wrap, so Word and LibreOffice would break the label instead: own line."""
    if display_width(label) + display_width(value) > EVIDENCE_LINE_CHARS:
        return f"{label}：\n{value}"
    return f"{label}：{value}"


def _deductions(
    document: DocumentObject,
    loss: Loss,
    deductions: tuple[Deduction, ...],
    index: int,
    fonts: Fonts,
) -> None:
    taken = sum(d.points for d in deductions)
    numeral = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
    heading = styled_paragraph(document, HEADING_2)
    format_paragraph(heading, keep_with_next=True)
    add_run(heading, f"（{numeral}）{loss.code} {loss.name}，扣{points(taken)}分", fonts.heading2)
    # One table per indicator, one row per deduction: fifty broken links stay a list, not fifty
    # tables.
    rows = []
    for number_, deduction in enumerate(deductions, start=1):
        lines = [clean(deduction.reason)]
        if deduction.finding:
            lines += [
                _evidence_line(label, value)
                for label, value in describe(deduction.finding)
                if value
            ]
        rows.append([str(number_), points(deduction.points), "\n".join(lines)])
    add_table(
        document,
        ("序号", "扣分", "问题与证据"),
        rows,
        EVIDENCE_WIDTHS_MM,
        centred=(0, 1),
        keep_together=table_height_pt(rows) <= KEEP_TOGETHER_PT,
    )
    spacer = document.add_paragraph()
    format_paragraph(spacer, indent_chars=0)
    spacer.paragraph_format.line_spacing = Pt(8)
