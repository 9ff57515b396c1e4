"""互动回应差 and 留言办理: messages left unanswered past 3 months, and replies later than the
window, on boards in four markups (table rows, list items, div cards, dl), over their next pages;
a site whose only message page is a form is told it shows no public list."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from ceping.scan import policy
from ceping.scan.boards import read_board
from ceping.scan.checks.messages import findings_of
from tests.scan.pages_site import scan_pages

AS_OF = dt.date(2019, 6, 30)
HOME = '<html><body><a href="/board.html">网上咨询</a></body></html>'

TABLE_BOARD = """<html><head><title>网上咨询</title></head><body><table>
<tr><th>留言标题</th><th>留言时间</th><th>状态</th></tr>
<tr><td><a href="/m1.html">关于办证的咨询</a></td><td>2019-02-01</td><td>未回复</td></tr>
<tr><td><a href="/m2.html">关于社保的咨询</a></td><td>2019-01-10</td><td>已回复</td></tr>
<tr><td><a href="/m3.html">关于公交的咨询</a></td><td>2019-05-20</td><td>未回复</td></tr>
<tr><td><a href="/m4.html">去年的咨询</a></td><td>2018-03-01</td><td>未回复</td></tr>
</table></body></html>"""

LIST_BOARD = """<html><head><title>领导信箱</title></head><body><ul class="letters">
<li><a href="/l1.html">小区噪音扰民</a><span>来信时间：2019年3月1日</span><em>办理中</em></li>
<li><a href="/l2.html">道路破损</a><span>来信时间：2019年1月5日</span>
  <em>已答复</em><span>答复时间：2019年1月20日</span></li>
<li><a href="/l3.html">路灯不亮</a><span>来信时间：2019年6月10日</span><em>待回复</em></li>
</ul></body></html>"""


def _scan(pages: dict[str, str]) -> tuple[str, list[dict[str, Any]]]:
    return scan_pages(pages, AS_OF)


def _found(kind: str, pages: dict[str, str]) -> list[dict[str, Any]]:
    """The findings of one kind, each with its page relative to the site."""
    url, findings = _scan(pages)
    return sorted(
        ({**f, "page": f.get("page", "").removeprefix(url)} for f in findings if f["kind"] == kind),
        key=str,
    )


def _unanswered(board: str) -> list[dict[str, Any]]:
    found = _found("unanswered_message", {"/": HOME, "/board.html": board})
    return [{"posted": f["posted"], "days": f["days"]} for f in found]


def test_table_board_unanswered_past_three_months_within_a_year() -> None:
    # m2 is answered, m3 waits 41 days, m4 is older than the year the table looks back on.
    assert _unanswered(TABLE_BOARD) == [{"posted": "2019-02-01", "days": 149}]


def test_list_board_in_chinese_dates() -> None:
    # l2 is answered (two dates, the earlier is the posting), l3 waits 20 days.
    assert _unanswered(LIST_BOARD) == [{"posted": "2019-03-01", "days": 121}]


def test_answered_and_recent_boards_are_clean() -> None:
    clean = TABLE_BOARD.replace("2019-02-01</td><td>未回复", "2019-02-01</td><td>已回复")
    assert _unanswered(clean) == []


def test_a_page_that_is_no_board_is_not_read() -> None:
    # Reply states without any word of messages: a work-progress table, not a board.
    table = (
        TABLE_BOARD.replace("网上咨询", "工作进展").replace("留言", "事项").replace("咨询", "事项")
    )
    assert _unanswered(table) == []


def _findings(html: str, slow_days: int = 15) -> list[dict[str, Any]]:
    messages = read_board(html, "http://a.gov.cn/board.html", AS_OF)
    return [f.to_json() for f in findings_of(messages, AS_OF, 90, slow_days)]


def test_the_window_is_more_than_ninety_days() -> None:
    row = "<table><tr><td>留言</td><td>{}</td><td>未回复</td></tr></table>"
    assert _findings(row.format("2019-04-01")) == []  # 90 days
    assert _findings(row.format("2019-03-31")) == [
        {
            "kind": "unanswered_message",
            "page": "http://a.gov.cn/board.html",  # no page of its own: the board's
            "posted": "2019-03-31",
            "days": 91,
        }
    ]


# Four markups of one board: m1 unanswered for 149 days, m2 answered after 30 days (late),
# m3 answered after 3 days, m4 in progress for 41 days. Dates by label, in two writings.
TABLE_ROWS = """<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th><th>状态</th></tr>
<tr><td><a href="/m1.html">办证咨询</a></td><td>2019-02-01</td><td></td><td>未回复</td></tr>
<tr><td><a href="/m2.html">社保咨询</a></td><td>2019-01-10</td><td>2019-02-09</td>
  <td>已回复</td></tr>
