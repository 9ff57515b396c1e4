"""The event loop every scan runs on: uvloop where it is installed, asyncio's own otherwise.

uvloop cuts the event loop's share of a page's CPU (socket writes, callbacks, timers): a crawl
process reads more pages per CPU second with it (docs/decisions/0022-crawl-loop-and-charset.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def _factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:  # a platform without it (Windows): asyncio's loop does the same work
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)` on the fastest loop at hand."""
    with asyncio.Runner(loop_factory=_factory()) as runner:
        return runner.run(main)
