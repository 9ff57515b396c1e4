"""The message board (留言/信箱) and the service guides (办事指南), with their truth.

A message is unanswered when the board shows no reply; it is planted when posted 100 to 330
days before as-of (the 2019 table: more than 3 months, within the year). A slow reply is an
answer 60 days or more after the posting; prompt answers take at most 10 days, so any
threshold between the two agrees with the truth (README.md, "Margins").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ceping.sitefarm.cms.chrome import render
from ceping.sitefarm.cms.context import Ctx
from ceping.sitefarm.cms.dates import full_date
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.wording import (
    GUIDE_ELEMENTS,
    GUIDE_EXTRAS,
    GUIDE_NAMES,
    GUIDE_VALUES,
    MESSAGE_SUBJECTS,
)

BOARD = "/hdjl/lyb/index.html"
GUIDES = "/bsfw/bszn/index.html"
LATE_POSTED_DAYS = (100, 330)
SLOW_REPLY_DAYS = (60, 120)
PROMPT_REPLY_DAYS = (1, 10)
RECENT_DAYS = (3, 45)
BEYOND_YEAR_DAYS = (420, 700)
GUIDES_PER_SITE = 4
BOARD_NAMES = ("网上留言", "领导信箱", "咨询投诉")


@dataclass(frozen=True)
class Message:
    subject: str
    posted: dt.date
    replied: dt.date | None
    state: str
    truth: str  # "unanswered", "slow_reply" or "" (clean)


def _messages(ctx: Ctx) -> list[Message]:
    rng, as_of, plan = ctx.rng, ctx.as_of, ctx.plan
    used: set[dt.date] = set()

    def day(low: int, high: int) -> dt.date:
        while True:
            found = as_of - dt.timedelta(days=rng.randint(low, high))
            if found not in used:
                used.add(found)
                return found

    def answer(posted: dt.date, span: tuple[int, int]) -> dt.date:
        return min(as_of, posted + dt.timedelta(days=rng.randint(*span)))

    out = []
    posted = day(1, 20)
    out.append(Message(rng.choice(MESSAGE_SUBJECTS), posted, answer(posted, (1, 3)), "已回复", ""))
    for _ in range(plan.unanswered):
        state = rng.choice(("未回复", "处理中"))
        out.append(
            Message(rng.choice(MESSAGE_SUBJECTS), day(*LATE_POSTED_DAYS), None, state, "unanswered")
        )
    for _ in range(plan.slow_replies):
        posted = day(*LATE_POSTED_DAYS)
        replied = answer(posted, SLOW_REPLY_DAYS)
        out.append(Message(rng.choice(MESSAGE_SUBJECTS), posted, replied, "已回复", "slow_reply"))
    for _ in range(rng.randint(5, 9)):
        posted = day(4, 330)
        replied = answer(posted, PROMPT_REPLY_DAYS)
        out.append(Message(rng.choice(MESSAGE_SUBJECTS), posted, replied, "已办结", ""))
    out.append(Message(rng.choice(MESSAGE_SUBJECTS), day(*RECENT_DAYS), None, "未回复", ""))
    out.append(Message(rng.choice(MESSAGE_SUBJECTS), day(*BEYOND_YEAR_DAYS), None, "未回复", ""))
    return sorted(out, key=lambda m: m.posted, reverse=True)


def board_name(ctx: Ctx) -> str:
    return BOARD_NAMES[ctx.site.index % len(BOARD_NAMES)]


def build_board(ctx: Ctx) -> None:
    messages = _messages(ctx)
    name = board_name(ctx)
    board = Page(BOARD, name)
    variant = ctx.site.index
    rows = []
    for n, m in enumerate(messages):
        own = f"/hdjl/lyb/detail_{n + 1}.html" if ctx.t.board_details else BOARD
        subject = board.a(own, m.subject) if ctx.t.board_details else m.subject
        replied = full_date(m.replied, variant) if m.replied else "—"
        cells = (subject, full_date(m.posted, variant), m.state, replied)
        if variant % 2:
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        else:
            rows.append(
                f'<li><span class="title">{cells[0]}</span><span>留言时间：{cells[1]}</span>'
                f"<span>状态：{cells[2]}</span><span>答复时间：{cells[3]}</span></li>"
            )
        if ctx.t.board_details:
            _detail(ctx, own, m)
        _truth(ctx, ctx.url(own), m)
    if variant % 2:
        head = "<tr><th>留言标题</th><th>留言时间</th><th>办理状态</th><th>答复时间</th></tr>"
        board.add(f'<h2>{name}</h2><table class="msg-list">{head}{"".join(rows)}</table>')
    else:
        board.add(f'<h2>{name}</h2><ul class="msg-list">{"".join(rows)}</ul>')
    ctx.store(board, render(ctx, board, (("/hdjl/index.html", ctx.section_name("hdjl")),)))


def _detail(ctx: Ctx, path: str, m: Message) -> None:
    page = Page(path, m.subject)
    v = ctx.site.index + 1
    page.add(
        f'<h1>{m.subject}</h1><table class="msg"><tr><th>留言时间</th>'
        f"<td>{full_date(m.posted, v)}</td></tr><tr><th>办理状态</th><td>{m.state}</td></tr>"
        "<tr><th>留言内容</th><td>希望有关部门尽快研究解决，谢谢。</td></tr>"
    )
    if m.replied is not None:
        page.add(
            f"<tr><th>答复单位</th><td>{ctx.site.name}办公室</td></tr>"
            f"<tr><th>答复时间</th><td>{full_date(m.replied, v)}</td></tr>"
            "<tr><th>答复内容</th><td>您反映的问题已转相关部门办理，感谢您的关注。</td></tr>"
        )
    page.add("</table>")
    ctx.store(page, render(ctx, page, ((BOARD, board_name(ctx)),)))


def _truth(ctx: Ctx, url: str, m: Message) -> None:
    posted = m.posted.isoformat()
    if m.truth == "unanswered":
        ctx.plant("unanswered_message", page=url, posted=posted, days=(ctx.as_of - m.posted).days)
    elif m.truth == "slow_reply":
        assert m.replied is not None
        days = (m.replied - m.posted).days
        ctx.plant("slow_reply", page=url, posted=posted, replied=m.replied.isoformat(), days=days)
    elif m.replied is None:
        age = (ctx.as_of - m.posted).days
        why = "留言未满三个月" if age < LATE_POSTED_DAYS[0] else "留言超出一年回看期"
        ctx.spare("unanswered_message", why, page=url, posted=posted)
    else:
        ctx.spare("unanswered_message", "留言已答复", page=url, posted=posted)
        ctx.spare("slow_reply", "留言按时答复", page=url, posted=posted)


def build_guides(ctx: Ctx) -> None:
    listing = Page(GUIDES, "办事指南")
    names = ctx.rng.sample(GUIDE_NAMES, GUIDES_PER_SITE)
    incomplete = set(ctx.rng.sample(range(GUIDES_PER_SITE), ctx.plan.incomplete_guides))
    links = []
    for n, name in enumerate(names):
        path = f"/bsfw/bszn/guide_{n + 1}.html"
        links.append(f"<li>{listing.a(path, name + '办事指南')}</li>")
        _guide(ctx, path, name, n in incomplete)
    listing.add(f'<h2>办事指南</h2><ul class="guide-list">{"".join(links)}</ul>')
    ctx.store(listing, render(ctx, listing, (("/bsfw/index.html", ctx.section_name("bsfw")),)))
    ctx.spare("blank_column", "办事指南目录不是空白栏目", page=ctx.url(GUIDES))


# The order guides print their elements in; GUIDE_EXTRAS are not required (README.md).
_GUIDE_ORDER = (
    "设定依据", "申请条件", "办理材料", "办理流程", "办理时限", "收费标准",
    "办理地点", "办理时间", "联系电话",
)  # fmt: skip
COMBINED_RATE = 0.3  # one "办理地点及时间" row for two elements, as Epoint guides print it
EXTRA_DROP_RATE = 0.4  # a complete guide without 办理时限 or 收费标准: still complete


def _guide(ctx: Ctx, path: str, name: str, incomplete: bool) -> None:
    """A guide with the seven required elements, or without one to three of them (planted).
    Every guide keeps at least four labels, so it is a guide by the check's definition."""
    rng = ctx.rng
    missing = sorted(rng.sample(sorted(GUIDE_ELEMENTS), rng.randint(1, 3))) if incomplete else []
    dropped = [e for e in GUIDE_EXTRAS if not missing and rng.random() < EXTRA_DROP_RATE]
    labels = {**GUIDE_ELEMENTS, **GUIDE_EXTRAS}
    shown = [
        (rng.choice(labels[e]), GUIDE_VALUES[e])
        for e in _GUIDE_ORDER
        if e not in missing and e not in dropped
    ]
    if "办理地点" not in missing and "办理时间" not in missing and rng.random() < COMBINED_RATE:
        where = next(i for i, (label, _) in enumerate(shown) if label.endswith("地点"))
        value = f"{GUIDE_VALUES['办理地点']}；{GUIDE_VALUES['办理时间']}"
        shown[where : where + 2] = [("办理地点及时间", value)]
    page = Page(path, f"{name}办事指南")
    if ctx.site.index % 2:
        rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in shown)
        page.add(f'<h1>{name}办事指南</h1><table class="bszn">{rows}</table>')
    else:
        parts = "".join(f"<h3>{label}</h3><p>{value}</p>" for label, value in shown)
        page.add(f'<h1>{name}办事指南</h1><div class="bszn">{parts}</div>')
    ctx.store(page, render(ctx, page, ((GUIDES, "办事指南"),)))
    url = ctx.url(path)
    if missing:
        ctx.plant("guide_incomplete", page=url, missing=missing)
    elif dropped:
        ctx.spare("guide_incomplete", f"缺少的{'、'.join(dropped)}不是必备要素", page=url)
    else:
        ctx.spare("guide_incomplete", "办事指南要素齐全", page=url)
