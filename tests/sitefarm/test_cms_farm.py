"""The second farm: deterministic, well-formed, and its ground truth is what its pages show."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from ceping.scan import column_types, policy, urls
from ceping.scan.checks import guides
from ceping.sitefarm.cms import HELD_OUT, TEMPLATES, TUNING, CmsFarm, CmsSite, build_cms_farm
from ceping.sitefarm.cms.accuracy import MEASURED, key
from ceping.sitefarm.cms.sensitive import WORDS
from ceping.sitefarm.cms.site import first_hidden_links
from ceping.sitefarm.cms.truth import answer, key_of
from ceping.sitefarm.cms.wording import (
    COLUMNS,
    GUIDE_ELEMENTS,
    GUIDE_EXTRAS,
    NEWS,
    NOTICE,
    OTHER,
    POLICY,
    WINDOW_DAYS,
)
from tests.sitefarm.pages import html_errors, stated_date, status, text_of


def _planted(farm: CmsFarm, kind: str) -> list[tuple[CmsSite, dict[str, Any]]]:
    return [(s, e) for s in farm.sites for e in s.expected if e["kind"] == kind]


def _spared(farm: CmsFarm, kind: str) -> list[tuple[CmsSite, dict[str, Any]]]:
    return [(s, c) for s in farm.sites for c in s.clean if c["kind"] == kind]


def _site_of(farm: CmsFarm, url: str) -> CmsSite:
    netloc = urlsplit(url).netloc
    return next(s for s in farm.sites if s.netloc == netloc)


def test_same_seed_same_farm_other_seed_other_farm(cms_farm: CmsFarm) -> None:
    # Sites do not depend on each other: the first sites of a smaller farm are the same sites.
    again = build_cms_farm(
        sites=4, port=cms_farm.farm.sites[0].port, dead_port=cms_farm.farm.dead_port
    )
    assert [s.files for s in again.sites] == [s.files for s in cms_farm.sites[:4]]
    assert [s.expected for s in again.sites] == [s.expected for s in cms_farm.sites[:4]]
    assert [s.clean for s in again.sites] == [s.clean for s in cms_farm.sites[:4]]
    other = build_cms_farm(seed=7, sites=4, port=cms_farm.farm.sites[0].port)
    assert [s.files for s in other.sites] != [s.files for s in cms_farm.sites[:4]]


def test_at_least_eight_templates_in_both_splits(cms_farm: CmsFarm) -> None:
    assert len(TEMPLATES) >= 8
    assert len({t.name for t in TEMPLATES}) == len(TEMPLATES)
    assert {t.split for t in TEMPLATES} == {TUNING, HELD_OUT}
    assert {s.template_name for s in cms_farm.sites} == {t.name for t in TEMPLATES}
    assert 100 <= sum(len(s.files) for s in cms_farm.sites) / len(cms_farm.sites) <= 200


@pytest.mark.parametrize("template", [t.name for t in TEMPLATES])
def test_every_template_writes_well_formed_pages(cms_farm: CmsFarm, template: str) -> None:
    site = next(s for s in cms_farm.sites if s.template_name == template)
    pages = [k for k, f in site.files.items() if f.content_type.startswith("text/html")]
    assert len(pages) > 50
    for path in pages:
        text = text_of(site, site.url(path))
        assert html_errors(text) == [], path
        assert "charset=" in text[:300]


def test_gbk_templates_are_encoded_as_declared(cms_farm: CmsFarm) -> None:
    site = next(s for s in cms_farm.sites if s.template.charset == "gbk")
    home = site.files["/"]
    assert home.content_type == "text/html" and b"charset=gb2312" in home.body
    with pytest.raises(UnicodeDecodeError):
        home.body.decode("utf-8")


@pytest.mark.parametrize("split", [TUNING, HELD_OUT])
def test_each_kind_is_planted_and_spared_in_each_split(cms_farm: CmsFarm, split: str) -> None:
    sites = cms_farm.split(split)  # type: ignore[arg-type]
    planted = Counter(e["kind"] for s in sites for e in s.expected)
    spared = Counter(c["kind"] for s in sites for c in s.clean)
    assert [k for k in MEASURED if not planted[k]] == []
    assert [k for k in MEASURED if not spared[k]] == []


def test_truth_never_contradicts_itself(cms_farm: CmsFarm) -> None:
    for site in cms_farm.sites:
        planted = {key(e) for e in site.expected}
        spared = {key(c) for c in site.clean}
        assert planted and spared and planted.isdisjoint(spared), site.index


def test_planted_broken_links_fail_and_spared_ones_answer(cms_served: CmsFarm) -> None:
    planted = {e["url"] for _, e in _planted(cms_served, "broken_link")}
    assert len(planted) > 50
    got = {url: status(url, cms_served.farm) for url in sorted(planted)}
    assert {u: s for u, s in got.items() if s != 404 and "refused" not in str(s)} == {}
    assert any("refused" in str(s) for s in got.values())
    spared = sorted({c["url"] for _, c in _spared(cms_served, "broken_link")})
    assert any("?" in u for u in spared) and any(u.startswith("http://127.0.3.251") for u in spared)
    assert {u: s for u in spared if (s := status(u, cms_served.farm)) != 200} == {}


def test_a_dead_column_link_is_a_broken_link_not_a_blank_column(cms_farm: CmsFarm) -> None:
    dead = [c["page"] for _, c in _spared(cms_farm, "blank_column") if "错链" in c["why"]]
    assert dead
    broken = {e["url"] for _, e in _planted(cms_farm, "broken_link")}
    assert set(dead) <= broken
    assert not {e["page"] for _, e in _planted(cms_farm, "blank_column")} & set(dead)


def _items(site: CmsSite, url: str) -> list[dt.date]:
    """The dates of the articles a list page links to (in its markup or its script records)."""
    days = [
        stated_date(site, target)
        for target in site.links[key_of(url)]
        if urlsplit(target).netloc == site.netloc
        and (found := answer(site, target)) is not None
        and found.content_type.startswith("text/html")
    ]
    return [d for d in days if d is not None]


def test_blank_columns_list_nothing(cms_served: CmsFarm) -> None:
    planted = _planted(cms_served, "blank_column")
    assert len({s.template_name for s, _ in planted}) >= 6
    for site, e in planted:
        assert status(e["page"], cms_served.farm) == 200
        assert _items(site, e["page"]) == [], e
    for site, c in _spared(cms_served, "blank_column"):
        if "栏目有信息" in c["why"]:
            assert _items(site, c["page"]), c


def test_column_types_are_what_the_rules_and_the_scanner_call_them() -> None:
    names = {NEWS: column_types.NEWS, NOTICE: column_types.NOTICE, POLICY: column_types.POLICY}
    for _, _, name, type_ in COLUMNS:
        # 人事 and 规划计划 columns are types of their own, judged by the general window.
        assert names.get(type_, column_types.OTHER) == column_types.type_of_name(name) or (
            type_ == OTHER and WINDOW_DAYS[OTHER] == policy.STALE_AFTER_DAYS
        ), name
    assert WINDOW_DAYS == {
        NEWS: policy.STALE_NEWS_DAYS,
        NOTICE: policy.STALE_NOTICE_DAYS,
        POLICY: policy.STALE_POLICY_DAYS,
        OTHER: policy.STALE_AFTER_DAYS,
    }


def test_stale_columns_are_older_than_their_window_with_a_margin(cms_farm: CmsFarm) -> None:
    planted = _planted(cms_farm, "stale_column")
    assert {e["column_type"] for _, e in planted} >= {NEWS, OTHER}
    for site, e in planted:
        latest = max(_items(site, e["page"]))
        assert latest.isoformat() == e["latest"]
        window = WINDOW_DAYS[e["column_type"]]
        assert (cms_farm.as_of - latest).days == e["days"] > window + min(window, 30)
    fresh = [(s, c) for s, c in _spared(cms_farm, "stale_column") if "分页" not in c["why"]]
    pinned = [c for _, c in fresh if "置顶" in c["why"]]
    assert pinned and {c["column_type"] for _, c in fresh} >= {NEWS, NOTICE, OTHER}
    for site, c in fresh:
        days = _items(site, c["page"])
        window = WINDOW_DAYS[c["column_type"]]
        assert (cms_farm.as_of - max(days)).days <= window // 2, c
        if "置顶" in c["why"]:
            assert (cms_farm.as_of - min(days)).days > window, c  # an old pinned item


def test_later_pages_of_a_column_are_old_but_not_columns(cms_farm: CmsFarm) -> None:
    later = [c["page"] for _, c in _spared(cms_farm, "stale_column") if "分页" in c["why"]]
    assert any("?" in p for p in later) and any("index_" in p for p in later)
    assert not {e["page"] for _, e in _planted(cms_farm, "stale_column")} & set(later)


def test_stale_home_pages_show_only_old_dates(cms_farm: CmsFarm) -> None:
    stale, fresh = _planted(cms_farm, "stale_home"), _spared(cms_farm, "stale_home")
    for found, low, high in ((stale, 30, 90), (fresh, 0, 5)):
        assert found
        for site, e in found:
            latest = max(_items(site, e["page"]))
            assert latest.isoformat() == e["latest"]
            assert low <= (cms_farm.as_of - latest).days <= high


def test_messages_and_guides_show_what_their_truth_says(cms_farm: CmsFarm) -> None:
    for site, e in _planted(cms_farm, "unanswered_message"):
        row = _message_text(site, e["page"], e["posted"])
        assert "未回复" in row or "处理中" in row
        assert 90 + 10 <= e["days"] <= 365 - 30
    for site, e in _planted(cms_farm, "slow_reply"):
        assert "已回复" in _message_text(site, e["page"], e["posted"])
        assert e["days"] >= 60
    for site, c in _spared(cms_farm, "slow_reply"):
        assert "未回复" not in _message_text(site, c["page"], c["posted"])
    for site, e in _planted(cms_farm, "guide_incomplete"):
        present = _guide_elements(_guide_labels(site, e["page"]))
        assert 1 <= len(e["missing"]) <= 3 and len(present) >= guides.MIN_GUIDE_LABELS
        assert present == set(GUIDE_ELEMENTS) - set(e["missing"]), e
    complete = _spared(cms_farm, "guide_incomplete")
    assert any("不是必备要素" in c["why"] for _, c in complete)
    for site, c in complete:
        assert _guide_elements(_guide_labels(site, c["page"])) == set(GUIDE_ELEMENTS), c


def _guide_labels(site: CmsSite, page: str) -> list[str]:
    """The labels a guide page prints (its table headers or headings)."""
    block = re.search(r'class="bszn">(.*?)</(?:table|div)>', text_of(site, page))
    assert block is not None
    return re.findall(r"<(?:th|h3)>(.*?)</(?:th|h3)>", block.group(1))


def _guide_elements(labels: list[str]) -> set[str]:
    """The required elements the labels name, as the farm writes them (one label may name
    two: 办理地点及时间)."""
    out = {e for e, names in GUIDE_ELEMENTS.items() if set(names) & set(labels)}
    if "办理地点及时间" in labels:
        out |= {"办理地点", "办理时间"}
    return out


def test_guide_elements_are_those_the_specification_requires() -> None:
    required = dict(guides.ELEMENTS)
    assert set(GUIDE_ELEMENTS) == set(required)
    for element, labels in GUIDE_ELEMENTS.items():
        assert all(required[element].search(label) for label in labels), element
    for labels in GUIDE_EXTRAS.values():
        assert not any(p.search(label) for label in labels for p in required.values())
    assert guides.present_elements("办理地点及时间") == {"办理地点", "办理时间"}


def _message_text(site: CmsSite, page: str, posted: str) -> str:
    """The text of the message posted on `posted`: its own page, or its row on the board."""
    text = text_of(site, page)
    day = dt.date.fromisoformat(posted)
    forms = (posted, f"{day.year}年{day.month:02d}月{day.day:02d}日", day.strftime("%Y/%m/%d"))
    if page.endswith("/hdjl/lyb/index.html"):
        rows = re.findall(r"<(?:tr|li)>(.*?)</(?:tr|li)>", text)
        text = next(r for r in rows if any(f in r for f in forms))
    assert any(f in text for f in forms)
    return text


def test_site_wide_truth_is_what_the_home_page_shows(cms_farm: CmsFarm) -> None:
    markers = {
        "site_code": "网站标识码",
        "icp": "ICP备",
        "psb": "公网安备",
        "conac": "_ideConac",
        "jiucuo": "jiucuo",
    }
    for kind, marker in (
        ("no_viewport", 'name="viewport"'),
        ("no_lang", "<html lang="),
        ("no_accessible_mode", "无障碍"),
    ):
        for site, e in _planted(cms_farm, kind):
            assert marker not in text_of(site, e["page"])
        for site, c in _spared(cms_farm, kind):
            assert marker in text_of(site, c["page"])
    for site, e in _planted(cms_farm, "missing_identifier"):
        if not e.get("note"):  # an ICP number in an image alt: see the test below
            assert markers[e["identifier"]] not in text_of(site, e["page"])
    for site, c in _spared(cms_farm, "missing_identifier"):
        assert markers[c["identifier"]] in text_of(site, c["page"])


def test_missing_features_are_absent_from_the_home_page(cms_farm: CmsFarm) -> None:
    for site in cms_farm.sites:
        home = text_of(site, site.url("/"))
        missing = {e["feature"] for e in site.expected if e["kind"] == "missing_feature"}
        assert ('name="searchword"' in home or 'name="q"' in home) == ("search" not in missing)
        assert (">English<" in home) == ("english" not in missing)
        for section, folder in (("网上办事", "bsfw"), ("便民服务", "bmfw"), ("政民互动", "hdjl")):
            assert (f'href="/{folder}/index.html"' in home) == (section not in missing)


def test_hidden_links_are_in_hidden_blocks(cms_farm: CmsFarm) -> None:
    for site, e in _planted(cms_farm, "hidden_link"):
        text = text_of(site, e["page"])
        block = re.search(r'<div style="(display:none|position:absolute[^"]*)">(.*?)</div>', text)
        assert block is not None and f'href="{e["url"]}"' in block.group(2)
    for site, c in _spared(cms_farm, "hidden_link"):
        text = text_of(site, c["page"])
        if "url" in c:  # the skip link: hidden as the bait is, to the page itself
            assert re.search(r'<a href="#main" style="position:absolute;left:-9999px', text)
        else:
            assert re.search(r'<ul( style="display:none"| class="sub hide")>', text)


def _content_images(site: CmsSite) -> dict[str, bool]:
    """Every content image the site's pages show (decoration aside), by address, and whether
    every page showing it gives it a non-blank alt (scan/checks/alt_text.py)."""
    out: dict[str, bool] = {}
    for path, file in site.files.items():
        if not file.content_type.startswith("text/html"):
            continue
        page = site.url(path)
        for tag in re.findall(r"<img [^>]*>", text_of(site, page)):
            if 'role="presentation"' in tag:
                continue
            src = re.search(r'src="([^"]*)"', tag)
            alt = re.search(r'alt="([^"]*)"', tag)
            assert src is not None
            url = urls.normalize(urljoin(page, html.unescape(src.group(1))))
            out[url] = out.get(url, True) and alt is not None and alt.group(1).strip() != ""
    return out


def test_missing_alt_is_judged_per_site_with_a_margin(cms_farm: CmsFarm) -> None:
    share, least = policy.MISSING_ALT_SHARE, policy.MISSING_ALT_MIN_IMAGES
    planted, spared = _planted(cms_farm, "missing_alt"), _spared(cms_farm, "missing_alt")
    assert planted and any("少数" in c["why"] for _, c in spared)
    for site, e in planted + spared:
        images = _content_images(site)
        bare = sum(not a for a in images.values())
        assert (len(images), round(bare / len(images), 3)) == (e["images"], e["share"]), e
        assert len(images) >= 2 * least
        if e in site.expected:
            assert e["share"] >= share + 0.2
        else:
            assert e["share"] <= share - 0.3
    assert len({s.index for s, _ in planted}) == len(planted)  # once per site


def test_typos_and_slow_pages(cms_farm: CmsFarm) -> None:
    groups = set()
    for site, e in _planted(cms_farm, "typo"):
        # One entry per typo and sentence, on the first of its pages; each page shows it.
        assert e["page"] == min(e["pages"])
        assert all(e["sentence"] in text_of(site, page) for page in e["pages"])
        groups.add((site.index, e["text"], e["sentence"]))
    assert len(groups) == len(_planted(cms_farm, "typo"))
    assert any(len(e["pages"]) > 1 for _, e in _planted(cms_farm, "typo"))
    for site, c in _spared(cms_farm, "typo"):
        assert c["text"] in text_of(site, c["page"])
    limit_s = policy.SLOW_PAGE_MS / 1000
    for site, e in _planted(cms_farm, "slow_page"):
        assert answer(site, e["page"]).delay_s >= limit_s + 1  # type: ignore[union-attr]
    for site, c in _spared(cms_farm, "slow_page"):
        assert 0 < answer(site, c["page"]).delay_s <= limit_s / 2  # type: ignore[union-attr]


def test_the_server_tells_pages_apart_by_their_query(cms_served: CmsFarm) -> None:
    site = next(s for s in cms_served.sites if s.template_name == "hanweb_jcms")
    paged = next(k for k in site.files if "pageNum=2" in k)
    path, query = paged.split("?")
    swapped = "&".join(reversed(query.split("&")))
    first = text_of(site, site.url(path))
    second = text_of(site, site.url(f"{path}?{swapped}"))
    assert first != second and status(site.url(f"{path}?{swapped}"), cms_served.farm) == 200
    # A dynamic page answers any query.
    assert status(site.url(f"{path}?pageNum=99"), cms_served.farm) == 200


def test_short_dates_come_with_and_without_brackets(cms_farm: CmsFarm) -> None:
    homes = [text_of(s, s.url("/")) for s in cms_farm.sites if s.template.date_style == "short"]
    bracketed = [bool(re.search(r'class="date">\[\d\d-\d\d\]<', h)) for h in homes]
    bare = [bool(re.search(r'class="date">\d\d-\d\d<', h)) for h in homes]
    assert any(bracketed) and any(bare)
    assert not any(re.search(r'class="date">[^<]*20\d\d', h) for h in homes)  # no year shown


def test_sites_never_take_the_outside_host_address() -> None:
    with pytest.raises(ValueError, match="1 to 249 sites"):
        build_cms_farm(sites=250)
    assert build_cms_farm(sites=1).sites[0].host == "127.0.3.1"


def test_an_icp_number_only_in_an_image_alt_is_planted_missing(cms_farm: CmsFarm) -> None:
    # Issue #17's counter-example: the number a reader cannot see is no record number shown.
    planted = [
        (site, e)
        for site, e in _planted(cms_farm, "missing_identifier")
        if e["identifier"] == "icp" and e.get("note")
    ]
    assert planted
    for site, e in planted:
        home = text_of(site, e["page"])
        number = f"浙ICP备{10000000 + site.index * 7919:08d}号"
        assert f'alt="{number}"' in home
        assert home.count(number) == 1  # in the alt only, nowhere as text


def test_sensitive_words_are_in_the_text_or_where_no_reader_sees_them(cms_farm: CmsFarm) -> None:
    planted = _planted(cms_farm, "sensitive_word")
    assert planted and all(e["text"] in WORDS for _, e in planted)
    for site, e in planted:
        assert f"<p>依据原{e['text']}第" in text_of(site, e["page"])
    shapes = set()
    for site, c in _spared(cms_farm, "sensitive_word"):
        html = text_of(site, c["page"])
        shown = re.sub(r"<script>.*?</script>|<!--.*?-->|<[^>]*>", "", html)
        assert c["text"] in html and c["text"] not in shown, c
        shapes.add(c["why"])
    assert len(shapes) == 3  # an alt, a script and a comment


def test_a_hidden_link_planted_on_two_pages_is_one_finding_on_the_first() -> None:
    bait = {"kind": "hidden_link", "url": "http://o/casino/1.html", "text": "真人棋牌"}
    other = {**bait, "text": "彩票代购", "page": "http://a/z.html"}
    planted = [
        {**bait, "page": "http://a/b.html"},
        {"kind": "typo", "page": "http://a/b.html", "text": "布署"},
        {**bait, "page": "http://a/a.html"},
        other,
    ]
    assert first_hidden_links(planted) == [planted[1], planted[2], other]
