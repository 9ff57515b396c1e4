"""Turn an HTTP answer into a PageResult, parsing the HTML when there is some."""

from __future__ import annotations

import datetime as dt

from ceping.scan import urls
from ceping.scan.encoding import decode
from ceping.scan.fetch import Response
from ceping.scan.models import PageResult
from ceping.scan.parse import parse_html


def page_from_response(resp: Response, depth: int, as_of: dt.date) -> PageResult:
    base = PageResult(
        url=resp.url,
        depth=depth,
        status=resp.status,
        error=resp.error,
        final_url=resp.final_url,
        content_type=resp.content_type,
        ttfb_ms=resp.ttfb_ms,
        total_ms=resp.total_ms,
        size=resp.size,
        is_html=resp.is_html,
        last_modified=resp.last_modified,
    )
    if not (
        resp.is_html and resp.body is not None and resp.status is not None and resp.status < 400
    ):
        return base
    text, encoding = decode(resp.body, resp.content_type)
    parsed = parse_html(text, urls.normalize(resp.final_url or resp.url), as_of)
    return PageResult(
        url=base.url,
        depth=depth,
        status=base.status,
        error=base.error,
        final_url=base.final_url,
        content_type=base.content_type,
        ttfb_ms=base.ttfb_ms,
        total_ms=base.total_ms,
        size=base.size,
        is_html=True,
        title=parsed.title,
        links=parsed.links,
        forms=parsed.forms,
        text=parsed.text,
        dated_items=parsed.dated_items,
        is_list_page=parsed.is_list_page,
        encoding=encoding,
        undated_items=parsed.undated_items,
        published=parsed.published,
        last_modified=base.last_modified,
    )
