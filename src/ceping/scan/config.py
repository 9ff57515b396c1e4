"""ScanConfig: the frozen settings of one scan, passed down to every stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ceping.scan import policy
from ceping.scan.sitewords import DEFAULT_SECTION_SYNONYMS


@dataclass(frozen=True)
class ScanConfig:
    """What to scan and how politely; the defaults come from `policy`."""

    urls: tuple[str, ...]
    as_of: dt.date = field(default_factory=dt.date.today)
    timeout_s: float = policy.FETCH_TIMEOUT_S
    concurrency: int = policy.GLOBAL_CONCURRENCY
    per_host: int = policy.PER_HOST_CONCURRENCY
    delay_s: float = policy.PER_HOST_DELAY_S
    max_crawl_delay_s: float = policy.MAX_CRAWL_DELAY_S
    attempts: int = policy.FETCH_ATTEMPTS
    home_attempts: int = policy.HOME_FETCH_ATTEMPTS
    backoff_s: float = policy.BACKOFF_BASE_S
    max_pages: int = policy.MAX_PAGES_PER_SITE
    max_depth: int = policy.MAX_DEPTH
    max_bytes: int = policy.MAX_BYTES_PER_SITE
    max_seconds: float = policy.MAX_SECONDS_PER_SITE
    max_redirects: int = policy.MAX_REDIRECTS
    allow_private: bool = False
    obey_robots: bool = True
    user_agent: str = policy.USER_AGENT
    check_external: bool = True
    check_resources: bool = True
    max_resources: int = policy.MAX_RESOURCES_PER_SITE
    max_resources_per_page: int = policy.MAX_RESOURCES_PER_PAGE
    slow_page_ms: int = policy.SLOW_PAGE_MS
    stale_after_days: int = policy.STALE_AFTER_DAYS
    stale_home_days: int = policy.STALE_HOME_DAYS
    unanswered_after_days: int = policy.UNANSWERED_AFTER_DAYS
    check_typos: bool = True
    check_https: bool = True
    search_probe: str = "政府"
    parse_workers: int = policy.PARSE_WORKERS
    section_synonyms: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_SECTION_SYNONYMS
    # Time to open a connection, within `timeout_s`. Monitoring sets it to the whole timeout:
    # the rule's 15 seconds are for the visit, however they are spent.
    connect_timeout_s: float = policy.CONNECT_TIMEOUT_S

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
