"""Pages as printed: the demo notice and three unit reports rendered by LibreOffice, read back
with poppler. No page more than half empty but the last of a part; the signature's page carries
body text; the 版记 at the foot of the last page, an even one (GB/T 9704-2012 §7.3.5, §7.4)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from ceping.demo.sample import sample_notice_texts
from ceping.framework import Source
from ceping.report import write_campaign_report
from ceping.report.campaign import notice_with_charts
from ceping.report.charts import unit_areas
from ceping.report.layout import Fonts
from ceping.report.notice import Block, Notice
from ceping.report.notice_docx import write_notice_docx
from ceping.report.notice_pdf import NoticePdf
from ceping.report.pagination import (
    BLOCK_HEIGHT,
    BLOCK_TOP,
    Page,
    fill,
    has_tools,
    plan_print_layout,
    read_pages,
)
from ceping.report.pdf import Conversion, convert_to_pdf, libreoffice
from ceping.report.template import load_template
from ceping.report.unit_report import Issuing, write_unit_report
from ceping.scoring.results import CampaignResults, UnitResult

from .test_pdf import _badly_broken

pytestmark = pytest.mark.skipif(
    libreoffice() is None or not has_tools(), reason="LibreOffice or poppler-utils missing"
)

TEXTS = sample_notice_texts(2012)
SIGNATURE = "上海市人民政府办公厅"
IMPRINT = "2013年4月2日印发"


@pytest.fixture(scope="module")
def printed(
    rebuilt: CampaignResults,
    rebuilt_2011: CampaignResults,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The demo's report folder with notice.pdf (the demo's organizer texts set the 版记)."""
    out = tmp_path_factory.mktemp("printed")
    write_campaign_report(rebuilt, out, texts=TEXTS, pdf=True, previous=rebuilt_2011)
    return out


def _parts(
    pages: list[Page], imprint: str = IMPRINT, signature: str = SIGNATURE
) -> list[list[int]]:
    """Page numbers by part: the body, each attachment (from its 附件N page), the 版记's page;
    a blank page (the one the standard adds before the 版记's page) ends a part, in none."""
    parts: list[list[int]] = [[]]
    for page in pages:
        texts = [line.text for line in page.lines if not line.text.startswith("—")]
        if not texts:
            parts.append([])
            continue
        starts = texts[0].startswith("附件") and len(texts[0]) <= 4
        imprint_only = all(imprint in t or t == signature or t.startswith("抄送") for t in texts)
        if parts[-1] and (starts or imprint_only):
            parts.append([])
        parts[-1].append(page.number)
    return [part for part in parts if part]


def _half_empty_pages(pdf: Path, parts: list[list[int]]) -> list[int]:
    """Pages more than half empty that are not the last of their part."""
    return [number for part in parts for number in part[:-1] if fill(pdf, number) < 0.5]


def test_notice_pages_are_full_but_the_last_of_a_part(printed: Path) -> None:
    pdf = printed / "notice.pdf"
    pages = read_pages(pdf)
    parts = _parts(pages)
    assert len(parts) == 4  # body, 附件1, 附件2, the 版记's page
    assert _half_empty_pages(pdf, parts) == []


def test_the_signature_page_carries_body_text(printed: Path) -> None:
    pages = read_pages(printed / "notice.pdf")
    page = next(p for p in pages if any(line.text == SIGNATURE for line in p.lines))
    texts = [line.text for line in page.lines]
    before = texts[: next(i for i, t in enumerate(texts) if t.startswith("附件："))]
    assert len(before) >= 2  # two lines of the last paragraph at least, never the 落款 alone
    assert "".join(before).endswith("贡献力量。")


def test_imprint_at_the_foot_of_the_last_page_an_even_one(printed: Path) -> None:
    pages = read_pages(printed / "notice.pdf")
    last = pages[-1]
    assert last.number % 2 == 0
    imprint = [line for line in last.lines if IMPRINT in line.text]
    assert imprint, "the 版记 is on the last page"
    # Its last line ends at the foot of the text block (the last rule on the block's edge).
    assert BLOCK_TOP + BLOCK_HEIGHT - 30 < imprint[-1].bottom <= BLOCK_TOP + BLOCK_HEIGHT
    assert not any(IMPRINT in line.text for page in pages[:-1] for line in page.lines)


def test_the_docx_puts_the_imprint_on_an_even_page_too(printed: Path, tmp_path: Path) -> None:
    """notice.docx as delivered (without the print copy's split) prints its 版记 on an even page
    of its own in LibreOffice as well."""
    source = tmp_path / "notice.docx"
    shutil.copy(printed / "notice.docx", source)
    pages = read_pages(convert_to_pdf(source, tmp_path))
    assert pages[-1].number % 2 == 0
    assert any(IMPRINT in line.text for line in pages[-1].lines)


