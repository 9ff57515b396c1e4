"""Column pages as real CMSs draw them: lists found by shape, pinned items, empty lists.

The markups are written for these tests after the styles of TRS WCM, 大汉 JCMS, 拓尔思 海云,
集约化 templates and home-grown sites; none is copied from a site.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ceping.scan.fetch import Response
from ceping.scan.pages import page_from_response
from ceping.scan.parse import ParsedPage, parse_html

AS_OF = dt.date(2026, 6, 30)
URL = "http://www.a.gov.cn/col/index.html"
NAV = (
    '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
    '<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>'
)
TITLES = (
    "关于做好冬季安全生产工作的通知",
    "市政府常务会议研究部署重点工作",
    "2026年第一季度财政预算执行情况",
    "关于公布行政许可事项清单的公告",
)


def _page(body: str, head: str = "") -> ParsedPage:
    html = f"<html><head><title>通知公告</title>{head}</head><body>{NAV}{body}</body></html>"
    return parse_html(html, URL, AS_OF)


def _dates(page: ParsedPage) -> list[str]:
    return sorted(item.date for item in page.dated_items)


def _latest(page: ParsedPage) -> str:
    assert page.is_list_page
    return max(item.date for item in page.dated_items)


# Each style lists the same three articles, dated 2025-11-02, 2025-10-20 and 2025-09-05.
STYLES = {
    "trs_ul_span": (
        '<ul class="list_con">'
        '<li><a href="./202511/t20251102_301.html" title="{0}" target="_blank">{0}</a>'
        "<span>2025-11-02</span></li>"
        '<li><a href="./202510/t20251020_288.html" title="{1}">{1}</a><span>2025-10-20</span></li>'
        '<li><a href="./202509/t20250905_270.html" title="{2}">{2}</a><span>2025-09-05</span></li>'
        "</ul>"
    ),
    # 海云 / WCM 8: the template prints each date by script, where it stands; no date in the URL.
    "trs_dates_written_by_script": (
        '<ul class="news-list">'
        '<li><a href="content_301.shtml">{0}</a><span class="time">'
        "<script>document.write('2025-11-02');</script></span></li>"
        '<li><a href="content_288.shtml">{1}</a><span class="time">'
        '<script type="text/javascript">document.write("2025-10-20 09:30:00".substring(0,10))'
        "</script></span></li>"
        '<li><a href="content_270.shtml">{2}</a><span class="time">'
        "<script>document.write('2025-09-05');</script></span></li></ul>"
    ),
    "jcms_table_short_dates_year_from_url": (
        '<table width="100%">'
        '<tr><td width="12"><img src="/images/dot.gif"></td>'
        '<td><a href="/art/2025/11/2/art_1229_5511.html" title="{0}">{0}</a></td>'
        '<td class="bt_time" width="60">[11-02]</td></tr>'
        '<tr><td width="12"><img src="/images/dot.gif"></td>'
        '<td><a href="/art/2025/10/20/art_1229_5498.html" title="{1}">{1}</a></td>'
        '<td class="bt_time" width="60">[10-20]</td></tr>'
        '<tr><td width="12"><img src="/images/dot.gif"></td>'
        '<td><a href="/art/2025/9/5/art_1229_5470.html" title="{2}">{2}</a></td>'
        '<td class="bt_time" width="60">[09-05]</td></tr></table>'
    ),
    "jcms_datastore_script": (
        '<div id="56213"><script type="text/xml"><datastore><nextgroup><![CDATA[]]></nextgroup>'
        "<recordset>"
        '<record><![CDATA[<li><a href="/art/2025/11/2/art_1_1.html">{0}</a>'
        '<span class="bt-data-time">2025-11-02</span></li>]]></record>'
        '<record><![CDATA[<li><a href="/art/2025/10/20/art_1_2.html">{1}</a>'
        '<span class="bt-data-time">2025-10-20</span></li>]]></record>'
        '<record><![CDATA[<li><a href="/art/2025/9/5/art_1_3.html">{2}</a>'
        '<span class="bt-data-time">2025-09-05</span></li>]]></record>'
        "</recordset></datastore></script></div>"
    ),
    "div_item_time_before_link": (
        '<div class="news-box">'
        '<div class="item"><span class="time">2025.11.02</span><a href="/a/1.html">{0}</a></div>'
        '<div class="item"><span class="time">2025.10.20</span><a href="/a/2.html">{1}</a></div>'
        '<div class="item"><span class="time">2025.09.05</span><a href="/a/3.html">{2}</a></div>'
        "</div>"
    ),
    "haiyun_card_split_date": (
        '<div class="news-list">'
        '<a class="news-item" href="/c/1.html"><p class="tit">{0}</p>'
        '<p class="date"><span class="day">02</span><span class="ym">2025-11</span></p></a>'
        '<a class="news-item" href="/c/2.html"><p class="tit">{1}</p>'
        '<p class="date"><span class="day">20</span><span class="ym">2025-10</span></p></a>'
        '<a class="news-item" href="/c/3.html"><p class="tit">{2}</p>'
        '<p class="date"><span class="day">05</span><span class="ym">2025-09</span></p></a>'
        "</div>"
    ),
    "dl_dt_dd_pairs": (
        '<dl class="lb">'
        '<dt><a href="/d/1.html">{0}</a></dt><dd>2025年11月2日</dd>'
        '<dt><a href="/d/2.html">{1}</a></dt><dd>2025年10月20日</dd>'
        '<dt><a href="/d/3.html">{2}</a></dt><dd>2025年9月5日</dd></dl>'
    ),
    "p_items_date_in_text": (
        '<div class="con">'
        '<p>· <a href="/p/1.html">{0}</a>（2025-11-02）</p>'
        '<p>· <a href="/p/2.html">{1}</a>（2025-10-20）</p>'
        '<p>· <a href="/p/3.html">{2}</a>（2025-09-05）</p></div>'
    ),
    "flat_links_with_br": (
        '<table><tr><td class="main">'
        '<a href="/f/1.html">{0}</a>&nbsp;&nbsp;2025/11/02<br>'
        '<a href="/f/2.html">{1}</a>&nbsp;&nbsp;2025/10/20<br>'
        '<a href="/f/3.html">{2}</a>&nbsp;&nbsp;2025/09/05<br>'
        "</td></tr></table>"
    ),
    "xxgk_catalogue_table": (
        '<table class="xxgk_table"><tr><th>索引号</th><th>标题</th><th>文号</th>'
        "<th>发布日期</th></tr>"
        '<tr><td>11370000004/2025-00123</td><td><a href="/x/1.html">{0}</a></td>'
        "<td>鲁政办字〔2025〕12号</td><td>2025-11-02</td></tr>"
        '<tr><td>11370000004/2025-00098</td><td><a href="/x/2.html">{1}</a></td>'
        "<td>鲁政办字〔2025〕9号</td><td>2025-10-20</td></tr>"
        '<tr><td>11370000004/2025-00061</td><td><a href="/x/3.html">{2}</a></td>'
        "<td>鲁政办字〔2025〕5号</td><td>2025-09-05</td></tr></table>"
    ),
    "date_only_in_tooltip": (
        '<ul class="infoList">'
        '<li><a href="/t/1.html" title="{0}&#10;发布时间：2025-11-02 09:30">{0}</a></li>'
        '<li><a href="/t/2.html" title="{1}&#10;发布时间：2025-10-20 16:05">{1}</a></li>'
        '<li><a href="/t/3.html" title="{2}&#10;发布时间：2025-09-05 08:00">{2}</a></li></ul>'
    ),
    "times_and_weekdays": (
        '<div class="list"><ul>'
        '<li><a href="/w/1.html">{0}</a><em>2025年11月02日 星期日 10:30</em></li>'
        '<li><a href="/w/2.html">{1}</a><em>2025年10月20日 星期一 08:15</em></li>'
        '<li><a href="/w/3.html">{2}</a><em>2025年09月05日 星期五 17:40</em></li></ul></div>'
    ),
    # 天津 budget-disclosure page rules: <a href title target>, the date as yyyyMMdd.
    "compact_dates_after_a_titled_link": (
        '<ul class="yjs">'
        '<li><a href="/b/1.html" title="{0}" target="_blank">{0}</a><span>20251102</span></li>'
        '<li><a href="/b/2.html" title="{1}" target="_blank">{1}</a><span>20251020</span></li>'
        '<li><a href="/b/3.html" title="{2}" target="_blank">{2}</a><span>20250905</span></li></ul>'
    ),
    "two_digit_years_before_the_link": (
        '<ul class="news">'
        '<li><span class="listrig">25-11-02 09:30</span><a href="/y/1.html">{0}</a></li>'
        '<li><span class="listrig">25-10-20 16:05</span><a href="/y/2.html">{1}</a></li>'
        '<li><span class="listrig">25-09-05 08:00</span><a href="/y/3.html">{2}</a></li></ul>'
    ),
    "span_runs_in_a_cell": (
        '<div class="right"><span class="txt"><a href="/s/1.html">{0}</a>'
        '<font color="#999">[2025-11-02]</font></span><br>'
        '<span class="txt"><a href="/s/2.html">{1}</a>'
        '<font color="#999">[2025-10-20]</font></span><br>'
        '<span class="txt"><a href="/s/3.html">{2}</a><font color="#999">[2025-09-05]</font></span>'
        "</div>"
    ),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_list_styles_of_real_cmss(style: str) -> None:
    page = _page(STYLES[style].format(*TITLES))
    assert _dates(page) == ["2025-09-05", "2025-10-20", "2025-11-02"], style
    assert {item.title for item in page.dated_items} == set(TITLES[:3])


def test_short_dates_take_the_year_of_the_page_heading() -> None:
    rows = "".join(
        f'<li><a href="/n/{i}.html">{t}</a><span>{d}</span></li>'
        for i, (t, d) in enumerate(zip(TITLES, ("11-02", "10-20", "09-05"), strict=False))
    )
    page = _page(f'<h2>2024年 工作动态</h2><ul class="list">{rows}</ul>')
    assert _dates(page) == ["2024-09-05", "2024-10-20", "2024-11-02"]
    # Without a year anywhere, short dates are this year's, and never in the future.
    page = _page(f'<ul class="list">{rows}</ul>')
    assert _dates(page) == ["2025-09-05", "2025-10-20", "2025-11-02"]


@pytest.mark.parametrize(
    "crumb",
    [
        (
            '<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/2024/">2024年</a>'
            " &gt; 工作动态</div>"
        ),
        '<div id="breadcrumb"><a href="/">首页</a> » 2024年归档 » 工作动态</div>',
        '<p class="dqwz">您的位置：首页 &gt; 2024年 &gt; 工作动态</p>',
    ],
)
def test_short_dates_take_the_year_of_the_breadcrumb(crumb: str) -> None:
    rows = "".join(
        f'<li><a href="/n/{i}.html">{t}</a><span>{d}</span></li>'
        for i, (t, d) in enumerate(zip(TITLES, ("11-02", "10-20", "09-05"), strict=False))
    )
    page = _page(f'{crumb}<ul class="list">{rows}</ul>')
    assert _dates(page) == ["2024-09-05", "2024-10-20", "2024-11-02"]


def test_a_big_box_named_position_gives_no_year() -> None:
    rows = "".join(
        f'<li><a href="/n/{i}.html">{t}</a><span>{d}</span></li>'
        for i, (t, d) in enumerate(zip(TITLES, ("11-02", "10-20", "09-05"), strict=False))
    )
    # A layout box (`position-relative`) holds the whole list, "2024年" in a title included.
    title = "<p>2024年全市安全生产工作总结及今年重点任务安排</p>"
    body = f'<div class="position-relative">{title}<ul class="list">{rows}</ul></div>'
    assert _dates(_page(body)) == ["2025-09-05", "2025-10-20", "2025-11-02"]


def test_menus_link_boxes_and_footers_are_not_lists() -> None:
    menu = "".join(f'<li><a href="/m/{i}.html">栏目{i}</a></li>' for i in range(8))
    footer = (
        '<div class="footer"><p>主办：某市人民政府办公室 电话：0531-86051234</p>'
        "<p>© 2012-2026 版权所有 网站标识码3701000001</p></div>"
    )
    page = _page(f'<ul class="menu">{menu}</ul>{footer}')
    assert not page.is_list_page and not page.dated_items


def test_dates_inside_titles_are_not_publication_dates() -> None:
    rows = (
        '<li><a href="/q/1.html">关于2025年11月2日召开听证会的公告</a></li>'
        '<li><a href="/q/2.html">关于2025年10月20日停水的通知</a></li>'
        '<li><a href="/q/3.html">关于2025年9月5日开展演练的通知</a></li>'
    )
    page = _page(f'<ul class="list">{rows}</ul>')
    assert not page.dated_items


def test_future_dates_are_ignored() -> None:
    rows = (
        '<li><a href="/q/1.html">关于开展年度评估的通知</a><span>2027-03-01</span></li>'
        '<li><a href="/q/2.html">关于开展安全检查的通知</a><span>2025-10-20</span></li>'
        '<li><a href="/q/3.html">关于公布检查结果的通知</a><span>2025-09-05</span></li>'
    )
    assert _latest(_page(f'<ul class="list">{rows}</ul>')) == "2025-10-20"


def test_article_page_with_a_related_list_is_not_a_column() -> None:
    related = "".join(
        f'<li><a href="/r/{i}.html">{t}</a><span>2019-0{i + 1}-01</span></li>'
        for i, t in enumerate(TITLES)
    )
    head = '<meta name="ArticleTitle" content="通知"><meta name="PubDate" content="2019-05-01">'
    page = _page(f'<h1>通知</h1><p>正文</p><ul class="related">{related}</ul>', head)
    assert not page.is_list_page


# --- pinned items ---------------------------------------------------------------------------

OLD_ROWS = (
    '<li><a href="/o/1.html">关于公布检查结果的通知</a><span>2024-03-01</span></li>'
    '<li><a href="/o/2.html">关于开展安全检查的通知</a><span>2024-02-01</span></li>'
)


@pytest.mark.parametrize(
    "pinned",
    [
        '<li class="top"><a href="/p.html">网站工作年度报表</a><span>2026-06-01</span></li>',
        '<li><a href="/p.html">[置顶] 网站工作年度报表</a><span>2026-06-01</span></li>',
        (
            '<li><span class="zd">顶</span><a href="/p.html">网站工作年度报表</a>'
            "<span>2026-06-01</span></li>"
        ),
        (
            '<li><img src="/images/zhiding.gif" alt="置顶"><a href="/p.html">网站工作年度报表</a>'
            "<span>2026-06-01</span></li>"
        ),
        '<li><a href="/p.html">【顶】网站工作年度报表</a><span>2026-06-01</span></li>',
        '<li><em class="tag">顶</em><a href="/p.html">网站年度报表</a><span>2026-06-01</span></li>',
        '<li><img src="/i/ding.gif"><a href="/p.html">网站年度报表</a><span>2026-06-01</span></li>',
    ],
)
def test_pinned_items_do_not_make_a_column_fresh(pinned: str) -> None:
    assert _latest(_page(f'<ul class="list">{pinned}{OLD_ROWS}</ul>')) == "2024-03-01"


def test_a_list_of_only_pinned_items_keeps_them() -> None:
    rows = OLD_ROWS.replace("<li>", '<li class="top">')
    assert _latest(_page(f'<ul class="list">{rows}</ul>')) == "2024-03-01"


def test_top_in_a_word_is_not_a_pin() -> None:
    rows = OLD_ROWS.replace("<li>", '<li class="topic">', 1)
    first = '<li class="topic"><a href="/n.html">关于新政策的解读</a><span>2026-06-01</span></li>'
    assert _latest(_page(f'<ul class="list">{first}{rows}</ul>')) == "2026-06-01"
    # A loading spinner is no pin picture.
    first = (
        '<li><img src="/i/loading.gif"><a href="/n.html">关于新政策的解读</a>'
        "<span>2026-06-01</span></li>"
    )
    assert _latest(_page(f'<ul class="list">{first}{OLD_ROWS}</ul>')) == "2026-06-01"
    # 顶 within a title ("顶层设计") is a word, not a badge.
    first = '<li><a href="/n.html"><em>顶层设计</em>与基层探索</a><span>2026-06-01</span></li>'
    assert _latest(_page(f'<ul class="list">{first}{OLD_ROWS}</ul>')) == "2026-06-01"


# --- blank columns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "empty",
    [
        '<div class="list"><p>暂无信息</p></div>',
        '<div class="list"><p>暂无内容！</p></div>',
        "<table><tr><td>暂无数据</td></tr></table>",
        '<div class="main">本栏目正在建设中</div>',
        '<div class="main"><span>敬请期待</span></div>',
        '<ul class="list"></ul><div class="page">共0条 首页 上一页 下一页 尾页</div>',
        '<div class="pages">记录数：0 页数：1/1</div>',
        '<ul class="news_list">\n  </ul>',
        '<table class="xxgk"><tr><th>标题</th><th>发布日期</th></tr></table>',
        "<table><tr><td>序号</td><td>标题</td><td>发布日期</td></tr></table>",
        '<div class="default_pgContainer"></div>',
        '<div class="infoList"> </div>',
        '<div class="con"><img src="/html/images/no_data.jpg"></div>',
        '<div class="con"><img src="/i/1.png" alt="暂无数据"></div>',
        '<div class="con"><p>该栏目暂无任何信息。</p></div>',
        '<div class="con"><p>暂时没有相关内容</p></div>',
        '<ul class="list"><li>暂无</li></ul>',
        # 海云 / WCM 8: the list's one row says so; "none" names the row, no script shows it.
        '<ul class="news-list"><li class="none">没有相关信息</li></ul>',
    ],
)
def test_blank_columns(empty: str) -> None:
    page = _page(f"<h2>通知公告</h2>{empty}")
    assert page.is_list_page and not page.dated_items


@pytest.mark.parametrize(
    "body",
    [
        # Items, and "暂无" in a side box.
        STYLES["trs_ul_span"].format(*TITLES)
        + '<div class="side"><h3>在线访谈</h3><p>暂无信息</p></div>',
        # Undated titles, and "暂无" in a side box: not provably blank.
        '<ul class="list">'
        + "".join(f'<li><a href="/u/{i}.html">{t}</a></li>' for i, t in enumerate(TITLES))
        + '</ul><div class="side"><p>暂无数据</p></div>',
        # A sentence of an article that says 暂无.
        "<p>经核查，该企业目前暂无违法违规记录，相关部门将继续依法加强监督管理工作。</p>",
        # A list the browser fills from a script.
        '<ul id="newsList" class="list"></ul><script>$("#newsList").load("/api/list");</script>',
        # A search form laid out in a table.
        (
            '<form action="/s"><table><tr><td>标题：<input name="t"></td>'
            '<td>发布日期：<input name="d"></td></tr></table></form>'
        ),
        # A layout table and an empty decorative box.
        '<table><tr><td><img src="/banner.jpg"></td></tr></table><div class="info"></div>',
        # A spacer picture, and a "no data" one a script shows only when its list is empty.
        '<img src="/images/empty.gif"><img src="/i/nodata.png" style="display:none">',
    ],
)
def test_full_or_unknown_columns_are_not_blank(body: str) -> None:
    page = _page(body)
    assert not (page.is_list_page and not page.dated_items)


def test_error_page_served_with_200_is_not_a_column() -> None:
    page = _page('<div class="list"><p>抱歉，您访问的页面不存在！</p></div><ul class="list"></ul>')
    assert not page.is_list_page


def test_article_without_metas_and_an_empty_side_box_is_not_blank() -> None:
    sentence = "为进一步做好政府网站管理工作，根据有关规定，结合本地实际，现将有关事项通知如下。"
    body = f"<p>{sentence * 2}</p>" * 3
    page = _page(f'<h1>通知</h1>{body}<div class="side"><h3>相关附件</h3><p>暂无相关信息</p></div>')
    assert not page.is_list_page


def test_a_column_answering_404_is_not_judged_as_a_column() -> None:
    html = f"<html><body>{NAV}<ul class='list'></ul><p>暂无信息</p></body></html>"
    resp = Response(URL, URL, 404, content_type="text/html", body=html.encode())
    page = page_from_response(resp, 1, AS_OF)
    assert not page.is_list_page
    ok = page_from_response(
        Response(URL, URL, 200, content_type="text/html", body=html.encode()), 1, AS_OF
    )
    assert ok.is_list_page and not ok.dated_items


def test_article_without_metas_and_a_related_dated_list_is_not_a_column() -> None:
    sentence = "为进一步做好政府网站管理工作，根据有关规定，结合本地实际，现将有关事项通知如下。"
    related = "".join(
        f'<li><a href="/r/{i}.html">{t}</a><span>2019-0{i + 1}-01</span></li>'
        for i, t in enumerate(TITLES)
    )
    body = f"<h1>通知</h1>{f'<p>{sentence * 2}</p>' * 3}<h3>相关信息</h3><ul>{related}</ul>"
    assert not _page(body).is_list_page


def test_a_column_with_long_summaries_is_still_a_column() -> None:
    summary = "为进一步做好政府网站管理工作，根据有关规定，结合本地实际，现将有关事项通知如下。"
    rows = "".join(
        f'<div class="item"><h4><a href="/s/{i}.html">{t}</a></h4><p>{summary * 2}</p>'
        f'<span class="date">2024-0{i + 1}-01</span></div>'
        for i, t in enumerate(TITLES)
    )
    assert _latest(_page(f'<div class="list">{rows}</div>')) == "2024-04-01"


def test_sizes_counts_and_pages_are_not_dates() -> None:
    rows = (
        '<li><a href="/f/1.doc">申请表</a><span>12.5KB</span></li>'
        '<li><a href="/f/2.doc">承诺书</a><span>11-02KB</span></li>'
        '<li><a href="/f/3.doc">说明</a><span>1/3</span></li>'
    )
    page = _page(f'<ul class="down">{rows}</ul>')
    assert not page.dated_items


def test_a_latest_news_box_elsewhere_does_not_make_a_column_fresh() -> None:
    own = "".join(
        f'<li><a href="/zwgk/tzgg/202401/t2024010{i}_{i}.html">{t}</a>'
        f"<span>2024-01-0{i}</span></li>"
        for i, t in enumerate(TITLES[:3], start=1)
    )
    side = "".join(
        f'<li><a href="/zwgk/zcjd/202606/t2026060{i}_{i}.html">{t}</a>'
        f"<span>2026-06-0{i}</span></li>"
        for i, t in enumerate(TITLES[:3], start=1)
    )
    html = f'<ul class="list">{own}</ul><div class="side"><h3>最新发布</h3><ul>{side}</ul></div>'
    page = parse_html(html, "http://www.a.gov.cn/zwgk/tzgg/index.html", AS_OF)
    assert _latest(page) == "2024-01-03"
    # A section's landing page lists its columns' items: all of them count.
    landing = parse_html(html, "http://www.a.gov.cn/zwgk/index.html", AS_OF)
    assert _latest(landing) == "2026-06-03"


@pytest.mark.parametrize(
    "body",
    [
        '<ul class="newsList"></ul><script>render(document.querySelector(".newsList"));</script>',
        (
            '<div class="list_box"><ul class="list"></ul></div>'
            '<script>$.ajax({url: "/api/news", success: draw});</script>'
        ),
        '<ul class="list"><li>…</li></ul><div class="empty" style="display: none">暂无数据</div>',
        '<div class="no-data hide">暂无信息</div>',
        "<p hidden>暂无内容</p>",
        # "none" hides when the page's scripts load the list or show the message themselves.
        '<div class="no-data none">暂无信息</div><script>$.ajax({url: "/n", success: f});</script>',
        '<p class="dn">暂无内容</p><script>if (!rows.length) { $(".dn").show(); }</script>',
        # A list a script file of the site writes ("JS调用").
        '<div class="list_box"><ul class="list"><script src="/js/list_12.js"></script></ul></div>',
    ],
)
def test_lists_a_script_fills_are_not_blank(body: str) -> None:
    page = _page(body)
    assert not (page.is_list_page and not page.dated_items)


def test_more_empty_containers_and_tables_that_are_not() -> None:
    for empty in (
        '<div class="list_box"><ul></ul></div>',
        (
            '<table class="t"><thead><tr><th>标题</th><th>发布日期</th></tr></thead>'
            "<tbody></tbody></table>"
        ),
    ):
        page = _page(empty)
        assert page.is_list_page and not page.dated_items, empty
    facts = _page("<table><tr><th>标题</th><td>关于开展安全检查的通知</td></tr></table>")
    assert not facts.is_list_page


# --- a list of one ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        (
            '<ul class="list"><li><a href="a1.html">关于做好安全生产工作的通知</a>'
            "<span>2024-01-05</span></li></ul>"
        ),
        (
            '<div class="list_box"><ul class="news_list"><li><span>[2024-01-05]</span>'
            '<a href="/col/202401/t20240105_1.html">关于做好安全生产工作的通知</a></li></ul></div>'
        ),
        (
            '<table class="list"><tr><th>标题</th><th>日期</th></tr><tr><td>'
            '<a href="a1.html">关于做好安全生产工作的通知</a></td><td>2024-01-05</td></tr></table>'
        ),
    ],
)
def test_a_column_of_one_item(body: str) -> None:
    page = _page(body)
    assert _dates(page) == ["2024-01-05"] and page.is_list_page


@pytest.mark.parametrize(
    "body",
    [
        # Two boxes of one item each: side boxes, not the column.
        (
            '<ul class="list"><li><a href="a1.html">关于做好安全生产工作的通知</a>'
            '<span>2024-01-05</span></li></ul><ul class="news"><li><a href="a2.html">'
            "市政府常务会议研究部署重点工作</a><span>2024-02-05</span></li></ul>"
        ),
        # One item elsewhere on the site: a "latest" box, not this column's.
        (
            '<ul class="list"><li><a href="/zwgk/a1.html">关于做好安全生产工作的通知</a>'
            "<span>2024-01-05</span></li></ul>"
        ),
        # A link without a date.
        '<ul class="list"><li><a href="a1.html">返回上一级栏目</a></li></ul>',
    ],
)
def test_lone_links_that_are_no_column_of_one(body: str) -> None:
    assert not _page(body).dated_items
