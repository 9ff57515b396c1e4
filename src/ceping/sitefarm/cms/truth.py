"""The broken links of a site as its crawl meets them: every (linking page, target) pair whose
target answers with an error or not at all, pages visited breadth-first from the home page."""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urlsplit

from ceping.scan import urls
from ceping.sitefarm.farm import FarmFile, FarmSite
from ceping.sitefarm.server import file_key


def key_of(path: str) -> str:
    """The key under which the farm keeps the page at `path` (a path with its query, or a
    whole URL of the site)."""
    parts = urlsplit(path)
    return file_key(urls.unquote(parts.path), parts.query)


def answer(site: FarmSite, url: str) -> FarmFile | None:
    """What the farm server sends for `url` on `site` (None: 404), as server.py looks it up."""
    return site.files.get(key_of(url)) or site.files.get(urls.unquote(urlsplit(url).path))


def broken_links(
    site: FarmSite, others: dict[str, FarmSite]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The broken links, and the working links a checker may get wrong (to another host, or
    told apart by their query), once each. `others` maps "host:port" to the farm's other
    sites (the outside host); any other address is taken as dead (nothing listens there)."""
    here = site.netloc
    start = site.url("/")
    queue, seen = deque([start]), {start}
    found: list[dict[str, Any]] = []
    working: dict[str, dict[str, Any]] = {}
    while queue:
        page = queue.popleft()
        for target in dict.fromkeys(site.links.get(key_of(page), [])):
            netloc = urlsplit(target).netloc
            owner = site if netloc == here else others.get(netloc)
            got = answer(owner, target) if owner is not None else None
            if got is None or got.status >= 400:
                found.append({"kind": "broken_link", "url": target, "page": page})
                continue
            if owner is not site or urlsplit(target).query:
                why = "链接到其他网站，能打开" if owner is not site else "带参数的分页地址，能打开"
                working.setdefault(target, {"kind": "broken_link", "why": why, "url": target})
            if owner is site and got.content_type.startswith("text/html") and target not in seen:
                seen.add(target)
                queue.append(target)
    return found, list(working.values())
