"""网站必备标识 (missing_identifier): footers as real government CMSs write them, and their gaps."""

from __future__ import annotations

import asyncio

import pytest

from ceping.scan import ScanConfig, policy
from ceping.scan.checks import site_markers
from ceping.scan.checks.base import CheckContext, SiteOutcome, SiteView
from ceping.scan.fetch import Response
from tests.scan.pagecheck import SITE, fields, page_of

ALL = ("site_code", "icp", "psb", "conac", "jiucuo")

CONAC_WRITE = (
    '<script type="text/javascript">document.write(unescape("%3Cspan id=\'_ideConac\' %3E'
    "%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/09/000/0000/60000001/"
    "CA090000000600000010001.js' type='text/javascript'%3E%3C/script%3E\"));</script>"
)
# TRS WCM-style district footer: a table, the 党政机关 badge written by conac's own script
# (document.write(unescape(...))), the 找错 entry loaded by its script tag.
TRS_FOOTER = f"""
<table class="foot"><tr><td>
主办：上海市某区人民政府办公室 &nbsp; 网站标识码：3100000001<br>
<a href="https://beian.miit.gov.cn/" target="_blank">沪ICP备05001234号-1</a> &nbsp;
<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010102000001">
<img src="/images/ga.png">沪公网安备 31010102000001号</a>
</td><td>
{CONAC_WRITE}
<script id="_jiucuo_" sitecode="3100000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
</td></tr></table>"""

# 大汉 JCMS-style footer: the badge and the 找错 entry as plain links with pictures.
JCMS_FOOTER = """
<div class="footer"><p>主办单位：某市人民政府办公室</p>
<p>网站标识码3201000001&nbsp;&nbsp;苏ICP备10210110号-1</p>
<p><a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=32010202000001">
<img src="/images/ga.png" alt="">苏公网安备 32010202000001号</a></p>
<a href="http://bszs.conac.cn/sitename?method=show&id=0A87C46FEE4D331AE053022819ACDC8C">
<img id="imgConac" src="/images/red.png"></a>
<a href="http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=3201000001">
<img src="/images/jiucuo.png" alt="政府网站找错"></a></div>"""

# A State Council department: its code in the <meta> only, the badge script loaded directly.
MINISTRY_PAGE_HEAD = '<meta name="SiteIDCode" content="bm17000009">'
MINISTRY_FOOTER = """
<div class="bottom"><span>版权所有：某部</span> <span>京ICP备05064165号</span>
<span>京公网安备 11040102700080号</span>
<script id="_jiucuo_" sitecode='bm17000009' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>
<script type="text/javascript" src="https://dcs.conac.cn/js/33/000/0000/60407915/CA330000000604079150001.js"></script>
</div>"""

# A home-grown template: 网站识别码, 找错 loaded by a loader function, the badge in a string.
HOMEGROWN_FOOTER = """
<div id="ft"><p>网站识别码：3505240010　闽ICP备05012345号　闽公网安备35052402000101号</p>
<div id="dzjg"></div>
<script>
loadScripts({url:'https://zfwzgl.www.gov.cn/exposure/jiucuo.js', id:'_jiucuo_',
             attr:{sitecode:'3505240010'}});
$('#dzjg').html(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='https://dcs.conac.cn/js/35/000/0000/1.js'%3E%3C/script%3E"));
</script></div>"""


def _home(footer: str, head: str = "") -> str:
    return (
        f'<html lang="zh-CN"><head><meta charset="utf-8">{head}<title>某某人民政府</title></head>'
        f'<body><div class="main"><a href="/xxgk/">信息公开</a></div>{footer}</body></html>'
    )


