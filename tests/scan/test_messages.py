"""互动回应差: messages left unanswered past 3 months are found on boards in two markups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web

from ceping.scan import ScanConfig, run_scan
from ceping.scan.checks.messages import unanswered
from tests.web.loopback import serve_handler

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


@contextmanager
def _site(pages: dict[str, str]) -> Iterator[str]:
    async def handle(request: web.Request) -> web.Response:
        if request.path not in pages:
            return web.Response(status=404, text="not found")
        return web.Response(text=pages[request.path], content_type="text/html")

    with serve_handler(handle) as base:
        yield f"{base}/"


def _unanswered(board: str) -> list[dict[str, Any]]:
    with _site({"/": HOME, "/board.html": board}) as url:
        config = ScanConfig(
            urls=(url,),
            as_of=AS_OF,
            allow_private=True,
            check_typos=False,
            check_https=False,
            check_external=False,
            backoff_s=0.05,
        )
        (report,) = run_scan(config)
    found = [f for f in report.to_json()["findings"] if f["kind"] == "unanswered_message"]
    assert all(f["page"] == url + "board.html" for f in found)
    return sorted(({"posted": f["posted"], "days": f["days"]} for f in found), key=str)


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


def test_the_window_is_more_than_ninety_days() -> None:
    row = "<table><tr><td>留言</td><td>{}</td><td>未回复</td></tr></table>"
    assert unanswered(row.format("2019-04-01"), "p", AS_OF, 90) == []  # 90 days
    (found,) = unanswered(row.format("2019-03-31"), "p", AS_OF, 90)
    assert found.to_json() == {
        "kind": "unanswered_message",
        "page": "p",
        "posted": "2019-03-31",
        "days": 91,
    }
