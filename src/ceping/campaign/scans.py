"""Store a campaign's scan in the database as it runs, and resume it after a crash.

The crawl runs in an event loop; Django's ORM is synchronous. All writes go
through one writer thread, in the order the crawl made them, so the loop never
blocks on the database and each site's records are written in sequence.
Every write is idempotent (unique keys), because a resumed scan repeats some.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from django.db import IntegrityError, close_old_connections, connections, transaction
from django.db.models import Count
from django.utils import timezone

from ceping.campaign.campaigns import framework_of
from ceping.campaign.typos import dismissed_typos, typo_pair
from ceping.errors import CepingError
from ceping.scan import loop
from ceping.scan.codec import (
    finding_key,
    link_from_json,
    link_to_json,
    page_from_json,
    page_to_json,
)
from ceping.scan.config import ScanConfig, config_defaults
from ceping.scan.crawler import Progress
from ceping.scan.engine import scan
from ceping.scan.models import Finding, LinkStatus, PageResult
from ceping.scan.processes import STOP_POLL_S, StopRequested, is_failed, run_scan_processes
from ceping.scan.report import SiteReport
from ceping.scan.sink import Restored
from ceping.web.models import Campaign, FindingStatus, LinkCheck, ScanPage, ScanRun, ScanStatus
from ceping.web.models import Finding as FindingRecord

T = TypeVar("T")
STOPPED = "检测已按要求停止，已检测的页面和问题已保存，继续检测时接着进行"


class ScanStopped(CepingError):
    """A scan stopped on request; what it stored stays, and the next scan resumes from there."""


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class DatabaseSink:
    """A `ceping.scan.sink.Sink` over the campaign's ScanRun, ScanPage, LinkCheck and Finding
    rows."""

    def __init__(self, campaign: Campaign, runs: dict[str, ScanRun]) -> None:
        self.campaign = campaign
        self.runs = runs  # start URL as given -> its run
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ceping-db")
        self._pending: list[Future[None]] = []
        self._dismissed: frozenset[tuple[str, str]] | None = None  # read in the writer thread

    # -- the Sink protocol ---------------------------------------------------------------
    def page(self, site: str, page: PageResult, findings: Sequence[Finding]) -> None:
        self._submit(self._write_page, self.runs[site], page, tuple(findings))

    def link(self, status: LinkStatus) -> None:
        self._submit(self._write_link, status)

    def finding(self, site: str, finding: Finding) -> None:
        self._submit(self._write_findings, self.runs[site], (finding,))

    def site_done(self, site: str) -> None:
        self._submit(self._mark_done, self.runs[site])

    def restore(self, site: str) -> Restored:
        return self._call(self._read, self.runs[site])

    # -- plumbing --------------------------------------------------------------------------
    def _submit(self, fn: Callable[..., None], *args: object) -> None:
        self._pending = [f for f in self._pending if not f.done() or f.exception()]
        self._pending.append(self._writer.submit(self._in_thread, fn, *args))

    def _call(self, fn: Callable[..., T], *args: object) -> T:
        return self._writer.submit(self._in_thread, fn, *args).result()

    @staticmethod
    def _in_thread(fn: Callable[..., T], *args: object) -> T:
        close_old_connections()
        return fn(*args)

    def close(self) -> None:
        """Wait for every write; raise the first that failed (never swallowed)."""
        try:
            for future in self._pending:
                future.result()
        finally:
            self._writer.submit(connections.close_all).result()  # the writer thread's own
            self._writer.shutdown(wait=True)

    # -- writes, in the writer thread ------------------------------------------------------
    def _write_page(self, run: ScanRun, page: PageResult, findings: tuple[Finding, ...]) -> None:
        with transaction.atomic():  # a page and its own findings: both or neither
            ScanPage.objects.get_or_create(
                scan_run=run,
                url_key=url_key(page.url),
                defaults={"url": page.url, "status": page.status, "data": page_to_json(page)},
            )
            self._write_findings(run, findings)

    def _write_findings(self, run: ScanRun, findings: tuple[Finding, ...]) -> None:
        if self._dismissed is None:
            self._dismissed = dismissed_typos(self.campaign)
        rows = []
        for f in findings:
            data = f.to_json()
            # A typo the campaign's reviewer judged a false alarm stays one on every page.
            dismissed = f.kind == "typo" and typo_pair(data) in self._dismissed
            status = FindingStatus.DISMISSED if dismissed else FindingStatus.OPEN
            rows.append(
                FindingRecord(
                    scan_run=run,
                    kind=f.kind,
                    page=f.page[:2000],
                    key=finding_key(f),
                    data=data,
                    status=status,
                )
            )
        FindingRecord.objects.bulk_create(rows, ignore_conflicts=True)

    def _write_link(self, status: LinkStatus) -> None:
        try:
            LinkCheck.objects.update_or_create(
                campaign=self.campaign,
                url_key=url_key(status.url),
                defaults={"url": status.url, "data": link_to_json(status)},
            )
        except IntegrityError:  # written by another worker between our read and write
            pass

    @staticmethod
    def _mark_done(run: ScanRun) -> None:
        ScanRun.objects.filter(pk=run.pk).update(status=ScanStatus.DONE, finished=timezone.now())

    def _read(self, run: ScanRun) -> Restored:
        run.refresh_from_db()
        pages = tuple(page_from_json(p.data) for p in run.scan_pages.order_by("id"))
        links = tuple(
            link_from_json(c.data) for c in LinkCheck.objects.filter(campaign=self.campaign)
        )
        return Restored(pages=pages, links=links, done=run.status == ScanStatus.DONE)


def prepare_runs(campaign: Campaign, only: Sequence[str] = ()) -> dict[str, ScanRun]:
    """One run per site of the campaign's units (or of `only`), created once, kept across
    restarts."""
    runs = {}
    for unit in campaign.units.prefetch_related("sites"):
        for site in unit.sites.all():
            if only and site.url not in only:
                continue
            run, _ = ScanRun.objects.get_or_create(campaign=campaign, site=site)
            runs[site.url] = run
    return runs


def store_reports(runs: dict[str, ScanRun], reports: Sequence[SiteReport]) -> None:
    """Keep each site's summary (the scan JSON without findings) on its run; a site the scanner
    could not finish (its crawler process died) is marked failed, not done."""
    for report in reports:
        if is_failed(report):
            ScanRun.objects.filter(pk=runs[report.url].pk).update(
                status=ScanStatus.FAILED, summary={"error": report.stats["failed"]}, finished=None
            )
            continue
        summary = report.to_json()
        summary.pop("findings")
        ScanRun.objects.filter(pk=runs[report.url].pk).update(
            summary=summary, pages=report.pages, status=ScanStatus.DONE, finished=timezone.now()
        )


def with_framework_settings(config: ScanConfig, settings: Mapping[str, object]) -> ScanConfig:
    """The framework's scan settings (its `scan:` section) on the fields this scan leaves at
    their defaults: an option given for this scan (on the command line) wins over them."""
    defaults = config_defaults()
    changes = {k: v for k, v in settings.items() if getattr(config, k) == defaults[k]}
    return replace(config, **changes) if changes else config  # type: ignore[arg-type]


def scan_campaign(
    campaign: Campaign,
    config: ScanConfig,
    progress: Progress | None = None,
    only: Sequence[str] = (),
    targets: Mapping[str, str] | None = None,
    should_stop: Callable[[], bool] | None = None,
    processes: int = 1,
) -> list[SiteReport]:
    """Scan every site of the campaign (or those of `only`) into the database; run again to resume.

    `targets` maps a site's URL to the URL actually fetched (a mirror, or the demo's loopback farm).
    `should_stop` is asked every STOP_POLL_S (in one process from the event loop, so it must
    not touch the database); when it says yes the crawl is cancelled, the sites not finished go
    back to waiting, and ScanStopped is raised. With `processes` > 1 the sites are crawled in
    that many processes, whose writes come back to this process's one database writer (SQLite
    takes one writer at a time).
    """
    config = with_framework_settings(config, framework_of(campaign).scan)
    runs = prepare_runs(campaign, only)
    if targets:
        runs = {targets.get(url, url): run for url, run in runs.items()}
    keys = [r.pk for r in runs.values()]
    ScanRun.objects.filter(pk__in=keys, started__isnull=True).update(started=timezone.now())
    ScanRun.objects.filter(pk__in=keys, status=ScanStatus.PENDING).update(status=ScanStatus.RUNNING)
    sink = DatabaseSink(campaign, runs)
    config = replace(config, urls=tuple(runs))
    try:
        if should_stop is not None and min(processes, len(config.urls)) <= 1:
            reports = loop.run(_scan_until_stopped(config, sink, progress, should_stop))
        else:
            reports = run_scan_processes(config, processes, sink, progress, should_stop)
    except StopRequested:
        raise ScanStopped(STOPPED) from None
    finally:
        sink.close()  # every write of the pages crawled so far, stopped or not
        if should_stop is not None and should_stop():
            ScanRun.objects.filter(pk__in=keys, status=ScanStatus.RUNNING).update(
                status=ScanStatus.PENDING
            )
    store_reports(runs, reports)
    return reports


async def _scan_until_stopped(
    config: ScanConfig,
    sink: DatabaseSink,
    progress: Progress | None,
    should_stop: Callable[[], bool],
) -> list[SiteReport]:
    work = asyncio.ensure_future(scan(config, sink, progress))
    while True:
        done, _ = await asyncio.wait({work}, timeout=STOP_POLL_S)
        if done:
            return work.result()
        if should_stop():
            work.cancel()
            try:
                await work
            except asyncio.CancelledError:
                pass
            raise ScanStopped(STOPPED)


# A page counts as the scanner counts it (`PageResult.ok`): fetched with an answer below 400.
# Failed fetches (404s, errors) are stored too, to replay a resumed scan, but are no pages.
OK_STATUS = range(200, 400)


def pages_counted(campaign: Campaign) -> int:
    """Pages fetched in the campaign, as the scan reports them: a finished run's own count
    (`SiteReport.pages`), else the pages stored so far that answered below 400."""
    live = dict(
        ScanPage.objects.filter(
            scan_run__campaign=campaign,
            status__gte=OK_STATUS.start,
            status__lt=OK_STATUS.stop,
        )
        .values("scan_run")
        .annotate(n=Count("id"))
        .values_list("scan_run", "n")
    )
    return sum(
        pages if status == ScanStatus.DONE and pages else live.get(pk, 0)
        for pk, status, pages in ScanRun.objects.filter(campaign=campaign).values_list(
            "pk", "status", "pages"
        )
    )


def mark_site_failed(campaign_id: int, site_url: str, error: str) -> None:
    """The site's run failed for good (every retry spent): progress stops waiting for it."""
    ScanRun.objects.filter(campaign_id=campaign_id, site__url=site_url).update(
        status=ScanStatus.FAILED, summary={"error": error}
    )


def scan_one_site(campaign_id: int, site_url: str, config: ScanConfig) -> SiteReport:
    """Scan one site of a campaign into the database, resuming whatever an earlier run stored."""
    campaign = Campaign.objects.get(pk=campaign_id)
    return scan_campaign(campaign, config, only=[site_url])[0]
