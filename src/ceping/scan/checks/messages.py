"""Message boards (互动回应差): a message shown as unanswered for more than the window.

A page is a message board when its text names messages (留言, 来信, 咨询, …) and shows reply
states (已回复, 未回复, …). The page text the crawler keeps has lost its rows, so a board is
fetched once more after the crawl and its rows (`tr`, `li`, `dd`) read here: a row whose
state is unanswered and whose earliest date (the posting) lies more than the window before
as-of, and within the year before it (the 2019 table looks back one year), is a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from selectolax.lexbor import LexborHTMLParser

from ceping.scan import policy
from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.dates import full_dates
from ceping.scan.encoding import decode
from ceping.scan.models import UNANSWERED_MESSAGE, Finding, PageResult

BOARD_WORDS = ("留言", "来信", "信件", "咨询", "问政", "信箱", "诉求")
# Unanswered states are tried first: "未回复" contains "回复".
UNANSWERED_WORDS = ("未回复", "待回复", "未答复", "待答复", "未办结", "办理中", "处理中", "待处理")
ANSWERED_WORDS = ("已回复", "已答复", "已办结", "已处理", "已反馈")
_BOARDS = "messages.boards"


def is_board(page: PageResult) -> bool:
    text = f"{page.title}\n{page.text}"
    has_states = any(w in page.text for w in UNANSWERED_WORDS + ANSWERED_WORDS)
    return has_states and any(w in text for w in BOARD_WORDS)


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    if page.ok and page.is_html and is_board(page):
        boards: list[str] = ctx.memo.setdefault(_BOARDS, [])
        if len(boards) < policy.MAX_MESSAGE_BOARDS_PER_SITE:
            boards.append(page.url)
    return ()


def _rows(html: str) -> Iterator[str]:
    tree = LexborHTMLParser(html)
    for node in tree.css("tr, li, dd"):
        if len(node.css("tr, li, dd")) <= 1:  # a leaf row (css() matches the node itself)
            yield " ".join(node.text(separator=" ").split())


def unanswered(html: str, page: str, as_of: dt.date, window_days: int) -> list[Finding]:
    """The messages of one board page left unanswered past the window, within a year."""
    oldest = as_of - dt.timedelta(days=policy.MESSAGES_LOOKBACK_DAYS)
    found = []
    for row in _rows(html):
        if not any(w in row for w in UNANSWERED_WORDS):
            continue
        dates = [d for d in full_dates(row) if d <= as_of]
        if not dates:
            continue
        posted = min(dates)
        days = (as_of - posted).days
        if days > window_days and posted >= oldest:
            found.append(
                Finding.make(UNANSWERED_MESSAGE, page=page, posted=posted.isoformat(), days=days)
            )
    return found


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    findings: list[Finding] = []
    for url in ctx.memo.get(_BOARDS, []):
        again = await site.get(url)
        if again is None or again.body is None or not again.is_html:
            continue
        html, _ = decode(again.body, again.content_type)
        findings += unanswered(html, url, ctx.config.as_of, ctx.config.unanswered_after_days)
    return SiteOutcome(tuple(findings))


CHECK = Check("messages", on_page=check_page, on_site=check_site)
