"""The collector settings around bulk work: paused for scoring, relaxed for a crawl."""

from __future__ import annotations

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
