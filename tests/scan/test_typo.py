"""The typo check, against the API of `ceping.typo` (check_many -> Typo with start/end/...)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from ceping.scan import ScanConfig
from ceping.scan.checks import typo
from ceping.scan.checks.base import CheckContext
from ceping.scan.models import PageResult


@dataclass(frozen=True)
class FakeTypo:
    start: int
    end: int
    text: str
    suggestion: str
    confidence: float = 0.9
    rule: str = "fake"
    suspect: bool = False


def _fake_check_many(texts: Iterable[str]) -> list[list[FakeTypo]]:
    out = []
    for text in texts:
        at = text.find("按装")
        out.append([FakeTypo(at, at + 2, "按装", "安装")] if at >= 0 else [])
    return out


def test_findings_with_context_once_per_site_on_the_first_page_in_url_order() -> None:
    ctx = CheckContext(ScanConfig(("http://a/",)), "http://a/")
    ctx.memo["typo.checker"] = _fake_check_many
    text = "前" * 30 + "请及时按装软件" + "后" * 30
    # Pages come in whatever order the crawl's concurrency gives; the report must not depend on it.
    for url in ("http://a/2", "http://a/1", "http://a/3"):
        assert list(typo.check_page(PageResult(url, 1, 200, text=text, is_html=True), ctx)) == []
    outcome = asyncio.run(typo.check_site(None, ctx))  # type: ignore[arg-type]
    assert [f.to_json() for f in outcome.findings] == [
        {
            "kind": "typo",
            "page": "http://a/1",
            "text": "按装",
            "suggestion": "安装",
            "context": "前" * 17 + "请及时按装软件" + "后" * 18,
            "suspect": False,
            "confidence": 0.9,
            "page_count": 3,
            "other_pages": ("http://a/2", "http://a/3"),
        }
    ]


def _site_findings(pages: dict[str, str]) -> list[dict[str, object]]:
    ctx = CheckContext(ScanConfig(("http://a/",)), "http://a/")
    ctx.memo["typo.checker"] = _fake_check_many
    for url, text in pages.items():
        typo.check_page(PageResult(url, 1, 200, text=text, is_html=True), ctx)
    outcome = asyncio.run(typo.check_site(None, ctx))  # type: ignore[arg-type]
    return [f.to_json() for f in outcome.findings]


def test_the_same_typo_in_the_same_sentence_is_one_finding_with_its_pages() -> None:
    """A paragraph copied into many notices: one defect, whatever stands around it on each page
    (a 20-character context differed from page to page and made it several before)."""
    sentence = "请各单位及时按装相关软件，确保系统正常运行。"
    pages = {
        f"http://a/art_{n}.html": f"第{n}号通知{'其他内容' * n}。{sentence}{'附件' * (9 - n)}"
        for n in range(1, 8)
    }
    [finding] = _site_findings(pages)
    assert finding["page"] == "http://a/art_1.html" and finding["page_count"] == 7
    assert finding["other_pages"] == tuple(f"http://a/art_{n}.html" for n in range(2, 6))


def test_the_same_typo_in_another_sentence_is_another_finding() -> None:
    found = _site_findings(
        {
            "http://a/1.html": "前言。请及时按装软件。结尾。",
            "http://a/2.html": "前言。门窗按装工作已于上周完成。结尾。",
            "http://a/3.html": "前言。请及时按装软件。另一页的结尾。",
        }
    )
    assert [(f["page"], f["page_count"], f.get("other_pages")) for f in found] == [
        ("http://a/1.html", 2, ("http://a/3.html",)),
        ("http://a/2.html", 1, None),
    ]


def test_sentences_without_punctuation_are_bounded() -> None:
    text = "甲" * 200 + "按装" + "乙" * 200
    at = text.find("按装")
    assert typo.sentence_of(text, at, at + 2) == "甲" * 60 + "按装" + "乙" * 60
    assert typo.sentence_of("按装。", 0, 2) == "按装。"


def test_a_finding_from_an_engine_without_suspect_is_a_suspect() -> None:
    @dataclass(frozen=True)
    class OldTypo:
        start: int
        end: int
        text: str
        suggestion: str
        confidence: float

    ctx = CheckContext(ScanConfig(("http://a/",)), "http://a/")
    ctx.memo["typo.checker"] = lambda texts: [[OldTypo(3, 5, "按装", "安装", 0.61)] for _ in texts]
    typo.check_page(PageResult("http://a/", 1, 200, text="请及时按装软件", is_html=True), ctx)
    [finding] = asyncio.run(typo.check_site(None, ctx)).findings  # type: ignore[arg-type]
    assert (finding.get("suspect"), finding.get("confidence")) == (True, 0.61)


def test_typo_check_is_optional() -> None:
    assert not typo.is_enabled(ScanConfig(("http://a/",), check_typos=False))


def test_real_typo_engine_finds_planted_typos() -> None:
    from ceping.scan import run_scan
    from ceping.sitefarm.farm import build_farm
    from ceping.sitefarm.server import FarmServer, free_port

    farm = build_farm(seed=7, sites=2, pages_per_site=60, port=free_port(), dead_port=free_port())
    server = FarmServer(farm).start()
    try:
        config = ScanConfig(
            tuple(farm.start_urls),
            as_of=farm.as_of,
            allow_private=True,
            check_https=False,
            backoff_s=0.05,
        )
        reports = run_scan(config)
    finally:
        server.stop()
    for site, report in zip(farm.sites, reports, strict=True):
        want = {
            (e["page"], e["text"], e["suggestion"]) for e in site.expected if e["kind"] == "typo"
        }
        got = {
            (f.page, f.get("text"), f.get("suggestion"))
            for f in report.findings
            if f.kind == "typo"
        }
        # Typos repeat across pages and are reported once per (text, context): compare the words.
        assert {w[1:] for w in want} <= {g[1:] for g in got}
