"""A message board's page read into messages: posting date, reply date, reply state, own URL.

Boards of government CMSs print one message per table row (TRS, 政府信箱 tables), per list item
(JCMS 领导信箱), per card (`div` blocks of newer templates) or per `dl` (dt the title, dd the
dates and state), and page with 下一页 links, `index_1.html` or `?page=2`. A message is the
smallest such block that shows one reply state and a date; its dates are read by their labels
(留言时间, 答复时间 …) when printed, else the earliest is the posting and, with exactly two, the
later the reply. A row that says nothing of its state is not a message here: a wrong finding
costs more than a missed one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ceping.scan import policy, urls
from ceping.scan.dates import full_dates

BOARD_WORDS = ("留言", "来信", "信件", "咨询", "问政", "信箱", "诉求", "建言")
# Unanswered states are tried first: "未回复" contains "回复".
UNANSWERED_WORDS = ("未回复", "待回复", "未答复", "待答复", "未办结", "办理中", "处理中", "待处理")
ANSWERED_WORDS = ("已回复", "已答复", "已办结", "已处理", "已反馈")
STATE_WORDS = UNANSWERED_WORDS + ANSWERED_WORDS
_STATE_RE = re.compile("|".join(STATE_WORDS))
_BLOCKS = "tr, li, div, dl, dd, article, section"
_LABEL_GAP = r"[:：\s]*"
_POSTED_LABEL = re.compile(rf"(?:留言|来信|提问|咨询|提交|写信|发布)(?:时间|日期){_LABEL_GAP}")
_REPLIED_LABEL = re.compile(rf"(?:回复|答复|办结|反馈|处理)(?:时间|日期){_LABEL_GAP}")
NEXT_WORDS = ("下一页", "下页", "后一页")
_INDEX_PAGE = re.compile(r"/index(?:_(\d+))?\.s?html?$")
_PAGE_PARAMS = ("page", "pageno", "pagenum", "pageindex", "currentpage", "p")


@dataclass(frozen=True)
class Message:
    url: str  # the message's own page when the block links one, else the board page
    posted: dt.date
    replied: dt.date | None  # None: not printed, or not told apart from other dates
    answered: bool


def is_board_text(title: str, text: str) -> bool:
    """A page titled for messages that shows reply states. The title, not the text: every page's
    footer says 咨询电话, and a 办件公示 list shows 已办结 with its own dates."""
    return bool(_STATE_RE.search(text)) and any(w in title for w in BOARD_WORDS)


def _text(node: LexborNode) -> str:
    return " ".join(node.text(separator=" ").split())


def _is_message(text: str) -> bool:
    return len(_STATE_RE.findall(text)) == 1 and bool(full_dates(text))


def _blocks(tree: LexborHTMLParser) -> list[tuple[LexborNode, str]]:
    """The smallest blocks that each show one message (a block holding another is its frame)."""
    showing = []
    budget = policy.MAX_BOARD_TEXT_CHARS
    for node in tree.css(_BLOCKS)[: policy.MAX_BOARD_BLOCKS]:
        text = _text(node)
        budget -= len(text)
        if budget < 0:
            # Nesting that repeats the text thousands of times: a hostile page, not read at all
            # (half read, a frame could pass for a message).
            return []
        if _is_message(text):
            showing.append((node, text))
    # Mark every ancestor of a message block: one walk up per block, however deep the nesting.
    frames: set[int] = set()
    for node, _ in showing:
        parent = node.parent
        while parent is not None and parent.mem_id not in frames:
            frames.add(parent.mem_id)
            parent = parent.parent
    return [(node, text) for node, text in showing if node.mem_id not in frames]


def _labelled(label: re.Pattern[str], text: str) -> dt.date | None:
    match = label.search(text)
    dates = full_dates(text[match.end() : match.end() + 24]) if match else []
    return dates[0] if dates else None


def _message(node: LexborNode, text: str, board_url: str, as_of: dt.date) -> Message | None:
    dates = sorted({d for d in full_dates(text) if d <= as_of})
    if not dates:
        return None
    answered = not any(w in text for w in UNANSWERED_WORDS)
    posted = _labelled(_POSTED_LABEL, text) or dates[0]
    replied = _labelled(_REPLIED_LABEL, text) if answered else None
    if answered and replied is None and len(dates) == 2:
        replied = dates[1]
    if replied is not None and (replied < posted or replied > as_of):
        replied = None
    link = node.css_first("a[href]")
    href = link.attributes.get("href") if link is not None else None
    own = urls.absolute(board_url, href) if href else None
    url = own if own and urls.site_key(own) == urls.site_key(board_url) else board_url
    return Message(url, posted, replied, answered)


def read_board(html: str, board_url: str, as_of: dt.date) -> list[Message]:
    """The messages one page of a board shows."""
    tree = LexborHTMLParser(html)
    found = (_message(node, text, board_url, as_of) for node, text in _blocks(tree))
    return [m for m in found if m is not None]


def next_page(html: str, page_url: str) -> str | None:
    """The board's next page: a 下一页 link, else the URL pattern of index_N.html / ?page=N."""
    tree = LexborHTMLParser(html)
    for link in tree.css("a[href]"):
        if _text(link).strip("<>›»[] ") in NEXT_WORDS:
            target = urls.absolute(page_url, link.attributes.get("href") or "")
            if target and target != page_url:
                return target
    following = _following(page_url)
    hrefs = {urls.absolute(page_url, a.attributes.get("href") or "") for a in tree.css("a[href]")}
    return following if following in hrefs else None


def _following(page_url: str) -> str:
    """The URL one page on, by the two patterns boards use."""
    parts = urlsplit(page_url)
    index = _INDEX_PAGE.search(parts.path)
    if index is not None:
        number = int(index.group(1) or 0) + 1
        path = parts.path[: index.start()] + f"/index_{number}.{parts.path.rsplit('.', 1)[1]}"
        return urlunsplit(parts._replace(path=path))
    query = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            query[i] = (key, str(int(value) + 1))
            return urlunsplit(parts._replace(query=urlencode(query)))
    if parts.path.endswith("/"):
        return urlunsplit(parts._replace(path=parts.path + "index_1.html"))
    return urlunsplit(parts._replace(query=urlencode([*query, ("page", "2")])))
