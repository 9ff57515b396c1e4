"""One probe round: visit every target once, with bounded concurrency, and hand each sample on.

The scanner's fetcher does the visiting, so a probe obeys the same address guard (loopback
and private addresses only with `allow_private`), the same redirects and the same error
reasons as a scan. Samples leave through `on_sample` as they come: a round of 14,000 sites
never holds them all.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ceping.monitor.rules import (
    PROBE_ATTEMPTS,
    PROBE_BACKOFF_S,
    PROBE_CONCURRENCY,
    PROBE_TIMEOUT_S,
)
from ceping.monitor.samples import Sample
from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Fetcher

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class Target:
    site: str  # the site's home page
    page: str  # what to visit: the home page itself or a key page of the site


@dataclass(frozen=True, slots=True)
class ProbeSettings:
    timeout_s: float = PROBE_TIMEOUT_S
    attempts: int = PROBE_ATTEMPTS
    backoff_s: float = PROBE_BACKOFF_S
    concurrency: int = PROBE_CONCURRENCY
    allow_private: bool = False

    def scan_config(self) -> ScanConfig:
        return ScanConfig(
            urls=(),
            timeout_s=self.timeout_s,
            connect_timeout_s=self.timeout_s,
            concurrency=self.concurrency,
            # A site's home page and its few key pages may be visited at the same time.
            per_host=4,
            attempts=self.attempts,
            home_attempts=self.attempts,
            backoff_s=self.backoff_s,
            allow_private=self.allow_private,
        )


async def probe_round(
    targets: Iterable[Target],
    settings: ProbeSettings,
    clock: Clock,
    on_sample: Callable[[Sample], None],
) -> int:
    """Visit each target once; the number of samples handed to `on_sample`."""
    pending = iter(targets)
    done = 0

    async def visitor(fetcher: Fetcher) -> None:
        nonlocal done
        for target in pending:  # one iterator shared by the visitors: each target once
            at = clock()
            answer = await fetcher.visit(target.page, settings.attempts)
            failed = answer.error is not None
            on_sample(
                Sample(
                    site=target.site,
                    page=target.page,
                    at=at,
                    status=answer.status,
                    error=answer.error,
                    ttfb_ms=None if failed else answer.ttfb_ms,
                )
            )
            done += 1

    async with Fetcher(settings.scan_config()) as fetcher:
        await asyncio.gather(*(visitor(fetcher) for _ in range(settings.concurrency)))
    return done
