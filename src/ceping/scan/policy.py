"""Network policy of the scanner: every timeout, attempt count and limit, with its unit."""

from __future__ import annotations

USER_AGENT = "ceping-scan/0.1 (+https://github.com/ceping/ceping; government website evaluation)"

# Concurrency: all sites of a campaign share the global pool; each host gets a small slice
# so that a campaign of many sites never hammers one of them.
GLOBAL_CONCURRENCY = 64
PER_HOST_CONCURRENCY = 4
PER_HOST_DELAY_S = 0.0

FETCH_TIMEOUT_S = 15.0
CONNECT_TIMEOUT_S = 10.0
# Transient failures (connection reset, 429, 502, 503, 504, timeout) are retried.
FETCH_ATTEMPTS = 3
HOME_FETCH_ATTEMPTS = 4
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 8.0
RETRY_STATUSES = frozenset({429, 502, 503, 504})

MAX_REDIRECTS = 10
# A page larger than this is truncated (its links beyond the cut are not seen).
MAX_PAGE_BYTES = 5 * 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024

MAX_PAGES_PER_SITE = 100_000
MAX_DEPTH = 20
# Embedded resources (images, style sheets, scripts, media) are checked, not crawled; each
# check is a HEAD (a GET without its body when HEAD is refused), counted against these.
MAX_RESOURCES_PER_SITE = 100_000
MAX_RESOURCES_PER_PAGE = 500
MAX_BYTES_PER_SITE = 2 * 1024 * 1024 * 1024
MAX_SECONDS_PER_SITE = 4 * 3600.0
# The site checks (search, speed, HTTPS) of a site that used all its time still get this long.
SITE_CHECKS_GRACE_S = 60.0

# Traps: URLs beyond these shapes are not fetched and are reported once per pattern.
MAX_URL_CHARS = 1024
MAX_QUERY_CHARS = 256
MAX_PATH_SEGMENTS = 16
MAX_SEGMENT_REPEATS = 3
CALENDAR_PATTERN_MAX_PAGES = 24
CALENDAR_YEARS_AROUND = 2

# Worker processes that parse HTML beside the event loop (0: parse in the event loop).
# Off by default: on 2 cores the transfer to a worker cost as much as it saved (bench/crawl).
PARSE_WORKERS = 0

SLOW_PAGE_MS = 3000
STALE_AFTER_DAYS = 180
# 国办秘函〔2019〕19号, 首页不更新: a home page with nothing new for 2 weeks is a single veto.
STALE_HOME_DAYS = 14
# 国办秘函〔2019〕19号, 互动回应差: within the year before the check, a valid message left
# unanswered for more than 3 months is a single veto.
UNANSWERED_AFTER_DAYS = 90
MESSAGES_LOOKBACK_DAYS = 365
MAX_MESSAGE_BOARDS_PER_SITE = 10  # each board page is fetched a second time, for its rows
ROBOTS_TIMEOUT_S = 10.0
# A site's Crawl-delay is obeyed up to this: "Crawl-delay: 1000" would stall its scan for days.
MAX_CRAWL_DELAY_S = 10.0
ROBOTS_MAX_BYTES = 512 * 1024

# Staleness windows per column type (scan/column_types.py), 国办 rules (全国政府网站普查评分表):
# 动态、要闻类 2 weeks; 通知公告、政策文件类 6 months. The other types use STALE_AFTER_DAYS.
STALE_NEWS_DAYS = 14
STALE_NOTICE_DAYS = 183
STALE_POLICY_DAYS = 183
# A column whose first page shows only pinned items is read on, page by page, this far at most.
MAX_PAGER_STEPS = 5
# Script-built lists the scanner could not read from the page's own data are drawn in headless
# Chromium, per site at most this many pages and this long in all.
RENDER_PAGES_PER_SITE = 10
RENDER_SECONDS_PER_SITE = 60.0
RENDER_TIMEOUT_S = 15.0
MAX_BROWSERS = 2  # sites drawing pages in Chromium at once, per scan
CHROMIUM_PATH = "/usr/bin/chromium"