def _judge(
    html: str, identifiers: tuple[str, ...] = ALL
) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The check on `html` as the home page; any script it loads answers 404."""
    outcome, _ = _with_scripts(html, {}, identifiers)
    return fields(outcome.findings), outcome.features["identifiers"]


@pytest.mark.parametrize(
    ("footer", "head", "found"),
    [
        (
            TRS_FOOTER,
            "",
            {
                "site_code": "3100000001",
                "icp": "沪ICP备05001234号-1",
                "psb": "沪公网安备 31010102000001号",
                "conac": "页面脚本加载的党政机关网站标识",
                "jiucuo": "https://zfwzgl.www.gov.cn/exposure/jiucuo.js",
            },
        ),
        (
            JCMS_FOOTER,
            "",
            {
                "site_code": "3201000001",
                "icp": "苏ICP备10210110号-1",
                "psb": "苏公网安备 32010202000001号",
                "conac": "http://bszs.conac.cn/sitename?method=show&id=0A87C46FEE4D331AE053022819ACDC8C",
                "jiucuo": "http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=3201000001",
            },
        ),
        (
            MINISTRY_FOOTER,
            MINISTRY_PAGE_HEAD,
            {
                "site_code": "bm17000009",
                "icp": "京ICP备05064165号",
                "psb": "京公网安备 11040102700080号",
                "conac": "https://dcs.conac.cn/js/33/000/0000/60407915/CA330000000604079150001.js",
                "jiucuo": "https://zfwzgl.www.gov.cn/exposure/jiucuo.js",
            },
        ),
        (
            HOMEGROWN_FOOTER,
            "",
            {
                "site_code": "3505240010",
                "icp": "闽ICP备05012345号",
                "psb": "闽公网安备35052402000101号",
                "conac": "页面脚本加载的党政机关网站标识",
                "jiucuo": "页面脚本加载的“我为政府网站找错”入口",
            },
        ),
    ],
    ids=["trs", "jcms", "ministry", "homegrown"],
)
def test_complete_footers_of_real_cms_shapes_show_every_mark(
    footer: str, head: str, found: dict[str, str]
) -> None:
    assert _judge(_home(footer, head)) == ([], found)


def test_a_bare_footer_misses_every_mark_each_with_what_was_looked_for() -> None:
    findings, found = _judge(_home("<div class='foot'>版权所有 © 某某人民政府</div>"))
    assert found == {}
    assert [(f["identifier"], f["page"]) for f in findings] == [(name, SITE) for name in ALL]
    assert all(f["kind"] == "missing_identifier" and f["reason"] for f in findings)


def test_an_icp_number_only_in_an_image_alt_is_not_shown() -> None:
    footer = (
        "<p>网站标识码：3100000001 沪公网安备 31010102000001号</p>"
        '<a href="https://beian.miit.gov.cn/"><img src="/icp.png" alt="沪ICP备05001234号-1"></a>'
    )
    findings, found = _judge(_home(footer), identifiers=("site_code", "icp", "psb"))
    assert found == {"site_code": "3100000001", "psb": "沪公网安备 31010102000001号"}
    assert findings == [
        {
            "kind": "missing_identifier",
            "page": SITE,
            "identifier": "icp",
            "reason": "ICP备案编号只写在图片的替代文字中，页面上没有以文字显示",
        }
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "<p>网站标识码：310000001</p>",  # nine characters
        "<p>网站标识码：</p>",  # a template left unfilled
        "<p>标识码 31000000012345</p>",  # a longer number is something else
    ],
)
def test_a_malformed_site_code_is_missing(footer: str) -> None:
    findings, found = _judge(
        _home(footer, '<meta name="SiteIDCode" content="">'), identifiers=("site_code",)
    )
    assert found == {} and [f["identifier"] for f in findings] == ["site_code"]


def test_a_link_to_the_beian_sites_without_the_numbers_shows_neither() -> None:
    footer = (
        '<a href="https://beian.miit.gov.cn/">备案查询</a>'
        '<a href="http://www.beian.gov.cn/">公安备案</a> ICP备12345678号'  # no province
    )
    findings, found = _judge(_home(footer), identifiers=("icp", "psb"))
    assert found == {} and [f["identifier"] for f in findings] == ["icp", "psb"]


def test_jiucuo_counts_as_a_link_not_as_a_word_in_the_text() -> None:
    text_only = "<p>欢迎社会各界为本网站找错纠错。</p>"
    findings, _ = _judge(_home(text_only), identifiers=("jiucuo",))
    assert [f["identifier"] for f in findings] == ["jiucuo"]
    linked = '<a href="/jiucuo/form.html"><img src="/jc.png" alt="我为政府网站找错"></a>'
    assert _judge(_home(linked), identifiers=("jiucuo",)) == ([], {"jiucuo": "我为政府网站找错"})


def test_a_conac_word_in_ordinary_text_is_no_badge() -> None:
    findings, _ = _judge(_home("<p>党政机关网站标识正在申请中</p>"), identifiers=("conac",))
    assert [f["identifier"] for f in findings] == ["conac"]


def test_the_required_marks_come_from_the_config() -> None:
    bare = _home("<p>版权所有</p>")
    findings, _ = _judge(bare, identifiers=("icp",))
    assert [f["identifier"] for f in findings] == ["icp"]
    assert not site_markers.CHECK.enabled(ScanConfig(urls=(SITE,), check_identifiers=False))


def test_a_footer_written_by_an_inline_script_is_read() -> None:
    # The MIIT-style template: the whole footer written line by line with document.writeln.
    footer = (
        "<script>document.writeln(\"<div class='bottom'>\");"
        'document.writeln("<p>网站标识码：bm07000001 京ICP备05034670号-2</p>");'
        'document.writeln("<p>京公网安备 11040102700068号</p></div>");</script>'
    )
    assert _judge(_home(footer), identifiers=("site_code", "icp", "psb")) == (
        [],
        {
            "site_code": "bm07000001",
            "icp": "京ICP备05034670号-2",
            "psb": "京公网安备 11040102700068号",
        },
    )


def _with_scripts(
    html: str, scripts: dict[str, tuple[str, bytes]], identifiers: tuple[str, ...]
) -> tuple[SiteOutcome, list[str]]:
    """The check on `html` as the home page, its footer scripts served from `scripts` (path →
    content type, body); also the URLs it asked for."""
    asked: list[str] = []

    async def get(url: str) -> Response | None:
        asked.append(url)
        ctype, body = scripts.get(url.removeprefix(SITE.rstrip("/")), ("text/html", b""))
        status = 200 if body else 404
        return Response(url, url, status, content_type=ctype, body=body)

    async def probe(url: str) -> Response:
        raise AssertionError(f"no probe expected: {url}")

    home = page_of(html)
    config = ScanConfig(urls=(SITE,), identifiers=identifiers)
    view = SiteView(SITE, home, 1, get, probe)
    return asyncio.run(site_markers.CHECK.on_site(view, CheckContext(config, SITE))), asked  # type: ignore[misc]


# The 佛山 template (foot_2020.js): the whole footer, badges included, written by one script.
FOOT_2020 = """function createFoot2020(){
    document.write(
        '<div class="flink2"><ul><li><a href="http://www.foshan.gov.cn/qtlm/qzf/">区政府</a></li></ul>'+
        '<p><a class="icp" href="http://beian.miit.gov.cn">ICP备案号:粤ICP备05074746号</a>'+
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44060402000356">'+
        '粤公网安备 44060402000356号</a><span>网站标识码4406000048</span></p>'+
        '<a class="dzjg" href="//bszs.conac.cn/sitename?method=show&id=0B55E95A242A7CBC"></a>'+
        '<span id="_span_jiucuo"></span>'+
        '<script id="_jiucuo_" sitecode="4406000048" src="https://www.foshan.gov.cn/js/jiucuo.js"></script>'
    );
}
createFoot2020();
"""


def test_a_footer_written_by_an_external_script_is_read() -> None:
    home = _home('<div id="foot"><script src="/static/js/foot_2020.js"></script></div>')
    scripts = {"/static/js/foot_2020.js": ("application/javascript", FOOT_2020.encode())}
    outcome, asked = _with_scripts(home, scripts, ALL)
    assert asked == [f"{SITE}static/js/foot_2020.js"]
    assert outcome.findings == () and "identifiers_unjudged" not in outcome.features
    assert outcome.features["identifiers"] == {
        "site_code": "4406000048",
        "icp": "粤ICP备05074746号",
        "psb": "粤公网安备 44060402000356号",
        "conac": "页面脚本加载的党政机关网站标识",
        "jiucuo": "“我为政府网站找错”入口（_jiucuo_ 脚本或其图片链接）",
    }


def test_a_footer_script_in_gbk_is_read_and_what_it_lacks_is_missing() -> None:
    script = 'document.writeln("<p>网站标识码：3100000044 沪ICP备2021016245号-1</p>");'
    scripts = {"/js/footer.js": ("application/x-javascript; charset=gbk", script.encode("gbk"))}
    home = _home('<script src="/js/footer.js"></script>')
    outcome, _ = _with_scripts(home, scripts, ("site_code", "icp", "psb", "conac"))
    assert outcome.features["identifiers"] == {
        "site_code": "3100000044",
        "icp": "沪ICP备2021016245号-1",
    }
    assert [f["identifier"] for f in fields(outcome.findings)] == ["psb", "conac"]


@pytest.mark.parametrize(
    "scripts",
    [
        {},  # the script cannot be had (404, or robots.txt forbids it)
        # It fills the footer from elsewhere: nothing written the scan can read.
        {"/js/footer.js": ("application/javascript", b"$('#ft').load('/inc/foot.html');")},
    ],
    ids=["not-had", "writes-nothing"],
)
def test_a_footer_script_the_scan_cannot_read_leaves_the_missing_marks_unjudged(
    scripts: dict[str, tuple[str, bytes]],
) -> None:
    home = _home('<script src="/js/footer.js"></script>')
    outcome, _ = _with_scripts(home, scripts, ("site_code", "icp", "conac", "jiucuo"))
    # The marks may be in what footer.js writes, the badges too (the 佛山 and 徐汇 templates
    # write them there): none is reported missing, the feature says why.
    assert outcome.findings == ()
    assert outcome.features["identifiers_unjudged"] == {
        name: f"{SITE}js/footer.js" for name in ("site_code", "icp", "conac", "jiucuo")
    }


def test_a_page_showing_every_mark_has_its_footer_script_left_unread() -> None:
    home = _home(JCMS_FOOTER + '<script src="/js/footer.js"></script>')
    outcome, asked = _with_scripts(home, {}, ALL)
    assert outcome.findings == () and asked == []
    other_scripts = _home('<script src="/js/jquery.js"></script><script src="/js/foo.js"></script>')
    findings, _ = _judge(other_scripts, identifiers=("icp",))
    assert [f["identifier"] for f in findings] == ["icp"]


# The official snippets served through a proxy, a mirror or a local copy: known by their ids.
CONAC_BY_PROXY = (
    '<span id="_ideConac"><a href="https://ide.example.gov.cn/conac/show.html?id=0A87C46F">'
    '<img id="imgConac" src="images/blue.png"></a></span>'
)
CONAC_FILLED_BY_SCRIPT = (
    '<span id="_ideConac"></span>'
    '<script src="/local/js/33/000/0000/60440102/CA330000000604401020002.js"></script>'
)
JIUCUO_BY_MIRROR = (
    "<script id=\"_jiucuo_\" sitecode='bm39000001' "
    "src='http://pucha.kaipuyun.cn/exposure/jiucuo.js'></script>"
)
JIUCUO_IMAGE_LINK = (
    '<a href="http://121.43.68.40/exposure/jiucuo.html?site_code=bm17000009">'
    '<span><img src="/images/zc.png" title="我为政府网站找错"></span></a>'
)


@pytest.mark.parametrize(
    ("footer", "name", "value"),
    [
        (CONAC_BY_PROXY, "conac", "党政机关网站标识（页面中有官方标识的放置位置）"),
        (CONAC_FILLED_BY_SCRIPT, "conac", "党政机关网站标识（页面中有官方标识的放置位置）"),
        (
            CONAC_BY_PROXY.replace('id="_ideConac"', 'class="_ideConac"'),  # wanzai.gov.cn
            "conac",
            "党政机关网站标识（页面中有官方标识的放置位置）",
        ),
        (JIUCUO_BY_MIRROR, "jiucuo", "“我为政府网站找错”入口（_jiucuo_ 脚本或其图片链接）"),
        (JIUCUO_IMAGE_LINK, "jiucuo", "我为政府网站找错"),  # the link shows its image's title
    ],
    ids=["conac-proxy", "conac-script", "conac-class", "jiucuo-mirror", "jiucuo-image"],
)
def test_official_snippets_count_whatever_host_serves_them(
    footer: str, name: str, value: str
) -> None:
    assert _judge(_home(footer), identifiers=(name,)) == ([], {name: value})


@pytest.mark.parametrize(
    ("footer", "name"),
    [
        ('<span id="_ideConac"></span>', "conac"),  # an empty container shows nothing
        ('<span id="_ideConac"></span><script src="/js/common.js"></script>', "conac"),
        ('<span id="_ideConacX"><a href="/x.html"><img src="/r.png"></a></span>', "conac"),
        ('<script id="_jiucuo_" sitecode="bm39000001"></script>', "jiucuo"),  # loads nothing
        ('<script src="/js/jiucuo_helper.js"></script>', "jiucuo"),  # not the snippet
        ('<img src="/images/zc.png" alt="我为政府网站找错">', "jiucuo"),  # a picture, no link
    ],
    ids=["empty", "other-script", "other-id", "no-src", "other-file", "no-link"],
)
def test_lookalikes_of_the_official_snippets_are_no_mark(footer: str, name: str) -> None:
    findings, found = _judge(_home(footer), identifiers=(name,))
    assert found == {} and [f["identifier"] for f in findings] == [name]


@pytest.mark.parametrize(
    ("footer", "found"),
    [
        # MIIT numbers four provinces by their other names (a 丽江 管委会 and a 遂宁 footer).
        (
            "<li>版权所有：某旅游开发区管委会 滇ICP备09010050-5号</li>",
            {"icp": "滇ICP备09010050-5号"},
        ),
        ("<p>蜀ICP备：19038492号 网站标识码：5109000054</p>", {"icp": "蜀ICP备：19038492号"}),
        ("<p>ICP证：黔ICP备14000582号-1</p>", {"icp": "黔ICP备14000582号-1"}),
        ("<p>备案号：陇ICP备 05000593</p>", {"icp": "陇ICP备 05000593"}),
        # The police number under its label, without 某公网安备 (a 湖南 provincial bureau).
        ("<span>公安机关备案号：43010302000524</span>", {"psb": "公安机关备案号：43010302000524"}),
        ("<p>公安备案号 51090302000233</p>", {"psb": "公安备案号 51090302000233"}),
        (
            "<p>公安机关备案号：苏公网安备32011402012523号</p>",
            {"psb": "苏公网安备32011402012523号"},
        ),
    ],
    ids=["dian", "shu", "qian", "long", "psb-label", "psb-short-label", "psb-label-and-name"],
)
def test_every_province_s_numbers_and_the_labelled_police_number_are_read(
    footer: str, found: dict[str, str]
) -> None:
    assert _judge(_home(footer), identifiers=tuple(found)) == ([], found)


@pytest.mark.parametrize(
    ("footer", "name"),
    [
        ("<p>公安机关备案号：湘ICP备2024098725号</p>", "psb"),  # an ICP number under the label
        ("<p>公安机关备案号：</p>", "psb"),  # the label of a template left unfilled
        ("<p>滇ICP备案查询</p>", "icp"),  # no number
    ],
)
def test_a_label_without_its_number_is_no_mark(footer: str, name: str) -> None:
    findings, found = _judge(_home(footer), identifiers=(name,))
    assert found == {} and [f["identifier"] for f in findings] == [name]


MIIT_HOME = """<html lang="zh-CN"><head><meta name="SiteIDCode" content="bm07000001">
<script src="/static/js/jquery.js"></script><script src="/static/js/layui.all.js"></script>
</head><body><div class="main">正文</div>
<script src="/static/js/840397482ca5455aa2209d4942e43e72.js"></script>
<script src="/static/js/sharesc.js"></script></body></html>"""
MIIT_FOOTER = r"""document.writeln("<div class=\"footWrapd\"><div class=\"w1100 foot\">");
document.writeln("<p>京ICP备04000001号 京公网安备11040102700068号</p>");
document.writeln("<script id='_jiucuo_' sitecode='bm07000001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>");
document.writeln("<span id='_ideConac'><a href='http://bszs.conac.cn/sitename?method=show&amp;id=0728'>");
document.writeln("</a></span></div></div>");"""


def test_a_footer_written_by_a_script_named_by_a_hash_is_found_from_the_page_s_end() -> None:
    # MIIT's template: the footer comes from a script named by a hash, near the page's end.
    scripts = {
        "/static/js/840397482ca5455aa2209d4942e43e72.js": ("text/javascript", MIIT_FOOTER.encode()),
        "/static/js/sharesc.js": ("text/javascript", b"var share = 1;"),
    }
    outcome, asked = _with_scripts(MIIT_HOME, scripts, ALL)
    assert outcome.findings == ()
    assert set(outcome.features["identifiers"]) == set(ALL)
    # Libraries are not asked for; the search stops once every mark is found.
    assert [url.rsplit("/", 1)[1] for url in asked] == [
        "sharesc.js",
        "840397482ca5455aa2209d4942e43e72.js",
    ]


def test_scripts_read_for_the_marks_are_bounded_and_the_site_s_own() -> None:
    scripts = "".join(f'<script src="/js/s{n}.js"></script>' for n in range(20))
    scripts += '<script src="http://cdn.example.com/js/stats.js"></script>'
    outcome, asked = _with_scripts(_home(scripts), {}, ("icp",))
    assert len(asked) == policy.IDENTIFIER_SCRIPTS_READ
    assert all(url.startswith(SITE) for url in asked)
    assert [f["identifier"] for f in fields(outcome.findings)] == ["icp"]


@pytest.mark.parametrize(
    "footer",
    [
        # 青岛's template: the entry's image on a javascript: link, opening the platform.
        (
            '<a href="javascript:;"><img src="static/picture/jiucuo.png" alt=""'
            " onclick=\"Link('3702000025')\" /></a>"
        ),
        '<img src="/images/jiucuo.gif" onclick="Link()">',
        # 武汉's: a label on a link with no address, opened by a script.
        '<a onclick="Link1();cursor: pointer" target="_blank">网页纠错</a>',
        '<span onclick="openJiucuo()">我要找错</span>',
    ],
    ids=["image-on-link", "clicked-image", "label-no-href", "clicked-span"],
)
def test_the_jiucuo_entry_clicked_without_an_address_is_found(footer: str) -> None:
    findings, found = _judge(_home(footer), identifiers=("jiucuo",))
    assert findings == [] and "jiucuo" in found


@pytest.mark.parametrize(
    "footer",
    [
        '<img src="/images/jiucuo.png">',  # a picture no one can click
        '<a href="/x.html"><img src="/images/jiucuo_bg.png"></a>',  # another file
        '<a onclick="more()">关于开展政府网站内容纠错工作的通知</a>',  # a news title
        '<a onclick="more()">更多</a>',
    ],
)
def test_lookalikes_of_the_jiucuo_entry_are_no_mark(footer: str) -> None:
    findings, found = _judge(_home(footer), identifiers=("jiucuo",))
    assert found == {} and [f["identifier"] for f in findings] == ["jiucuo"]


def test_the_police_number_after_its_label_with_hao_is_read() -> None:
    # 深圳's template: the number inside the link after the label 粤公网安备号.
    footer = '粤公网安备号<a href="http://www.beian.gov.cn/">44030402003007</a>'
    assert _judge(_home(footer), identifiers=("psb",)) == (
        [],
        {"psb": "粤公网安备号 44030402003007"},
    )


@pytest.mark.parametrize(
    "slot",
    ['<div id="footer"></div>', '<div class="foot clearfix">  </div>', '<footer class="ft"/>'],
)
def test_an_empty_footer_a_script_fills_leaves_the_missing_marks_unjudged(slot: str) -> None:
    # 辽阳's saved page: `<div id="footer"></div>`, filled by a script from another file.
    home = _home(f'<meta name="SiteIDCode" content="2110000015">{slot}')
    outcome, _ = _with_scripts(home, {}, ("site_code", "icp", "conac"))
    assert outcome.findings == ()
    assert outcome.features["identifiers"] == {"site_code": "2110000015"}
    assert outcome.features["identifiers_unjudged"] == {
        "icp": site_markers.FILLED_FOOTER,
        "conac": site_markers.FILLED_FOOTER,
    }


def test_a_footer_with_content_is_judged() -> None:
    findings, _ = _judge(_home('<div id="footer"><p>版权所有</p></div>'), identifiers=("icp",))
    assert [f["identifier"] for f in findings] == ["icp"]
