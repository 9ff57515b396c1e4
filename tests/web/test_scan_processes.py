"""`campaign scan` in two crawler processes stores what one process stores, through the one
database writer; a site that kills its process is marked failed, the others done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from scanfarm import campaigns_over

from ceping.campaign.scans import scan_campaign
from ceping.scan import ScanConfig
from ceping.web.models import Campaign, ScanPage, ScanRun, ScanStatus
from ceping.web.models import Finding as FindingRecord
from tests.scan.test_processes import deadly_site
from tests.threaded_http import QuietHandler, serve_threaded

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def small_site(name: str) -> Iterator[str]:
    """Three pages, one broken link, one column of items two years old."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            pages = {
                "/": f"<html><body><h1>{name}</h1><a href='/news/'>通知公告</a>"
                "<a href='/a.html'>文章</a><a href='/gone.html'>失效</a></body></html>",
                "/news/": "<html><body><ul>"
                + "".join(
                    f"<li><a href='/a.html'>通知{i}</a><span>2011-0{i}-01</span></li>"
                    for i in range(1, 6)
                )
                + "</ul></body></html>",
                "/a.html": "<html><body><p>正文。</p><a href='/'>首页</a></body></html>",
            }
            if self.path not in pages:
                self.send_error(404)
                return
            self.send_body(pages[self.path])

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        yield base


CONFIG = ScanConfig(urls=(), as_of=dt.date(2013, 1, 15), allow_private=True, check_typos=False)


def _stored(campaign: Campaign) -> dict[str, tuple[str, int, set[tuple[str, str, str]]]]:
    out = {}
    for run in ScanRun.objects.filter(campaign=campaign).select_related("site"):
        findings = set(
            FindingRecord.objects.filter(scan_run=run).values_list("kind", "page", "key")
        )
        pages = ScanPage.objects.filter(scan_run=run).count()
        out[run.site.url] = (run.status, pages, findings)
    return out


def test_two_processes_store_what_one_stores() -> None:
    with small_site("甲") as a, small_site("乙") as b, small_site("丙") as c:
        one, two = campaigns_over([a, b, c], "一个进程", "两个进程")
        scan_campaign(one, CONFIG, processes=1)
        scan_campaign(two, CONFIG, processes=2)
    stored_one, stored_two = _stored(one), _stored(two)
    assert stored_two == stored_one
    assert {status for status, _, _ in stored_two.values()} == {ScanStatus.DONE}
    assert all(any(kind == "broken_link" for kind, _, _ in f) for _, _, f in stored_two.values())


def test_a_site_that_kills_its_process_is_marked_failed() -> None:
    with small_site("甲") as a, deadly_site() as (deadly, kills), small_site("乙") as b:
        (campaign,) = campaigns_over([a, deadly, b], "进程退出")
        reports = scan_campaign(campaign, CONFIG, processes=2)
    assert len(kills) == 2
    assert [r.url for r in reports] == [a, deadly, b]
    runs = {r.site.url: r for r in ScanRun.objects.filter(campaign=campaign).select_related("site")}
    assert runs[deadly].status == ScanStatus.FAILED
    assert "检测进程意外退出" in runs[deadly].summary["error"]
    assert not FindingRecord.objects.filter(scan_run=runs[deadly]).exists()
    assert runs[a].status == runs[b].status == ScanStatus.DONE
    assert FindingRecord.objects.filter(scan_run=runs[a], kind="broken_link").exists()
