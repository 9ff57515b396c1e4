"""Scan every site of a campaign concurrently through one polite fetcher and one link book."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from ceping.scan import loop
from ceping.scan.checks.base import Check
from ceping.scan.checks.registry import enabled_checks
from ceping.scan.config import ScanConfig
from ceping.scan.crawler import Progress, SiteCrawl
from ceping.scan.fetch import Fetcher
from ceping.scan.linkbook import LinkBook
from ceping.scan.parsepool import ParsePool
from ceping.scan.report import SiteReport
from ceping.scan.robots import RobotsRules
from ceping.scan.sink import NullSink, Sink


async def scan(
    config: ScanConfig,
    sink: Sink | None = None,
    progress: Progress | None = None,
    checks: tuple[Check, ...] | None = None,
    keep_when_stopped: bool = False,
) -> list[SiteReport]:
    """Crawl and check every site of `config.urls`; reports come back in the order given.

    Cancelled (Ctrl-C under `asyncio.run`), it raises CancelledError; with `keep_when_stopped`
    it returns instead what each site had found by then, marked partial (`stopped`)."""
    sink = sink if sink is not None else NullSink()
    active = enabled_checks(config) if checks is None else checks
    for check in active:
        if check.prepare is not None:
            check.prepare()
    with ParsePool(config) as parse:
        async with Fetcher(config) as fetcher:
            robots = RobotsRules(fetcher, config.user_agent, config.obey_robots)
            book = LinkBook(fetcher, robots, sink)
            crawls = [
                SiteCrawl(url, config, fetcher, robots, book, sink, active, progress, parse)
                for url in config.urls
            ]
            return await _run_all(crawls, book, keep_when_stopped)


async def _run_all(
    crawls: list[SiteCrawl], book: LinkBook, keep_when_stopped: bool = False
) -> list[SiteReport]:
    runs = [asyncio.create_task(c.run()) for c in crawls]
    try:
        # asyncio.wait, not gather: cancelled, it returns at once, so the crawls are halted
        # here (SiteCrawl.halt) before their tasks are cancelled.
        await asyncio.wait(runs, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        for crawl in crawls:
            crawl.halt()
        for run in runs:
            run.cancel()
        await asyncio.gather(*runs, return_exceptions=True)
        if not keep_when_stopped:
            raise
        # A scan stopped by hand still leaves its result: a site of 100k links stopped after
        # 600 s once left nothing at all.
        return [await _kept(run, crawl) for run, crawl in zip(runs, crawls, strict=True)]
    finally:
        await book.aclose()
    for run in runs:  # a bug in one crawl is raised, as gather did
        error = run.exception() if run.done() and not run.cancelled() else None
        if error is not None:
            raise error
    return [run.result() for run in runs]


async def _kept(run: asyncio.Task[SiteReport], crawl: SiteCrawl) -> SiteReport:
    """The site's report if its crawl had ended, else what it had found, marked stopped."""
    if not run.cancelled() and run.exception() is None:
        return run.result()
    return await crawl.stopped()


def run_scan(
    config: ScanConfig,
    sink: Sink | None = None,
    progress: Progress | None = None,
    checks: tuple[Check, ...] | None = None,
    keep_when_stopped: bool = False,
) -> list[SiteReport]:
    """`scan` for callers without an event loop (the CLI, a Celery task). With
    `keep_when_stopped`, Ctrl-C ends the scan with the sites' results so far (a second one
    aborts it)."""
    return loop.run(scan(config, sink, progress, checks, keep_when_stopped))


async def link_statuses(urls: Iterable[str], config: ScanConfig) -> dict[str, int | None]:
    """The HTTP status of each URL as the scanner judges a link (HEAD, GET if refused), None if no
    answer."""
    async with Fetcher(config) as fetcher:
        unique = list(dict.fromkeys(urls))
        answers = await asyncio.gather(*(fetcher.check(url) for url in unique))
    return {url: answer.status for url, answer in zip(unique, answers, strict=True)}


def fetch_statuses(urls: Iterable[str], config: ScanConfig) -> dict[str, int | None]:
    """`link_statuses` for callers without an event loop (re-checks from the CLI or a worker)."""
    return loop.run(link_statuses(urls, config))
