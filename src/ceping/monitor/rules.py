"""The rules monitoring applies, each with its unit and where it comes from.

国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标), 单项否决 "站点无法访问": the home page is
visited at least 20 times a day over a week, each visit waits at most 15 seconds, and a site
whose visits fail 5 % of the time or more is vetoed (docs/frameworks/national-2019.md).
"""

from __future__ import annotations

MIN_VISITS_PER_DAY = 20
PROBE_TIMEOUT_S = 15.0
VETO_FAILURE_PERCENT = 5  # an integer: the veto compares counts, never a rounded float
WINDOW_DAYS = 7

# Ours, not the table's: every 30 minutes (48 visits a day, more than twice the rule's 20, so
# a missed round never drops a day below it), each round moved by up to ±10 % of the interval
# so the sites of many campaigns are not all visited on the same second.
INTERVAL_S = 1800
JITTER_FRACTION = 0.1
# One failed visit may be the network between us and the site: an incident (and its alert)
# starts after this many failed visits in a row, dated from the first of them.
DOWN_AFTER_FAILURES = 3
# A failed request is tried again once before the visit counts as failed (a dropped
# connection is not an outage); both tries fit in the rule's 15 seconds each.
PROBE_ATTEMPTS = 2
PROBE_BACKOFF_S = 1.0
PROBE_CONCURRENCY = 200
# Samples are kept this long, then rolled up into one figure per site and day: longer than
# the window, so the window's figures (median and 90th percentile included) come from samples.
RETENTION_DAYS = 35
