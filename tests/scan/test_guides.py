"""办事指南要素: a service guide lacking required elements is found in four markups (table, dl,
headings with paragraphs, "label：value" lines); a complete guide, a list of guides and a news
article about guides are clean."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.scan.pages_site import found

AS_OF = dt.date(2019, 6, 30)
ALL = ("设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")

# Each markup prints every element except 设定依据 and 办理时间, under the names guides use.
TABLE = """<table><tr><th>事项名称</th><td>个体工商户设立登记</td></tr>
<tr><th>受理条件</th><td>持有效身份证件</td></tr><tr><th>申请材料</th><td>申请书一份</td></tr>
<tr><th>办理地点</th><td>市民中心二楼</td></tr><tr><th>咨询电话</th><td>0771-1234567</td></tr>
<tr><th>办理流程</th><td>受理、审核、发证</td></tr></table>"""
DEFINITIONS = """<dl><dt>申请条件</dt><dd>持有效身份证件</dd><dt>申报材料</dt><dd>申请书一份</dd>
<dt>受理地点</dt><dd>市民中心二楼</dd><dt>联系方式</dt><dd>0771-1234567</dd>
<dt>办理程序</dt><dd>受理、审核、发证</dd></dl>"""
HEADINGS = """<h3>一、申请条件</h3><p>持有效身份证件。</p><h3>二、办理材料</h3><p>申请书一份。</p>
<h3>三、办公地址</h3><p>市民中心二楼。</p><h3>四、咨询电话</h3><p>0771-1234567。</p>
<h3>五、办事流程</h3><p>受理、审核、发证。</p>"""
LABEL_VALUE = """<p>1. 办理条件：持有效身份证件</p><p>2. 提交材料：申请书一份</p>
<p>3. 办理地址：市民中心二楼</p><p><strong>4. 服务电话：</strong>0771-1234567</p>
<p>5. 审批流程：受理、审核、发证</p>"""
COMPLETE = TABLE.replace(
    "</table>",
    "<tr><th>法律依据</th><td>《市场主体登记管理条例》</td></tr>"
    "<tr><th>办理时间</th><td>工作日 9:00-17:00</td></tr></table>",
)


def _guide(body: str, title: str = "个体工商户设立登记办事指南") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<div>当前位置：首页 &gt; 办事服务 &gt; 办事指南</div>{body}"
        "<p>版权所有：某市人民政府</p></body></html>"
    )


def _incomplete(pages: dict[str, str]) -> list[dict[str, Any]]:
    home = "<html><body>" + "".join(f'<a href="{p}">链接</a>' for p in pages) + "</body></html>"
    return found("guide_incomplete", {"/": home, **pages}, AS_OF)


@pytest.mark.parametrize("markup", [TABLE, DEFINITIONS, HEADINGS, LABEL_VALUE])
def test_a_guide_lacking_elements_names_them_in_every_markup(markup: str) -> None:
    assert _incomplete({"/bszn/1.html": _guide(markup)}) == [
        {"kind": "guide_incomplete", "page": "/bszn/1.html", "missing": "设定依据、办理时间"}
    ]


def test_a_complete_guide_is_clean() -> None:
    assert _incomplete({"/bszn/1.html": _guide(COMPLETE)}) == []


def test_one_heading_for_place_and_time_counts_for_both() -> None:
    # Epoint guides print "办理地点/时间" as one heading.
    combined = COMPLETE.replace("<th>办理地点</th>", "<th>办理地点/时间</th>").replace(
        "<tr><th>办理时间</th><td>工作日 9:00-17:00</td></tr>", ""
    )
    assert _incomplete({"/bszn/1.html": _guide(combined)}) == []


def test_pages_that_are_not_guides_are_clean() -> None:
    # A news article about guides mentions the elements in prose; a list of guides has none.
    news = _guide(
        "<p>近日，我局更新了全部事项的办事指南，明确申请条件、办理材料、办理流程和办理时限，"
        "群众可在网上查看办事指南后再到窗口办理。</p>",
        title="我局全面更新办事指南",
    )
    listing = _guide(
        '<ul><li><a href="/bszn/1.html">个体工商户设立登记</a></li>'
        '<li><a href="/bszn/2.html">食品经营许可</a></li></ul>',
        title="办事指南",
    )
    # The elements as labels on a page that is no guide (a form's field names): not judged.
    form = (
        "<html><head><title>在线申请</title></head><body><p>申请条件：</p><p>申请材料：</p>"
        "<p>办理地点：</p></body></html>"
    )
    assert _incomplete({"/news/1.html": news, "/bszn/": listing, "/apply.html": form}) == []


def test_a_notice_in_the_guides_column_is_not_a_guide() -> None:
    # A time, a place and a phone: three labels, as any notice under 办事指南 may give.
    notice = _guide(
        "<p>办理时间：2019年7月1日起</p><p>办理地点：市民中心二楼</p><p>咨询电话：0771-1234567</p>",
        title="关于延长居住证办理时间的通知",
    )
    assert _incomplete({"/bszn/notice.html": notice}) == []
