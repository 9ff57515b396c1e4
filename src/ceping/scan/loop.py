"""The event loop every scan runs on: uvloop where it is installed, asyncio's own otherwise.

uvloop cuts the event loop's share of a page's CPU (socket writes, callbacks, timers): a crawl
process reads more pages per CPU second with it (docs/decisions/0022-crawl-loop-and-charset.md).
The cyclic collector runs less often meanwhile (gc_pause.gc_relaxed, decisions 0026 and 0027)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from ceping.gc_pause import gc_relaxed

T = TypeVar("T")


def _factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:  # a platform without it (Windows): asyncio's loop does the same work
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)` on the fastest loop at hand, the collector relaxed while `main` runs.

    The collector is restored, and collects, before the runner closes the loop (the managers
    exit in reverse order): the loop's shutdown then meets the objects it met before the change
    (decision 0027)."""
    with asyncio.Runner(loop_factory=_factory()) as runner, gc_relaxed():
        return runner.run(main)
