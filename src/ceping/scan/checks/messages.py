"""Message boards (互动回应差, 留言办理): messages left unanswered, or answered late.

A page is a board when its text names messages (留言, 来信, 咨询, …) and shows reply states
(已回复, 未回复, …). The page text the crawler keeps has lost its rows, so each board is fetched
again after the crawl, with its next pages (`scan.boards` reads the rows). Within the year
before as-of (the 2019 table looks back one year):
- a message shown unanswered, posted more than `unanswered_after_days` before as-of, is an
  `unanswered_message` (the single veto's 3 months);
- a message answered more than `slow_reply_days` after it was posted is a `slow_reply`.
A site whose only message pages are forms (留言 without any public list of messages and
replies) gets a `missing_feature` `message_list` naming the form's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ceping.scan import policy, urls
from ceping.scan.boards import BOARD_WORDS, Message, is_board_text, next_page, read_board
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.encoding import decode
from ceping.scan.models import (
    MISSING_FEATURE,
    SLOW_REPLY,
    UNANSWERED_MESSAGE,
    Finding,
    PageResult,
)

MESSAGE_LIST = "message_list"  # the feature a form-only board lacks
_BOARDS = "messages.boards"
_FORMS = "messages.forms"


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if not (page.ok and page.is_html):
        return ()
    if is_board_text(page.title, page.text):
        boards: list[str] = ctx.memo.setdefault(_BOARDS, [])
        if len(boards) < policy.MAX_MESSAGE_BOARDS_PER_SITE:
            boards.append(page.url)
    elif _is_message_form(page):
        ctx.memo.setdefault(_FORMS, []).append(page.url)
    return ()


def _is_message_form(page: PageResult) -> bool:
    """A page named for messages that posts a form: where people write, not where they read."""
    return any(w in page.title for w in BOARD_WORDS) and any(
        f.method == "post" and f.text_fields for f in page.forms
    )


def findings_of(
    messages: Iterable[Message], as_of: dt.date, unanswered_days: int, slow_days: int
) -> list[Finding]:
    """The findings of a board's messages; one per message page (or board and posting day)."""
    oldest = as_of - dt.timedelta(days=policy.MESSAGES_LOOKBACK_DAYS)
    found: dict[tuple[str, str, dt.date], Finding] = {}
    for m in messages:
        posted = m.posted.isoformat()
        waited = (as_of - m.posted).days
        if m.posted < oldest:
            continue
        if not m.answered and waited > unanswered_days:
            finding = Finding.make(UNANSWERED_MESSAGE, page=m.url, posted=posted, days=waited)
        elif m.replied is not None and (m.replied - m.posted).days > slow_days:
            took = (m.replied - m.posted).days
            replied = m.replied.isoformat()
            finding = Finding.make(
                SLOW_REPLY, page=m.url, posted=posted, replied=replied, days=took
            )
        else:
            continue
        found.setdefault((finding.kind, m.url, m.posted), finding)
    return list(found.values())


async def _board_messages(
    site: SiteView, board: str, as_of: dt.date, seen: set[str]
) -> list[Message]:
    """Every message of a board, page after page, until a page is all older than the year.

    `seen` holds the pages read for the site's other boards: the crawl finds a board's next
    pages as boards of their own, and each is read once.
    """
    messages: list[Message] = []
    url: str | None = board
    pages = 0
    oldest = as_of - dt.timedelta(days=policy.MESSAGES_LOOKBACK_DAYS)
    while url is not None and url not in seen and pages < policy.MAX_BOARD_PAGES:
        seen.add(url)
        pages += 1
        answer = await site.get(url)
        if answer is None or answer.body is None or not answer.is_html:
            break
        html, _ = decode(answer.body, answer.content_type)
        page = read_board(html, url, as_of)
        messages += page
        if page and all(m.posted < oldest for m in page):
            break
        following = next_page(html, url)
        url = following if following and urls.site_key(following) == urls.site_key(board) else None
    return messages


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    config = ctx.config
    boards: list[str] = ctx.memo.get(_BOARDS, [])
    messages: list[Message] = []
    seen: set[str] = set()
    for board in boards:
        messages += await _board_messages(site, board, config.as_of, seen)
    findings = findings_of(
        messages, config.as_of, config.unanswered_after_days, config.slow_reply_days
    )
    forms: list[str] = ctx.memo.get(_FORMS, [])
    if not boards and forms:
        findings.append(Finding.make(MISSING_FEATURE, feature=MESSAGE_LIST, probe=forms[0]))
    return SiteOutcome(tuple(findings))


CHECK = Check("messages", on_page=check_page, on_site=check_site)
