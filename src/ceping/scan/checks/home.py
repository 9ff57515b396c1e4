"""Home page freshness (首页不更新): its newest date, or its Last-Modified, older than the window.

The newest of the dates the home page shows (its dated list items and any full date in its
text) and of its `Last-Modified` header is compared with the scan's as-of date. Dates after
as-of are ignored (a deadline or a forged date says nothing about an update). A home page
that shows no date at all and sends no header is not judged: a navigation-only home page is
judged through its columns (the 2019 rule), which the columns check covers.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.dates import full_dates
from ceping.scan.models import STALE_HOME, Finding, PageResult


def header_date(value: str) -> dt.date | None:
    """The date of an HTTP date header (RFC 9110), None when absent or unreadable."""
    if not value.strip():
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def newest_date(home: PageResult, as_of: dt.date) -> dt.date | None:
    """The newest date the home page shows or declares, not after `as_of`."""
    found = [dt.date.fromisoformat(item.date) for item in home.dated_items]
    found += full_dates(home.text)
    declared = header_date(home.last_modified)
    if declared is not None:
        found.append(declared)
    past = [d for d in found if d <= as_of]
    return max(past) if past else None


def stale_home(home: PageResult | None, as_of: dt.date, window_days: int) -> Finding | None:
    if home is None or not home.ok or not home.is_html:
        return None  # an unreachable home is the crawler's finding, not this one
    latest = newest_date(home, as_of)
    if latest is None:
        return None
    days = (as_of - latest).days
    if days <= window_days:
        return None
    return Finding.make(STALE_HOME, page=home.url, latest=latest.isoformat(), days=days)


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    found = stale_home(site.home, ctx.config.as_of, ctx.config.stale_home_days)
    return SiteOutcome((found,) if found is not None else ())


CHECK = Check("home", on_site=check_site)
