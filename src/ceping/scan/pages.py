"""Turn an HTTP answer into a PageResult, parsing the HTML when there is some."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ceping.scan import urls
from ceping.scan.encoding import decode
from ceping.scan.fetch import Response
from ceping.scan.models import PageResult
from ceping.scan.nesting import cut_deep_nesting
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
    body, is_cut = cut_deep_nesting(resp.body)
    text, encoding = decode(body, resp.content_type)
    parsed = parse_html(text, urls.normalize(resp.final_url or resp.url), as_of)
    # The answer's own fields stay as `base` has them: only what parsing found is added.
    return replace(
        base,
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
        signals=parsed.signals,
        next_page=parsed.next_page,
        data_sources=parsed.data_sources,
        is_script_built=parsed.is_script_built,
        cut="nesting" if is_cut else "",
    )
