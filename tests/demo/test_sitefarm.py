"""The demo farm carries exactly the defects its plans name: checked page by page, without a
server."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import ceping.typo
from ceping.demo.farmplan import plan_for, safe_delay_ms
from ceping.demo.sitefarm import TYPO_SENTENCES, SitePlan, build_demo_farm
from ceping.scan.parse import parse_html

AS_OF = dt.date(2012, 12, 31)


def page_texts(plan: SitePlan) -> dict[str, str]:
    site = build_demo_farm([plan], port=8080, as_of=AS_OF).sites[0]
    texts = {}
    for path, file in site.files.items():
        if file.content_type.startswith("text/html"):
            html = file.body.decode("utf-8" if "utf-8" in file.content_type else "gb18030")
            texts[path] = parse_html(html, site.url(path), AS_OF).text
    return texts


def test_every_planted_typo_is_found_and_nothing_else() -> None:
    plan = SitePlan(
        "QX01",
        "黄浦区",
        typos=len(TYPO_SENTENCES),
        broken_links=2,
        stale_columns=1,
        blank_columns=1,
    )
    found = Counter()
    for text in page_texts(plan).values():
        for typo in ceping.typo.check(text):
            found[(typo.text, typo.suggestion)] += 1
    assert found == Counter({(wrong, right): 1 for wrong, right, _ in TYPO_SENTENCES})


def test_clean_site_has_no_typo_findings() -> None:
    for plan in (
        SitePlan("BM01", "市财政局"),
        SitePlan("KF01", "漕河泾开发区", gbk=True, missing_sections=("便民服务",)),
    ):
        assert [t for text in page_texts(plan).values() for t in ceping.typo.check(text)] == []


def test_plan_from_a_rebuilt_scan() -> None:
    site = {
        "features": {"search": False, "english": True, "sections": {}},
        "measurements": {"home_ms": 1450},
        "findings": [
            {"kind": "broken_link"},
            {"kind": "broken_link"},
            {"kind": "typo"},
            {"kind": "missing_feature", "feature": "search"},
            {"kind": "missing_feature", "feature": "政民互动"},
            {"kind": "stale_column"},
        ],
    }
    plan = plan_for("QX09", "闵行区", site, edges=[1500, 3000, 6000], gbk=False)
    assert plan == SitePlan(
        "QX09",
        "闵行区",
        missing_sections=("政民互动",),
        search=False,
        english=True,
        broken_links=2,
        typos=1,
        stale_columns=1,
        blank_columns=0,
        slow_pages=0,
        home_delay_ms=900,
        gbk=False,
    )


def test_planned_load_times_stay_clear_of_band_edges() -> None:
    edges = [1500, 3000, 3100]
    delays = [safe_delay_ms(ms, edges) for ms in (500, 1400, 1500, 1520, 1700, 2999, 3050, 9000)]
    assert delays == [500, 900, 900, 1550, 1700, 2400, 3050, 9000]
