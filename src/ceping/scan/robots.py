"""robots.txt, fetched once per origin and obeyed (protego), including Crawl-delay."""

from __future__ import annotations

import asyncio

from protego import Protego

from ceping.scan import urls
from ceping.scan.fetch import Fetcher


class RobotsRules:
    """Answers whether a URL may be fetched, per origin; the rules are fetched on first use."""

    def __init__(self, fetcher: Fetcher, user_agent: str, obey: bool = True) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.obey = obey
        self._rules: dict[str, asyncio.Future[Protego | None]] = {}

    async def _load(self, origin: str) -> Protego | None:
        resp = await self.fetcher.get_page(f"{origin}/robots.txt", attempts=2)
        if resp.status is None or resp.status >= 400 or resp.body is None:
            # No robots.txt (or an unreadable one) means no restriction, as every crawler reads it.
            return None
        text = resp.body[: 512 * 1024].decode("utf-8", errors="replace")
        rules = Protego.parse(text)
        delay = rules.crawl_delay(self.user_agent)
        if delay:
            capped = min(float(delay), self.fetcher.config.max_crawl_delay_s)
            self.fetcher.slots.set_delay(urls.host_of(origin), capped)
        return rules

    async def rules(self, url: str) -> Protego | None:
        origin = urls.origin(url)
        future = self._rules.get(origin)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._rules[origin] = future
            try:
                future.set_result(await self._load(origin))
            except BaseException as exc:
                future.set_exception(exc)
                raise
        return await future

    async def allowed(self, url: str) -> bool:
        if not self.obey:
            return True
        rules = await self.rules(url)
        return rules is None or bool(rules.can_fetch(url, self.user_agent))