<tr><td><a href="/m3.html">公交咨询</a></td><td>2019-04-01</td><td>2019-04-04</td>
  <td>已回复</td></tr>
<tr><td><a href="/m4.html">噪音投诉</a></td><td>2019-05-20</td><td></td><td>处理中</td></tr>
</table>"""
LIST_ITEMS = """<ul>
<li><a href="/m1.html">办证咨询</a> 留言时间：2019年2月1日 <i>未回复</i></li>
<li><a href="/m2.html">社保咨询</a> 留言时间：2019年1月10日 答复时间：2019年2月9日
  <i>已答复</i></li>
<li><a href="/m3.html">公交咨询</a> 留言时间：2019年4月1日 答复时间：2019年4月4日
  <i>已答复</i></li>
<li><a href="/m4.html">噪音投诉</a> 留言时间：2019年5月20日 <i>办理中</i></li>
</ul>"""
DIV_CARDS = """<div class="list">
<div class="card"><h4><a href="/m1.html">办证咨询</a></h4>
  <div class="meta"><span>提问时间 2019-02-01</span></div><div class="st">待回复</div></div>
<div class="card"><h4><a href="/m2.html">社保咨询</a></h4>
  <div class="meta"><span>提问时间 2019-01-10</span><span>回复时间 2019-02-09</span></div>
  <div class="st">已回复</div></div>
<div class="card"><h4><a href="/m3.html">公交咨询</a></h4>
  <div class="meta"><span>提问时间 2019-04-01</span><span>回复时间 2019-04-04</span></div>
  <div class="st">已回复</div></div>
<div class="card"><h4><a href="/m4.html">噪音投诉</a></h4>
  <div class="meta"><span>提问时间 2019-05-20</span></div><div class="st">处理中</div></div>
</div>"""
DEFINITION_LISTS = """
<dl><dt><a href="/m1.html">办证咨询</a></dt><dd>来信日期：2019.02.01</dd><dd>未答复</dd></dl>
<dl><dt><a href="/m2.html">社保咨询</a></dt><dd>来信日期：2019.01.10</dd>
  <dd>答复日期：2019.02.09</dd><dd>已答复</dd></dl>
<dl><dt><a href="/m3.html">公交咨询</a></dt><dd>来信日期：2019.04.01</dd>
  <dd>答复日期：2019.04.04</dd><dd>已答复</dd></dl>
