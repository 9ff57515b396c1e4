"""The collector settings around bulk work: paused for scoring, relaxed for a crawl."""

from __future__ import annotations

import asyncio
import gc
import threading

from ceping.gc_pause import CRAWL_YOUNG_THRESHOLD, gc_paused, gc_relaxed
from ceping.scan import loop


async def _threshold() -> tuple[int, int, int]:
    return gc.get_threshold()


def test_a_scan_loop_runs_relaxed_and_restores_the_threshold() -> None:
    before = gc.get_threshold()
    assert loop.run(_threshold())[0] == CRAWL_YOUNG_THRESHOLD
    assert gc.get_threshold() == before


def test_overlapping_scans_restore_the_threshold_only_when_the_last_ends() -> None:
    before = gc.get_threshold()
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[int] = []

    def second() -> None:
        first_in.wait(10)
        with gc_relaxed():
            pass
        seen.append(gc.get_threshold()[0])  # the first scan is still running
        second_out.set()

    worker = threading.Thread(target=second)
    worker.start()
    with gc_relaxed():
        first_in.set()
        assert second_out.wait(10)
    worker.join(10)
    assert seen == [CRAWL_YOUNG_THRESHOLD]
    assert gc.get_threshold() == before


def test_a_failing_block_restores_the_collector() -> None:
    before, enabled = gc.get_threshold(), gc.isenabled()
    for manager in (gc_relaxed, gc_paused):
        try:
            with manager():
                raise RuntimeError("stop")
        except RuntimeError:
            pass
        assert gc.get_threshold() == before
        assert gc.isenabled() == enabled


async def _drop_a_task_that_outlives_cancellation() -> None:
    """Leaves a pending task that only a collection can end: it waits on a future no one holds,
    and takes a cancellation (as asyncio.wait_for of 3.11 may drop one) as a cue to wait again."""

    async def stuck() -> None:
        while True:
            try:
                await asyncio.get_running_loop().create_future()
            except asyncio.CancelledError:
                continue

    asyncio.get_running_loop().create_task(stuck())
    await asyncio.sleep(0)  # it starts, and waits; nothing refers to it any more


def test_the_loop_closes_without_waiting_on_tasks_a_crawl_left_in_cycles() -> None:
    # The runner's shutdown cancels and awaits every task the loop still knows; with the
    # collector relaxed, a dropped task is still known then unless collected first (0027).
    done = threading.Event()

    def scan() -> None:
        loop.run(_drop_a_task_that_outlives_cancellation())
        done.set()

    threading.Thread(target=scan, daemon=True).start()
    assert done.wait(20), "the scan's loop never closed"
