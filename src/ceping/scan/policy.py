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
# Distinct links of one page followed or checked: a page of 100,000 links is a flood, not a
# site map a person reads; past this the page's other links are left (stats.limits_hit "links").
MAX_LINKS_PER_PAGE = 10_000
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
# Board pages kept from the crawl, each fetched again for its rows; the crawl finds a board's
# next pages as boards too (read once: checks/messages.py), so room for a few boards' pages.
MAX_MESSAGE_BOARDS_PER_SITE = 30
MAX_BOARD_PAGES = 20  # pages followed per board (下一页); a year of messages fits in fewer
MAX_BOARD_BLOCKS = 5000  # blocks (rows, items, cards) read per board page, on hostile pages too
# Characters of block text read per board page: a frame repeats its rows' text, so deep nesting
# multiplies it (5,000 nested divs around 200 k characters took 155 s before this bound).
MAX_BOARD_TEXT_CHARS = 8_000_000
# 留言办理: a reply later than this is late. The 2019 table's own window for it was not found
# (docs/frameworks/national-2019.md §4); 15 days is a local rule's longest time (巢湖, 2006:
# "最长办理时限不超过15天"), generous beside the 3–5 working days others give. Set per scan.
SLOW_REPLY_DAYS = 15
# Incomplete service guides reported per site: a CMS that prints every guide from one template
# lacks the same element in all of them, and the rules count that once.
MAX_GUIDE_FINDINGS_PER_SITE = 200
ROBOTS_TIMEOUT_S = 10.0
# A site's Crawl-delay is obeyed up to this: "Crawl-delay: 1000" would stall its scan for days.
MAX_CRAWL_DELAY_S = 10.0
ROBOTS_MAX_BYTES = 512 * 1024
# Security posture checks: each TLS handshake of the certificate probe, and the IPv6 request.
TLS_PROBE_TIMEOUT_S = 10.0
IPV6_TIMEOUT_S = 10.0

# Page checks. The marks a government site's home page shows (政府网站发展指引, 2017): its
# 网站标识码, ICP 备案编号, 公安机关备案号, 党政机关网站标识 and the 我为政府网站找错 entry.
REQUIRED_IDENTIFIERS = ("site_code", "icp", "psb", "conac", "jiucuo")
# A site whose content images lack alternative text more often than this is reported, once it
# has at least this many content images (fewer say little about the site).
MISSING_ALT_SHARE = 0.5
MISSING_ALT_MIN_IMAGES = 5
# When a home page lacks an identification mark or an accessible-mode entry, the scripts it
# loads that may write its header or footer (document.write) are read, at most this many: a
# footer-named one first, then the site's own from the page's end (MIIT's footer comes from a
# script named by a hash). checks/homescripts.
IDENTIFIER_SCRIPTS_READ = 6

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
