"""Mobile and 适老化 basics (no_viewport, missing_alt, no_accessible_mode, no_lang) and
sensitive words; one end-to-end `ceping scan` of a loopback site shows them in its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiohttp import web

from ceping.scan import ScanConfig
from ceping.scan.checks import accessible_mode, alt_text, lang, sensitive_words, viewport
from ceping.scan.checks.base import Check
from ceping.scan.codec import config_from_json, config_to_json, page_from_json, page_to_json
from tests.commands import run_ceping
from tests.scan.pagecheck import SITE, fields, page_of, run_check
from tests.web.loopback import serve_handler


def _html(body: str = "", head: str = "", html_attrs: str = ' lang="zh-CN"') -> str:
    return (
        f'<!DOCTYPE html><html{html_attrs}><head><meta charset="utf-8">{head}'
        f"<title>某某区人民政府</title></head><body>{body}</body></html>"
    )


def _kinds(check: Check, *pages_html: str, **config: object) -> list[dict[str, object]]:
    pages = [
        page_of(h, f"{SITE}{'' if i == 0 else f'p{i}.html'}", min(i, 1))
        for i, h in enumerate(pages_html)
    ]
    return fields(run_check(check, *pages, **config).findings)


# -- viewport --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta name="viewport" content="width=1200">',
        '<meta name="keywords" content="width=device-width">',
        # Reading the user agent for statistics is no redirect to a mobile site.
        "<script>var ua = navigator.userAgent; stats.send(ua);</script>",
    ],
)
def test_a_home_page_without_a_device_width_viewport_is_not_adapted(head: str) -> None:
    found = _kinds(viewport.CHECK, _html("<p>正文</p>", head))
    assert [f["kind"] for f in found] == ["no_viewport"]
    assert found[0]["page"] == SITE
    assert found[0].get("declared") == ("width=1200" if "1200" in head else None)


UA_REDIRECT = (
    "<script>if (/iPhone|Android/i.test(navigator.userAgent)) "
    "{ window.location.href = 'http://m.example.gov.cn/'; }</script>"
)
MOBILE_ALTERNATE = '<link rel="alternate" media="only screen and (max-width: 640px)" href="http://m.example.gov.cn/">'


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ('<meta name="viewport" content="width=device-width, initial-scale=1">', ""),
        ('<meta name="Viewport" content="Width = Device-Width">', ""),
        ('<meta name="mobile-agent" content="format=html5; url=http://m.example.gov.cn/">', ""),
        (MOBILE_ALTERNATE, ""),
        ("", '<a href="/m/">手机版</a>'),
        ("", UA_REDIRECT),
        ('<script src="/js/uaredirect.js"></script>', '<script>uaredirect("/m/");</script>'),
    ],
)
def test_a_viewport_or_a_mobile_site_is_adaptation(head: str, body: str) -> None:
    assert _kinds(viewport.CHECK, _html(body, head)) == []


# -- lang --------------------------------------------------------------------------------------


@pytest.mark.parametrize("attrs", ["", ' lang=""', ' class="zh"'])
def test_an_html_element_without_lang_is_found(attrs: str) -> None:
    assert _kinds(lang.CHECK, _html("<p>正文</p>", html_attrs=attrs)) == [
        {"kind": "no_lang", "page": SITE}
    ]


@pytest.mark.parametrize(
    "attrs",
    [' lang="zh-CN"', ' lang="zh"', ' xml:lang="zh-CN" xmlns="http://www.w3.org/1999/xhtml"'],
)
def test_a_declared_language_is_enough(attrs: str) -> None:
    assert _kinds(lang.CHECK, _html("<p>正文</p>", html_attrs=attrs)) == []


# -- accessible mode ---------------------------------------------------------------------------


INLINE_LOADER = (
    "<script>var s=document.createElement('script');"
    "s.src='https://wza.cniil.example/toolbar.js';document.body.appendChild(s);</script>"
)


@pytest.mark.parametrize(
    "body",
    [
        '<a href="/wza/index.html">无障碍浏览</a>',
        '<a href="javascript:void(0)" onclick="toggleElder()">长者模式</a>',
        '<button type="button" id="careBtn">关怀版</button>',
        '<a href="/old/"><img src="/img/shl.png" alt="适老化服务"></a>',
        '<a href="javascript:;" onclick="aria.start()"><img src="/img/wza.png" alt="无障碍"></a>',
        '<script src="//slhsrv.southcn.com/wza/aria.js?app=www-example-gov-cn"></script>',
        INLINE_LOADER,
    ],
    ids=[
        "link",
        "javascript-link",
        "button",
        "image-link",
        "javascript-icon",
        "aria-loader",
        "inline-loader",
    ],
)
def test_an_accessible_entry_or_toolbar_is_found_as_present(body: str) -> None:
    assert _kinds(accessible_mode.CHECK, _html(f"<div class='top'>{body}</div><p>正文</p>")) == []


@pytest.mark.parametrize(
    "body",
    [
        "<p>正文</p>",
        '<ul><li><a href="/n/1.html">我区召开无障碍环境建设推进会议部署下阶段工作</a></li></ul>',
        '<img src="/n/2.jpg" alt="志愿者在社区无障碍通道旁为老人讲解政策">',
        '<script src="/js/jquery.min.js"></script><script src="/js/assistant-chat.js"></script>',
    ],
    ids=["nothing", "news-title", "news-photo", "other-scripts"],
)
def test_no_entry_is_found_missing(body: str) -> None:
    assert _kinds(accessible_mode.CHECK, _html(body)) == [
        {"kind": "no_accessible_mode", "page": SITE}
    ]


# -- alt text ----------------------------------------------------------------------------------


def _images(with_alt: int, without: int, start: int = 0) -> str:
    good = "".join(f'<img src="/pic/a{start + i}.jpg" alt="图片{i}">' for i in range(with_alt))
    bad = "".join(f'<img src="/pic/b{start + i}.jpg">' for i in range(without))
    blank = '<img src="/pic/blank-alt.jpg" alt=" ">' if without else ""
    return good + bad + blank


def test_a_site_whose_images_mostly_lack_alt_is_found_once_with_examples() -> None:
    found = _kinds(alt_text.CHECK, _html(_images(2, 3)), _html(_images(0, 4, start=3)))
    assert found == [
        {
            "kind": "missing_alt",
            "page": SITE,
            "url": f"{SITE}pic/b0.jpg",
            "share": 0.8,
            "images": 10,
            "without_alt": 8,
            "examples": " ".join(
                f"{SITE}pic/{n}.jpg" for n in ("b1", "b2", "blank-alt", "b3", "b4")
            ),
        }
    ]


def test_images_with_alt_decoration_spacers_and_pixels_are_fine() -> None:
    decoration = (
        '<img src="/img/line.png" alt="" role="presentation">'
        '<img src="/img/corner.png" aria-hidden="true">'
        '<img src="/img/spacer.gif"><img src="/stat/p.gif" width="1" height="1">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">'
    )
    assert _kinds(alt_text.CHECK, _html(_images(5, 0) + decoration * 3)) == []


def test_the_share_and_the_minimum_come_from_the_config() -> None:
    half = _html(_images(3, 2))  # 3 without alt (2 + the blank one) of 6
    assert _kinds(alt_text.CHECK, half) == []
    assert [f["without_alt"] for f in _kinds(alt_text.CHECK, half, missing_alt_share=0.4)] == [3]
    few = _html(_images(0, 2))
    assert _kinds(alt_text.CHECK, few) == []  # 3 images say little about a site
    assert [f["images"] for f in _kinds(alt_text.CHECK, few, missing_alt_min_images=3)] == [3]


def test_an_image_missing_alt_on_any_page_counts_as_missing() -> None:
    shown_with = _html('<img src="/pic/x.jpg" alt="x">' + _images(4, 0))
    shown_without = _html('<img src="/pic/x.jpg">')
    found = _kinds(alt_text.CHECK, shown_with, shown_without, missing_alt_share=0.1)
    assert [(f["url"], f["page"]) for f in found] == [(f"{SITE}pic/x.jpg", f"{SITE}p1.html")]


# -- sensitive words ---------------------------------------------------------------------------


def test_listed_words_in_visible_text_are_found_with_their_context() -> None:
    # Twenty characters either side, on one line; the text as the page shows it, unescaped here
    # and escaped wherever it is displayed.
    body = "<p>这是一段测试文字，其中包含违禁词甲，还有<b>&lt;违禁词乙&gt;</b>。</p>"
    found = _kinds(sensitive_words.CHECK, _html(body), sensitive_words=("违禁词甲", "违禁词乙"))
    assert found == [
        {
            "kind": "sensitive_word",
            "page": SITE,
            "text": "违禁词乙",
            "context": "一段测试文字，其中包含违禁词甲，还有 <违禁词乙> 。",
        },
        {
            "kind": "sensitive_word",
            "page": SITE,
            "text": "违禁词甲",
            "context": "这是一段测试文字，其中包含违禁词甲，还有 <违禁词乙> 。",
        },
    ]


def test_words_outside_the_visible_text_are_not_found() -> None:
    body = (
        '<script>var w = "违禁词甲";</script><style>.违禁词甲{}</style>'
        '<img src="/a.png" alt="违禁词甲"><a href="/违禁词甲.html" title="违禁词甲">链接</a>'
    )
    assert _kinds(sensitive_words.CHECK, _html(body), sensitive_words=("违禁词甲",)) == []


def test_a_word_in_a_shared_footer_is_reported_once_on_the_first_page() -> None:
    footer = "<div class='foot'>地址：违禁词甲路1号</div>"
    found = _kinds(
        sensitive_words.CHECK,
        _html(footer),
        _html(footer),
        _html(footer),
        sensitive_words=("违禁词甲",),
    )
    assert [f["page"] for f in found] == [SITE]


def test_no_list_means_no_check() -> None:
    assert not sensitive_words.CHECK.enabled(ScanConfig(urls=(SITE,)))
    assert sensitive_words.CHECK.enabled(ScanConfig(urls=(SITE,), sensitive_words=("甲",)))


# -- end to end --------------------------------------------------------------------------------

BARE_HOME = _html(
    '<div class="nav"><a href="/xxgk/">信息公开</a></div>'
    '<div style="display:none"><a href="http://ylc.example.net/">娱乐城</a></div>'
    '<img src="/pic/1.jpg"><img src="/pic/2.jpg"><img src="/pic/3.jpg"><img src="/pic/4.jpg">'
    '<img src="/pic/5.jpg" alt="风景"><p>本站地址：违禁词甲路1号</p>',
    html_attrs="",
)
GOOD_HOME = _html(
    '<a href="/wza/">无障碍浏览</a><p>网站标识码：3100000001 沪ICP备05001234号-1 '
    '沪公网安备 31010102000001号</p><a href="http://bszs.conac.cn/sitename?id=1">'
    '<img src="/red.png" alt="党政机关"></a><a href="http://zfwzzc.www.gov.cn/">找错</a>',
    head='<meta name="viewport" content="width=device-width">',
)


def test_ceping_scan_writes_the_page_findings_into_its_json(tmp_path: Path) -> None:
    async def handle(request: web.Request) -> web.Response:
        if request.path == "/":
            return web.Response(text=BARE_HOME, content_type="text/html")
        if request.path == "/good/":
            return web.Response(text=GOOD_HOME, content_type="text/html")
        return web.Response(status=404)

    words = tmp_path / "words.txt"
    words.write_text("# 测试词表\n违禁词甲\n", encoding="utf-8")
    out = tmp_path / "scan.json"
    with serve_handler(handle) as base:
        done = run_ceping(
            tmp_path, "scan", f"{base}/", f"{base}/good/", "--json", str(out), "--allow-private",
            "--quiet", "--no-typos", "--no-external", "--sensitive-words", str(words),
            "--max-depth", "0",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    bare, good = json.loads(out.read_text(encoding="utf-8"))["sites"]
    page_kinds = {
        "missing_identifier", "hidden_link", "sensitive_word", "no_viewport", "missing_alt",
        "no_accessible_mode", "no_lang",
    }  # fmt: skip
    found = [f for f in bare["findings"] if f["kind"] in page_kinds]
    assert sorted({f["kind"] for f in found}) == sorted(page_kinds)
    assert sorted(f["identifier"] for f in found if f["kind"] == "missing_identifier") == sorted(
        ["site_code", "icp", "psb", "conac", "jiucuo"]
    )
    (hidden,) = [f for f in found if f["kind"] == "hidden_link"]
    assert (hidden["url"], hidden["reason"], hidden["keyword"]) == (
        "http://ylc.example.net/",
        "display_none",
        "娱乐城",
    )
    (word,) = [f for f in found if f["kind"] == "sensitive_word"]
    # The hidden block's text is part of the page's text: a sensitive word hidden is still there.
    assert (word["text"], word["context"]) == (
        "违禁词甲",
        "信息公开 娱乐城 本站地址：违禁词甲路1号",
    )
    (alt,) = [f for f in found if f["kind"] == "missing_alt"]
    assert (alt["images"], alt["without_alt"]) == (5, 4)
    assert [f for f in good["findings"] if f["kind"] in page_kinds] == []
    assert good["features"]["identifiers"]["site_code"] == "3100000001"


def test_signals_and_word_lists_survive_the_store_a_resumed_scan_reads() -> None:
    html = _html(
        '<div style="display:none"><a href="http://ylc.example.net/">娱乐城</a></div>'
        '<img src="/pic/1.jpg"><img src="/pic/2.jpg" alt="图">',
        head='<meta name="viewport" content="width=device-width"><meta name="SiteIDCode" '
        'content="3100000001"><script>document.write(unescape("%3Cspan id=\'_ideConac\'%3E"))'
        "</script>",
    )
    page = page_of(html)
    assert page.signals.hidden_links and page.signals.images and page.signals.markers
    stored = json.loads(json.dumps(page_to_json(page), ensure_ascii=False))
    assert page_from_json(stored) == page
    config = ScanConfig(urls=(SITE,), sensitive_words=("甲", "乙"), identifiers=("icp",))
    assert config_from_json(json.loads(json.dumps(config_to_json(config)))) == config


def test_the_page_check_options_of_ceping_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ceping.cli import build_parser
    from ceping.cli.common import scan_config
    from ceping.cli.scan_checks import with_page_checks

    words = tmp_path / "words.txt"
    words.write_bytes("\ufeff# 注释\n甲词\n\n乙词\n甲词\n".encode())  # a BOM, a note, a repeat
    parser = build_parser()
    args = parser.parse_args(
        ["scan", SITE, "--json", "x.json", "--sensitive-words", str(words),
         "--hidden-link-words", str(words), "--missing-alt-share", "0.3", "--no-lang",
         "--no-identifiers"]
    )  # fmt: skip
    config = with_page_checks(scan_config(args, urls=(SITE,)), args)
    assert (config.sensitive_words, config.hidden_link_words) == (("甲词", "乙词"),) * 2
    assert config.missing_alt_share == 0.3
    assert not (config.check_lang or config.check_identifiers)
    assert config.check_viewport and config.check_alt and config.check_hidden_links
    defaults = parser.parse_args(["scan", SITE, "--json", "x.json"])
    assert with_page_checks(scan_config(defaults, urls=(SITE,)), defaults) == ScanConfig(
        urls=(SITE,), as_of=config.as_of
    )
    for bad in (["--missing-alt-share", "1.5"], ["--sensitive-words", str(tmp_path / "none.txt")]):
        with pytest.raises(SystemExit):
            parser.parse_args(["scan", SITE, "--json", "x.json", *bad])
    errors = capsys.readouterr().err
    assert "应为 0 到 1 之间的比例（如 0.5）：1.5" in errors
    assert f"无法读取词表文件 {tmp_path / 'none.txt'}" in errors


def test_the_required_marks_and_the_alt_minimum_are_options_of_ceping_scan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ceping.cli import build_parser
    from ceping.cli.common import scan_config
    from ceping.cli.scan_checks import with_page_checks

    parser = build_parser()
    args = parser.parse_args(
        ["scan", SITE, "--json", "x.json", "--identifiers", "icp，psb,icp",
         "--missing-alt-min-images", "12"]
    )  # fmt: skip
    config = with_page_checks(scan_config(args, urls=(SITE,)), args)
    assert (config.identifiers, config.missing_alt_min_images) == (("icp", "psb"), 12)
    bad_options = (
        ["--identifiers", "icp,备案"],
        ["--identifiers", ""],
        ["--missing-alt-min-images", "0"],
        ["--missing-alt-min-images", "2.5"],
    )
    for bad in bad_options:
        with pytest.raises(SystemExit):
            parser.parse_args(["scan", SITE, "--json", "x.json", *bad])
    errors = capsys.readouterr().err
    assert "参数 --identifiers：应为逗号分隔的标识名，取自 site_code（网站标识码）" in errors
    assert "参数 --missing-alt-min-images：应为不小于 1 的整数：2.5" in errors
    with pytest.raises(SystemExit):
        parser.parse_args(["scan", "--help"])
    shown = capsys.readouterr().out
    assert "--missing-alt-min-images N" in shown and "--identifiers 标识,…" in shown


# 工信部's template: the header written by a script named by a hash, its 无障碍浏览 link inside.
MIIT_HEADER = (
    'document.writeln("<ul class=\\"top-links\\">");'
    'document.writeln("<li class=\\"wza_pc\\"><a href=\\"javascript:void(0)\\"'
    ' onclick=\\"aria.start()\\">无障碍浏览</a></li></ul>");'
)


@pytest.mark.parametrize(
    ("script", "reported"),
    [
        (MIIT_HEADER, False),
        # 上海's footer: the 适老化无障碍服务认证标识 badge as an image.
        (
            "document.writeln(\"<a><img src='/img/wzabst.png' alt='适老化无障碍服务认证'></a>\");",
            False,
        ),
        ('document.writeln("<p>版权所有</p>");', True),  # writes no entry
        ("$('#top').load('/inc/top.html');", True),  # writes nothing the scan can read
    ],
    ids=["header-link", "footer-badge", "no-entry", "writes-nothing"],
)
def test_an_entry_a_site_script_writes_is_found(script: str, reported: bool) -> None:
    home = _html(
        '<script src="/static/js/6b79016112cc4d66aeb22aa6d9d999dc.js"></script><p>正文</p>'
    )
    scripts = {"/static/js/6b79016112cc4d66aeb22aa6d9d999dc.js": script.encode()}
    found = fields(run_check(accessible_mode.CHECK, page_of(home), scripts=scripts).findings)
    assert found == ([{"kind": "no_accessible_mode", "page": SITE}] if reported else [])


def test_a_toolbar_loader_named_a11y_is_an_entry() -> None:
    # 湘潭's template loads its toolbar as wxa11yinit.js.
    home = _html('<script src="/static/js/wxa11yinit.js"></script><p>正文</p>')
    assert _kinds(accessible_mode.CHECK, home) == []


# 武汉洪山's header: 手机版 on a link with no address, its QR code shown on hover.
QR_ENTRY = (
    '<ul><li class="mainlevel"><a style="color:#fff"><span><img src="/p/phone.png"></span>'
    '手机版</a><ul style="display:none"><li style="background:url(/p/qr.png)"></li></ul></li>'
    '<li><a id="login">登录</a></li></ul>'
)


def test_a_mobile_entry_without_an_address_is_adaptation() -> None:
    assert _kinds(viewport.CHECK, _html(QR_ENTRY)) == []


@pytest.mark.parametrize(
    "body",
    [
        "<p>我市政务服务手机版正式上线运行</p>",  # a news title
        "<li><span>区政府网站手机版今日起试运行</span></li>",
        "<p>手机</p>",
    ],
)
def test_a_title_naming_a_mobile_site_is_no_entry(body: str) -> None:
    assert [f["kind"] for f in _kinds(viewport.CHECK, _html(body))] == ["no_viewport"]
