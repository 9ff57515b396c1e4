"""Scrapy as a link checker: a CrawlSpider over the farm, 4 requests per host, robots obeyed.

    python bench/crawl_scrapy.py OUT.json CONCURRENCY URL...

Follows every link within the start sites (a `Rule` with a `LinkExtractor`), requests every
other link once to check it, and writes the broken (URL, first linking page) pairs. Scrapy
requests each URL once (its duplicate filter), so like LinkChecker it names one parent per
broken URL.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class FarmSpider(CrawlSpider):
    name = "farm"
    rules: tuple[Rule, ...] = ()

    def __init__(self, start: list[str], out: str, **kwargs: Any) -> None:
        # Rules are compiled in __init__ from the class attribute: set them first.
        inside = [re.escape(u.rstrip("/")) + r"(/|$)" for u in start]
        type(self).rules = (
            Rule(LinkExtractor(allow=inside, unique=True), callback="page", follow=True),
        )
        super().__init__(**kwargs)
        self.start_urls = start
        self.out = out
        self.prefixes = tuple(u.rstrip("/") for u in start)
        self.every_link = LinkExtractor(unique=True)
        self.broken: set[tuple[str, str]] = set()
        self.pages = 0

    def parse_start_url(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        return self.page(response)

    def page(self, response: Response) -> Iterator[Request]:
        """Record a broken page; request each outside link once (the Rule follows the inside)."""
        if response.status >= 400:
            self._broken(response.url, response.request)
            return
        self.pages += 1
        if not hasattr(response, "text"):
            return
        for link in self.every_link.extract_links(response):
            if not link.url.startswith(self.prefixes):
                yield Request(link.url, callback=self.checked, errback=self.failed)

    def checked(self, response: Response) -> None:
        if response.status >= 400:
            self._broken(response.url, response.request)

    def failed(self, failure: Any) -> None:
        self._broken(failure.request.url, failure.request)

    def _broken(self, url: str, request: Request | None) -> None:
        referer = request.headers.get("Referer", b"") if request is not None else b""
        self.broken.add((url, referer.decode("utf-8", "replace") if referer else ""))

    def closed(self, reason: str) -> None:
        doc = {"pages": self.pages, "broken": sorted(self.broken), "reason": reason}
        Path(self.out).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def main() -> int:
    out, concurrency, *start = sys.argv[1:]
    hosts = {urlsplit(u).hostname for u in start}
    process = CrawlerProcess(
        settings={
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": int(concurrency),
            "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
            "DOWNLOAD_DELAY": 0,
            "DOWNLOAD_TIMEOUT": 10,
            "HTTPERROR_ALLOW_ALL": True,
            "LOG_LEVEL": "ERROR",
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "DEPTH_PRIORITY": 1,  # breadth first, as the other crawlers
            "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
            "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        }
    )
    process.crawl(FarmSpider, start=start, out=out)
    process.start()
    print(f"{len(hosts)} hosts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
