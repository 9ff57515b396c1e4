"""What the organizer writes into the notice: the GB/T 9704 版头 and 版记 elements, the issuer
and date, the deadline of the unit reports, and the paragraphs the template leaves to them.

Figures are never typed here: a template computes them from the campaign's data; these are the
words no data of ours holds (a portal's own output, the year's narrative).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ceping.campaign import audit
from ceping.campaign.campaigns import framework_of
from ceping.errors import InputError, Problem
from ceping.report.notice import NOTICE_FIELDS
from ceping.report.template import load_template
from ceping.web.models import Campaign

MAX_FIELD = 200  # a 发文字号 or an office's name; a paragraph may be longer
MAX_PARAGRAPHS = 20_000
SOURCE = "通报填写内容"


@dataclass(frozen=True)
class NoticeField:
    name: str
    label: str
    value: str
    paragraph: bool  # several lines (a ::text paragraph) rather than one


def notice_fields(campaign: Campaign) -> list[NoticeField]:
    """Every element the organizer may fill in, with what is stored, in the document's order."""
    stored = campaign.notice_texts or {}
    template = load_template(None, framework_of(campaign).notice)
    fields = [
        NoticeField(name, label, str(stored.get(name, template.settings.get(name, ""))), False)
        for name, label in NOTICE_FIELDS.items()
    ]
    fields += [
        NoticeField(name, about or name, str(stored.get(name, "")), True)
        for name, about in template.free_texts()
    ]
    return fields


def set_notice_texts(campaign: Campaign, values: Mapping[str, str], who: Any = None) -> None:
    """Store the organizer's texts (all or nothing); an empty value clears one."""
    known = {f.name: f for f in notice_fields(campaign)}
    problems = []
    for name, value in values.items():
        field = known.get(name)
        if field is None:
            problems.append(Problem(SOURCE, "", name, "通报模板中没有这一项"))
            continue
        limit = MAX_PARAGRAPHS if field.paragraph else MAX_FIELD
        if len(value) > limit:
            problems.append(
                Problem(SOURCE, "", field.label, f"太长：{len(value)} 个字符，最多 {limit} 个")
            )
        elif any(ord(c) < 32 and c not in "\n\r\t" for c in value):
            problems.append(Problem(SOURCE, "", field.label, "含有不可见的控制字符"))
        elif not field.paragraph and "\n" in value.strip():
            problems.append(Problem(SOURCE, "", field.label, "只能写一行"))
    if problems:
        raise InputError(problems)
    old = dict(campaign.notice_texts or {})
    new = {**old, **{k: v.strip() for k, v in values.items()}}
    campaign.notice_texts = {k: v for k, v in new.items() if v}
    campaign.save(update_fields=["notice_texts"])
    audit.record(who, "notice_texts", campaign, "notice_texts", old, campaign.notice_texts)
