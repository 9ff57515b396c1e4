"""Scan every site of a campaign concurrently through one polite fetcher and one link book."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

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
) -> list[SiteReport]:
    """Crawl and check every site of `config.urls`; reports come back in the order given."""
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
            return await _run_all(crawls, book)


async def _run_all(crawls: list[SiteCrawl], book: LinkBook) -> list[SiteReport]:
    try:
        return list(await asyncio.gather(*(c.run() for c in crawls)))
    finally:
        await book.aclose()


def run_scan(
    config: ScanConfig,
    sink: Sink | None = None,
    progress: Progress | None = None,
    checks: tuple[Check, ...] | None = None,
) -> list[SiteReport]:
    """`scan` for callers without an event loop (the CLI, a Celery task)."""
    return asyncio.run(scan(config, sink, progress, checks))


async def link_statuses(urls: Iterable[str], config: ScanConfig) -> dict[str, int | None]:
    """The HTTP status of each URL as the scanner judges a link (HEAD, GET if refused), None if no
    answer."""
    async with Fetcher(config) as fetcher:
        unique = list(dict.fromkeys(urls))
        answers = await asyncio.gather(*(fetcher.check(url) for url in unique))
    return {url: answer.status for url, answer in zip(unique, answers, strict=True)}


def fetch_statuses(urls: Iterable[str], config: ScanConfig) -> dict[str, int | None]:
    """`link_statuses` for callers without an event loop (re-checks from the CLI or a worker)."""
    return asyncio.run(link_statuses(urls, config))