def test_plan_of_the_notice_as_written(rebuilt: CampaignResults, tmp_path: Path) -> None:
    """The notice as written leaves page 6 half empty (its last paragraph went whole to the
    signature's page) and its 版记 on odd page 11: the plan splits the paragraph two lines before
    its end and moves the 版记 to an even page."""
    notice, _ = notice_with_charts(rebuilt, load_template(None, rebuilt.framework.notice), TEXTS)
    pdf = convert_to_pdf(write_notice_docx(notice, tmp_path / "notice.docx"), tmp_path)
    assert len(read_pages(pdf)) == 11 and fill(pdf, 6) < 0.5
    last = notice.body[-1].text
    imprint = [left or right for left, right in notice.imprint_lines()]
    plan = plan_print_layout(pdf, last, notice.signature, imprint)
    assert plan.imprint_on_even_page
    assert plan.split_last_at is not None
    # The two lines that go with the signature, as LibreOffice broke them.
    assert (
        last[plan.split_last_at :]
        == "管理方式创新，为上海争当全国改革开放排头兵和科学发展先行者贡献力量。"
    )


def _expert_only(results: CampaignResults, unit: UnitResult) -> UnitResult:
    """The unit with every point lost on other sources given back: only experts cost it."""
    scores = tuple(
        s
        if results.framework.indicator(s.code).source is Source.EXPERT
        else dataclasses.replace(s, points=s.max, deductions=())
        for s in unit.scores
    )
    points = {s.code: s.points for s in scores}
    areas = {
        node.code: round(sum(points.get(leaf.code, 0.0) for leaf in node.leaves()), 2)
        for node in results.framework.walk()
        if not node.is_leaf and node.code in unit.area_points
    }
    total = round(sum(points.values()), 2)
    # Graded and ranked as that total would be, so that its report reads true.
    grading = results.framework.grading.categories[unit.category]
    grade = next((g for g, at in grading.thresholds.items() if total >= at), None)
    rank = 1 + sum(1 for u in results.in_category(unit.category) if u.total > total)
    return dataclasses.replace(
        unit, scores=scores, area_points=areas, total=total, grade=grade, rank=rank
    )


@pytest.mark.parametrize("which", ["top", "veto", "expert-only"])
def test_unit_report_pages_are_full_but_the_last(
    rebuilt: CampaignResults, rebuilt_2011: CampaignResults, tmp_path: Path, which: str
) -> None:
    """The top scorer, a unit whose veto fired (made up: the demo has none) and a unit that lost
    points on expert ratings only."""
    if which == "top":
        unit = max(rebuilt.units, key=lambda u: u.total)
    elif which == "veto":
        unit = next(u for u in rebuilt.units if u.code == "BM35")
        veto = rebuilt.framework.vetoes[0]
        unit = dataclasses.replace(unit, vetoes=(veto.code,), total=0.0, grade=None)
    else:
        unit = _expert_only(rebuilt, next(u for u in rebuilt.units if u.code == "BM44"))
    issuing = Issuing(SIGNATURE, "2013年4月2日", "请于2013年5月10日前完成整改")
    docx_path = write_unit_report(
        rebuilt,
        unit,
        unit_areas(rebuilt, unit),
        tmp_path / f"{unit.code}.docx",
        issuing=issuing,
        previous=rebuilt_2011,
    )
    pdf = convert_to_pdf(docx_path, tmp_path)
    pages = read_pages(pdf)
    assert len(pages) >= 2
    assert _half_empty_pages(pdf, [[p.number for p in pages]]) == []


def test_the_print_copy_breaks_lines_as_chinese_typesetting_requires(printed: Path) -> None:
    """The split last paragraph and the moved 版记 keep 避头尾 (tests/report/test_pdf.py)."""
    assert _badly_broken(printed / "notice.pdf") == []


def _short_notice(paragraphs: int) -> Notice:
    """A notice of `paragraphs` one-line paragraphs, with a 版记."""
    return Notice(
        title_lines=("关于测试分页的通报",),
        addressee="各有关单位：",
        body=tuple(Block("para", f"第{n}段，一行文字，测试版记。") for n in range(paragraphs)),
        signature="测试市人民政府办公厅",
        date="2013年4月2日",
        attachments=(),
        copy_to="市委办公厅",
        printed_by="测试市人民政府办公厅",
        printed_on="2013年4月2日",
    )


def test_after_a_blank_page_the_imprint_page_has_no_page_number(tmp_path: Path) -> None:
    """Text that ends near the foot of an even page: the 版记 goes to the next even page, after a
    blank one, and neither carries a page number (GB/T 9704-2012 §7.5)."""
    # Notices of 30 to 45 lines, rendered as written in one run: the one whose text fills page 2.
    sizes = range(30, 46)
    drafts = [write_notice_docx(_short_notice(n), tmp_path / f"{n}.docx") for n in sizes]
    wanted = None
    for n, pdf in zip(sizes, Conversion(drafts, tmp_path).wait(), strict=True):
        imprint = [left or right for left, right in _short_notice(n).imprint_lines()]
        if plan_print_layout(pdf, "", "测试市人民政府办公厅", imprint).imprint_unnumbered:
            wanted = n
            break
    assert wanted is not None, "no draft ends near the foot of page 2"
    notice = _short_notice(wanted)
    out = tmp_path / "final"
    out.mkdir()
    docx_path = write_notice_docx(notice, out / "notice.docx")
    pdf = NoticePdf(notice, docx_path, out, Fonts()).finish()
    pages = read_pages(pdf)
    assert [p.number for p in pages] == [1, 2, 3, 4]
    numbers = [[line.text for line in p.lines if line.text.startswith("—")] for p in pages]
    assert numbers == [["—1—"], ["—2—"], [], []]
    assert pages[2].lines == ()  # the blank page
    assert any(IMPRINT in line.text for line in pages[3].lines)
