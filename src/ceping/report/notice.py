"""The notice (通报) as plain data: the template filled in from the results, ready to render."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ceping.errors import ReportError, at, quoted
from ceping.report.charts import Chart
from ceping.report.placeholders import Resolver
from ceping.report.template import SINGLE, Line, Template
from ceping.scoring.results import CampaignResults, Statistic

_NUMERALS = "一二三四五六七八九十"
_LEAD = re.compile(r"^(（[一二三四五六七八九十]+）[^。]*。)(.*)$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the notice. `lead` is set in the heading font, `text` in the body font."""

    kind: str  # "para", "h1", "h2", "chart", "sample-note"
    text: str = ""
    lead: str = ""
    chart: Chart | None = None
    keep_with_next: bool = False  # a label such as "区县政府：" never ends a page


@dataclass(frozen=True)
class Attachment:
    title_lines: tuple[str, ...]
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


@dataclass(frozen=True)
class Notice:
    title_lines: tuple[str, ...]  # the template's "|" breaks a long title where its sense allows
    addressee: str
    body: tuple[Block, ...]
    signature: str
    date: str
    attachments: tuple[Attachment, ...]
    sample_note: str = ""  # set when the results are rebuilt sample data
    # GB/T 9704 版头 and 版记 ("" where the office does not use them).
    masthead: str = ""  # 发文机关标志, e.g. 上海市人民政府办公厅文件
    number: str = ""  # 发文字号, e.g. 沪府办〔2013〕12号
    signer: str = ""  # 签发人 (上行文 only)
    copy_to: str = ""  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: str = ""  # 印发日期
    missing_texts: tuple[tuple[str, str], ...] = ()  # (name, what to write) not yet written
    figures: Mapping[str, str] = field(default_factory=dict)  # placeholder → text as printed
    statistics: tuple[Statistic, ...] = ()  # the figures printed, in the order they appear

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def imprint_lines(self) -> list[tuple[str, str]]:
        """版记 as (left, right) lines: 抄送 alone, then 印发机关 with “…印发”; [] when unset."""
        lines = []
        if self.copy_to:
            lines.append((f"抄送：{self.copy_to.rstrip('。')}。", ""))
        if self.printed_by or self.printed_on:
            lines.append((self.printed_by, f"{self.printed_on}印发" if self.printed_on else ""))
        return lines


SAMPLE_NOTE = "（本文件由重建的样例数据生成，不是正式通报。）"

# What an organizer fills in for a notice, besides the template's own ::text paragraphs; a
# template may name each as {{name}} and gets "" where nothing was written.
NOTICE_FIELDS = {
    "addressee": "主送机关（如“各区、县人民政府，市政府各委、办、局”）",
    "issuer": "发文机关（落款）",
    "date": "成文日期",
    "masthead": "发文机关标志（版头，如“××市人民政府办公厅文件”）",
    "number": "发文字号（如“×府办〔2013〕12号”）",
    "signer": "签发人（仅上报的公文填写）",
    "copy_to": "抄送机关",
    "printed_by": "印发机关",
    "printed_on": "印发日期",
    "deadline": "整改期限（写入单位测评报告）",
}


def _addressee(text: str) -> str:
    """主送机关 ends with a full-width colon (GB/T 9704 §7.3.2), whether or not it was typed."""
    text = text.strip().rstrip("：:")
    return f"{text}：" if text else ""


def build_notice(
    results: CampaignResults,
    template: Template,
    charts: Sequence[Chart],
    texts: Mapping[str, str] | None = None,
) -> Notice:
    """Fill the template from the results; `texts` override the template's ::set values."""
    blank = dict.fromkeys(NOTICE_FIELDS, "")
    resolver = Resolver(results, {**blank, **template.settings, **(texts or {})})
    single: dict[str, str] = {}
    body: list[Block] = []
    attachments: list[tuple[tuple[str, ...], list[Block]]] = []
    missing: list[tuple[str, str]] = []
    for line in template.lines:
        where = f"{template.source}，{at(line.number)}"
        target = attachments[-1][1] if attachments else body
        if line.kind == "text":
            name, _, about = line.text.partition(" ")
            written = (texts or {}).get(name, "").strip()
            if written:  # the organizer's words as written, never read for placeholders
                target.extend(
                    Block("para", part.strip()) for part in written.splitlines() if part.strip()
                )
            else:
                missing.append((name, about.strip()))
            continue
        filled = resolver.fill(line.text, where)
        if line.kind in SINGLE:
            if attachments:
                raise ReportError(f"{where}：::{line.kind} 应写在第一个 ::attachment 之前")
            single[line.kind] = filled
        elif line.kind == "attachment":
            attachments.append((_lines(filled), []))
        elif line.kind == "graded-list":
            target.extend(_graded_list(results, line, where))
        elif line.kind == "charts":
            start = sum(1 for _, blocks in attachments for b in blocks if b.kind == "chart")
            start += sum(1 for b in body if b.kind == "chart")
            target.extend(
                Block("chart", text=f"图{start + n}　{chart.caption}", chart=chart)
                for n, chart in enumerate(charts, start=1)
            )
        elif line.kind == "note":
            target.append(Block("para", filled))
        else:
            target.append(_paragraph(line.kind, filled))
    return Notice(
        title_lines=_lines(single.get("title", "")),
        addressee=_addressee(single.get("addressee", "")),
        body=tuple(body),
        signature=single.get("signature", ""),
        date=single.get("date", ""),
        masthead=single.get("masthead", ""),
        number=single.get("number", ""),
        signer=single.get("signer", ""),
        copy_to=single.get("copy-to", ""),
        printed_by=single.get("printed-by", ""),
        printed_on=single.get("printed-on", ""),
        missing_texts=tuple(missing),
        attachments=tuple(Attachment(title, tuple(blocks)) for title, blocks in attachments),
        sample_note=SAMPLE_NOTE if results.is_sample_data else "",
        figures=dict(resolver.used),
        statistics=tuple(resolver.statistics),
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _paragraph(kind: str, text: str) -> Block:
    if kind == "h1":
        return Block("h1", lead=text)
    if kind == "h2":
        match = _LEAD.match(text)
        # "（一）政府网站重点工作。主要考查…": only the run-in heading takes the 楷体.
        if match and match.group(2):
            return Block("h2", lead=match.group(1), text=match.group(2))
        return Block("h2", lead=text)
    return Block("para", text)


def _graded_list(results: CampaignResults, line: Line, where: str) -> list[Block]:
    """一、优秀单位 / 区县政府： / 黄浦区、长宁区… in rank order, per category as listed."""
    labels: dict[str, str] = {}
    for item in line.text.split():
        name, _, label = item.partition("=")
        if name not in results.framework.category_names:
            raise ReportError(f"{where}：::graded-list 中没有这个类别：{quoted(name)}")
        labels[name] = label or results.framework.category(name).label
    if not labels:
        labels = {c.name: c.label for c in results.framework.categories}
    blocks: list[Block] = []
    for index, grade in enumerate(results.framework.grading.grades):
        per_category = [(labels[c], results.graded(grade, c)) for c in labels]
        per_category = [(label, units) for label, units in per_category if units]
        if not per_category:
            continue
        blocks.append(Block("h1", lead=f"{_NUMERALS[index % len(_NUMERALS)]}、{grade}单位"))
        for label, units in per_category:
            blocks.append(Block("para", f"{label}：", keep_with_next=True))
            blocks.append(Block("para", "、".join(u.short_name for u in units)))
    return blocks
