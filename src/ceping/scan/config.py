"""ScanConfig: the frozen settings of one scan, passed down to every stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from ceping.scan import policy
from ceping.scan.sitewords import DEFAULT_SECTION_SYNONYMS
from ceping.scan.wordlists import default_hidden_link_words


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
    max_links_per_page: int = policy.MAX_LINKS_PER_PAGE
    slow_page_ms: int = policy.SLOW_PAGE_MS
    stale_after_days: int = policy.STALE_AFTER_DAYS
    stale_home_days: int = policy.STALE_HOME_DAYS
    unanswered_after_days: int = policy.UNANSWERED_AFTER_DAYS
    slow_reply_days: int = policy.SLOW_REPLY_DAYS
    check_typos: bool = True
    check_https: bool = True
    check_guides: bool = True
    search_probe: str = "政府"
    parse_workers: int = policy.PARSE_WORKERS
    section_synonyms: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_SECTION_SYNONYMS
    # Security posture (docs/checks/security-posture.md), each on its own switch.
    check_https_redirect: bool = True
    check_hsts: bool = True
    check_tls: bool = True
    check_mixed_content: bool = True
    check_ipv6: bool = True
    # Page checks (docs/checks/site-monitor-checks.md): identification marks, hidden links,
    # sensitive words, mobile and accessibility basics.
    check_identifiers: bool = True
    identifiers: tuple[str, ...] = policy.REQUIRED_IDENTIFIERS
    check_hidden_links: bool = True
    hidden_link_words: tuple[str, ...] = field(default_factory=default_hidden_link_words)
    sensitive_words: tuple[str, ...] = ()
    check_viewport: bool = True
    check_alt: bool = True
    missing_alt_share: float = policy.MISSING_ALT_SHARE
    missing_alt_min_images: int = policy.MISSING_ALT_MIN_IMAGES
    check_accessible_mode: bool = True
    check_lang: bool = True
    # Staleness window per column type (scan/column_types.py); the other types use
    # stale_after_days.
    stale_news_days: int = policy.STALE_NEWS_DAYS
    stale_notice_days: int = policy.STALE_NOTICE_DAYS
    stale_policy_days: int = policy.STALE_POLICY_DAYS
    stale_plan_days: int = policy.STALE_AFTER_DAYS
    stale_personnel_days: int = policy.STALE_AFTER_DAYS
    stale_interaction_days: int = policy.STALE_AFTER_DAYS
    # Headless Chromium for script-built lists: pages and seconds per site. Off (0 pages) unless
    # asked for: `ceping scan` asks for policy.RENDER_PAGES_PER_SITE.
    render_pages: int = 0
    render_seconds: float = policy.RENDER_SECONDS_PER_SITE
    chromium_path: str = policy.CHROMIUM_PATH
    # Time to open a connection, within `timeout_s`. Monitoring sets it to the whole timeout:
    # the rule's 15 seconds are for the visit, however they are spent.
    connect_timeout_s: float = policy.CONNECT_TIMEOUT_S
    # Host names pinned to addresses, asked before any name server (scan/hostmap.py).
    pins: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")


# What a framework (its `scan:` section) and the command line may set, by the names they use.
# Checks switched on or off: name → ScanConfig field.
CHECK_SWITCHES: Mapping[str, str] = MappingProxyType({
    "typos": "check_typos", "external": "check_external", "resources": "check_resources",
    "https": "check_https", "https_redirect": "check_https_redirect", "hsts": "check_hsts",
    "tls": "check_tls", "mixed_content": "check_mixed_content", "ipv6": "check_ipv6",
    "guides": "check_guides", "identifiers": "check_identifiers",
    "hidden_links": "check_hidden_links", "viewport": "check_viewport", "alt": "check_alt",
    "accessible_mode": "check_accessible_mode", "lang": "check_lang",
})  # fmt: skip
# Column types (scan/column_types.py) and the ScanConfig field holding each one's window (days).
WINDOW_FIELDS: Mapping[str, str] = MappingProxyType({
    "动态要闻": "stale_news_days", "通知公告": "stale_notice_days",
    "政策文件": "stale_policy_days", "规划计划": "stale_plan_days",
    "人事信息": "stale_personnel_days", "互动": "stale_interaction_days",
    "其他": "stale_after_days",
})  # fmt: skip
# Thresholds: ScanConfig field → (kind of value, what it is, in Chinese).
THRESHOLDS: Mapping[str, tuple[type, str]] = MappingProxyType({
    "slow_page_ms": (int, "页面打开慢的界限（毫秒）"),
    "stale_home_days": (int, "首页更新时限（天）"),
    "unanswered_after_days": (int, "留言未答复的时限（天）"),
    "slow_reply_days": (int, "留言答复时限（天）"),
    "missing_alt_share": (float, "缺少替代文字的图片比例界限（0 到 1）"),
    "missing_alt_min_images": (int, "判断替代文字的最少内容图片数"),
    "max_resources": (int, "每个网站最多检查的页面资源数"),
    "max_resources_per_page": (int, "每个页面最多检查的页面资源数"),
})  # fmt: skip
# Word lists: ScanConfig field → what it is.
WORD_LISTS: Mapping[str, str] = MappingProxyType(
    {"sensitive_words": "敏感词表", "hidden_link_words": "暗链关键词表"}
)


def config_defaults() -> Mapping[str, object]:
    """Every field's default, as a scan left alone has it (a framework's setting applies to a
    field that still holds its default)."""
    plain = ScanConfig(urls=())
    return MappingProxyType({f.name: getattr(plain, f.name) for f in fields(ScanConfig)})
