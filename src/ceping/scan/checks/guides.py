"""Service guides (办事指南) that lack elements the rules require: `guide_incomplete`.

The elements are those the national survey checks a guide for: 事项名称、设定依据、申请条件、
办理材料、办理地点、办理时间、联系电话、办理流程 (中国政府网, 关于"办事指南"指标的说明,
2015-06-10, https://www.gov.cn/wzpc/2015-06/10/content_2877092.htm; the 2019 table's
服务不实用 row opens with the same list). 事项名称 is the page's own title, so seven are looked
for, each under the names real guides print: Shenzhen's TRS-era tables say 法律依据 for 设定依据,
Epoint guides (e.g. zwfw.yl.gov.cn) 申报材料 for 办理材料 and one 办理地点/时间 heading for two.

An element counts when a line of the page's text is its label: a table header or cell, a dt,
a heading, a bold lead-in, or "label：value" — never a mention in running prose. A page is a
guide when its title, breadcrumb or address says 办事指南 (or 服务指南 …) and it shows at least
`MIN_GUIDE_LABELS` labels of the seven; a news article about guides shows none and is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ceping.scan import policy
from ceping.scan.checks.base import Check, CheckContext
from ceping.scan.models import GUIDE_INCOMPLETE, Finding, PageResult

# Each required element, by the name the finding gives it, with the labels guides print.
ELEMENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("设定依据", r"(设定|法律|法定|办理|实施|审批|政策)依据"),
        ("申请条件", r"(申请|受理|办理|申报)条件"),
        ("办理材料", r"(办理|申请|申报|提交|所需|提供)材料|材料(清单|目录)"),
        ("办理地点", r"(办理|受理|办公|服务)(地点|地址)|窗口地址"),
        ("办理时间", r"(办理|受理|办公|工作|服务)时间|地点\s*[/、和及与]\s*时间"),
        ("联系电话", r"(联系|咨询|服务)(电话|方式)"),
        ("办理流程", r"(办理|受理|办事|审批|申办)(流程|程序)"),
    )
)
GUIDE_NAMES = ("办事指南", "服务指南", "办理指南", "事项指南", "申报指南")
GUIDE_URL = re.compile(r"bszn|banshizhinan|fwzn|/guide", re.IGNORECASE)
# Fewer: a page about guides, or a notice under 办事指南 that gives a time, a place and a phone.
MIN_GUIDE_LABELS = 4
LABEL_MAX_CHARS = 12  # 办理地点/时间 is 7; a longer line is a sentence
BREADCRUMB_LINES = 8  # the breadcrumb stands among the first lines of the text
_NUMBERING = re.compile(r"^[\s（(]*(?:[一二三四五六七八九十]+|\d{1,2})[、.．)）]\s*")
_COUNT = "guides.found"


def _label(line: str) -> str | None:
    """The label a line is or starts with (numbering and colon dropped), or None for prose."""
    line = _NUMBERING.sub("", line.strip())
    head = re.split(r"[:：]", line, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= LABEL_MAX_CHARS else None


def present_elements(text: str) -> set[str]:
    """The required elements a page's text shows as labels."""
    labels = [label for line in text.splitlines() if (label := _label(line)) is not None]
    return {name for name, pattern in ELEMENTS if any(pattern.search(x) for x in labels)}


def is_guide(page: PageResult, present: set[str]) -> bool:
    lead = "\n".join([page.title, *page.text.splitlines()[:BREADCRUMB_LINES]])
    named = any(word in lead for word in GUIDE_NAMES) or bool(GUIDE_URL.search(page.url))
    return named and len(present) >= MIN_GUIDE_LABELS


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if not (page.ok and page.is_html):
        return ()
    present = present_elements(page.text)
    if not is_guide(page, present):
        return ()
    missing = [name for name, _ in ELEMENTS if name not in present]
    reported = ctx.memo.get(_COUNT, 0)
    if not missing or reported >= policy.MAX_GUIDE_FINDINGS_PER_SITE:
        return ()
    ctx.memo[_COUNT] = reported + 1
    return (Finding.make(GUIDE_INCOMPLETE, page=page.url, missing="、".join(missing)),)


CHECK = Check("guides", on_page=check_page, enabled=lambda config: config.check_guides)