<dl><dt><a href="/m4.html">噪音投诉</a></dt><dd>来信日期：2019.05.20</dd><dd>处理中</dd></dl>
"""
EXPECTED = [
    {"kind": "slow_reply", "page": "m2.html", "posted": "2019-01-10", "replied": "2019-02-09",
     "days": 30},
    {"kind": "unanswered_message", "page": "m1.html", "posted": "2019-02-01", "days": 149},
]  # fmt: skip


def _board(body: str) -> str:
    return f"<html><head><title>网上咨询</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("markup", [TABLE_ROWS, LIST_ITEMS, DIV_CARDS, DEFINITION_LISTS])
def test_every_markup_gives_the_same_findings(markup: str) -> None:
    pages = {"/": HOME, "/board.html": _board(markup)}
    url, findings = _scan(pages)
    found = sorted(
        (
            {**f, "page": f["page"].removeprefix(url)}
            for f in findings
            if f["kind"] in ("slow_reply", "unanswered_message")
        ),
        key=lambda f: f["kind"],
    )
    assert found == EXPECTED


def test_replies_within_the_window_are_clean() -> None:
    # The same answered messages with a window of 30 days: m2 took 30, not more.
    html = _board(TABLE_ROWS)
    assert [f["kind"] for f in _findings(html, slow_days=30)] == ["unanswered_message"]
    assert [f["kind"] for f in _findings(html, slow_days=29)] == [
        "unanswered_message",
        "slow_reply",
    ]


def test_an_answer_without_its_reply_date_is_not_judged_late() -> None:
    # One date only (the posting), or three unlabelled dates: the reply date is not known.
    one = "<table><tr><td>留言</td><td>2019-01-10</td><td>已回复</td></tr></table>"
    three = (
        "<table><tr><td>留言</td><td>2019-01-10</td><td>2019-02-09</td><td>2019-03-01</td>"
        "<td>已回复</td></tr></table>"
    )
    assert _findings(one) == [] and _findings(three) == []


NUMBERED = """<html><head><title>领导信箱</title></head><body><table>
<tr><td><a href="/x{n}.html">来信{n}</a></td><td>{date}</td><td>{state}</td></tr></table>
<div class="page">{links}</div></body></html>"""


@pytest.mark.parametrize(
    ("first", "second", "next_link"),
    [
        ("/box/index.html", "/box/index_1.html", '<a href="index_1.html">下一页</a>'),
        ("/box/list.html", "/box/list.html?page=2", '<a href="?page=2">2</a>'),
        ("/box/list.jsp?page=1", "/box/list.jsp?page=2", '<a href="list.jsp?page=2">&gt;</a>'),
    ],
)
def test_the_next_pages_of_a_board_are_read(first: str, second: str, next_link: str) -> None:
    # Page one is clean; the unanswered message is on page two, reached by its link only.
    bodies = {
        "/": f'<html><body><a href="{first}">领导信箱</a></body></html>',
        first: NUMBERED.format(n=1, date="2019-06-01", state="已回复", links=next_link),
        second: NUMBERED.format(n=2, date="2019-01-02", state="未回复", links=""),
    }

    url, findings = scan_pages(bodies, AS_OF)
    base = url.removesuffix("/")
    found = [f for f in findings if f["kind"] == "unanswered_message"]
    assert [(f["page"].removeprefix(base), f["posted"]) for f in found] == [
        ("/x2.html", "2019-01-02")
    ]


FORM_ONLY = """<html><head><title>我要留言</title></head><body>
<form method="post" action="/submit"><input type="text" name="title">
<textarea name="content"></textarea><input type="submit" value="提交"></form></body></html>"""


def test_a_board_that_is_only_a_form_is_reported() -> None:
    home = '<html><body><a href="/write.html">我要留言</a></body></html>'
    found = _found("missing_feature", {"/": home, "/write.html": FORM_ONLY})
    messages = [f for f in found if f["feature"] == "message_list"]
    assert [(f["page"], f["probe"].rsplit("/", 1)[1]) for f in messages] == [("", "write.html")]


def test_a_form_beside_a_public_list_is_clean() -> None:
    home = '<html><body><a href="/write.html">我要留言</a><a href="/board.html">留言</a></body>'
    pages = {"/": home, "/write.html": FORM_ONLY, "/board.html": _board(TABLE_ROWS)}
    found = _found("missing_feature", pages)
    assert [f for f in found if f["feature"] == "message_list"] == []


def test_a_hostile_board_is_read_in_bounded_time() -> None:
    # Deep nesting repeats the text at every level; a flood of rows is cut at the block bound.
    deep = "<div>" * 5000 + "留言 2019-01-01 未回复 " + "字" * 200_000 + "</div>" * 5000
    wide = "<table>" + "<tr><td>留言 2019-01-01 未回复</td></tr>" * 20_000 + "</table>"
    started = time.perf_counter()
    assert read_board(deep, "http://a.gov.cn/b.html", AS_OF) == []
    assert len(read_board(wide, "http://a.gov.cn/b.html", AS_OF)) == policy.MAX_BOARD_BLOCKS
    assert time.perf_counter() - started < 20  # 155 s for the deep page before the bound


def test_a_list_of_handled_cases_is_no_board() -> None:
    # 办件公示: cases 已办结 30 days after they were received, a footer with 咨询电话.
    cases = """<html><head><title>办件公示</title></head><body><table>
<tr><td>食品经营许可</td><td>受理时间：2019-01-10</td><td>办结时间：2019-02-09</td>
  <td>已办结</td></tr></table><p>咨询电话：0771-1234567</p></body></html>"""
    home = '<html><body><a href="/cases.html">办件公示</a></body></html>'
    assert _found("slow_reply", {"/": home, "/cases.html": cases}) == []
