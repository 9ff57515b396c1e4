"""A site of a few given pages on loopback, scanned with only what the page-level tests judge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from ceping.scan import ScanConfig, run_scan
from tests.web.loopback import serve_handler


def scan_pages(bodies: Mapping[str, str], as_of: dt.date) -> tuple[str, list[dict[str, Any]]]:
    """Serve `bodies` (a path, or a path with its query, to HTML; 404 for anything else) and
    scan the site from its home page: (the site's address, the findings)."""

    async def handle(request: web.Request) -> web.Response:
        body = bodies.get(request.path_qs) or bodies.get(request.path)
        if body is None:
            return web.Response(status=404, text="not found")
        return web.Response(text=body, content_type="text/html")

    with serve_handler(handle) as base:
        config = ScanConfig(
            urls=(f"{base}/",),
            as_of=as_of,
            allow_private=True,
            check_typos=False,
            check_https=False,
            check_external=False,
            backoff_s=0.05,
        )
        (report,) = run_scan(config)
    return f"{base}/", report.to_json()["findings"]


def found(kind: str, bodies: Mapping[str, str], as_of: dt.date) -> list[dict[str, Any]]:
    """The findings of one kind, each with its page as a path of the site."""
    url, findings = scan_pages(bodies, as_of)
    base = url.removesuffix("/")
    return sorted(
        (
            {**f, "page": f.get("page", "").removeprefix(base)}
            for f in findings
            if f["kind"] == kind
        ),
        key=str,
    )
