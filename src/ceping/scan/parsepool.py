"""Parse pages in worker processes, so HTML parsing runs beside the event loop, not inside it."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Self

from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Response
from ceping.scan.models import PageResult
from ceping.scan.pages import page_from_response

# Pages smaller than this parse faster than they travel to a worker and back.
POOL_MIN_BYTES = 2048


class ParsePool:
    """`await pool(resp, depth)` -> PageResult; in-process when `parse_workers` is 0."""

    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        if self.config.parse_workers > 0:
            # spawn, not fork: the parent may run threads (a test server, a console), and a forked
            # child would inherit their locks.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.config.parse_workers, mp_context=context)
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    async def __call__(self, resp: Response, depth: int) -> PageResult:
        small = resp.body is None or len(resp.body) < POOL_MIN_BYTES or not resp.is_html
        if self._pool is None or small:
            return page_from_response(resp, depth, self.config.as_of)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, page_from_response, resp, depth, self.config.as_of
        )
