"""Keep the cyclic garbage collector out of the way of bulk work: paused around scoring, which
allocates millions of objects, and collecting young objects less often during a crawl."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without cyclic collection, then restore the collector as it was.

    Scoring a national campaign builds ~10⁷ tuples and records, none in a cycle;
    the collections they trigger walked every live object again and again (~40 %
    of the run). Reference counting still frees everything meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Hand what the block allocated to the oldest generation without a walk:
        # re-enabling alone makes the next collection walk all of it (~1 s).
        # (This also unfreezes what anyone froze before; nothing in ceping freezes.)
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


# Container objects allocated (net of those freed) between two young collections during a crawl.
# The default, 700, is a few pages' parse: see gc_relaxed.
CRAWL_YOUNG_THRESHOLD = 50_000
_relaxed_lock = threading.Lock()
_relaxed_users = 0
_saved_thresholds: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def gc_relaxed() -> Iterator[None]:
    """Run a crawl with young collections every 50,000 net allocations instead of 700.

    A crawl keeps each page in flight (its answer, its parsed tree) alive across several hundred
    allocations, so the default threshold promoted them to older generations, where they died by
    reference counting but counted towards full collections that walked the whole link book
    again: a quarter of a 50,000-page crawl's CPU (decision 0026). Cycles are still collected,
    later. Scans may overlap in threads of one process: the first one in sets the threshold, the
    last one out restores it and collects what the crawl left, while its event loop is still
    open (scan/loop.run): a stopped crawl may leave tasks pending in cycles, and the loop's
    shutdown cancels and awaits every task it still knows (decision 0027).
    """
    global _relaxed_users, _saved_thresholds
    with _relaxed_lock:
        if _relaxed_users == 0:
            _saved_thresholds = gc.get_threshold()
            gc.set_threshold(CRAWL_YOUNG_THRESHOLD, *_saved_thresholds[1:])
        _relaxed_users += 1
    try:
        yield
    finally:
        with _relaxed_lock:
            _relaxed_users -= 1
            if _relaxed_users == 0:
                gc.set_threshold(*_saved_thresholds)
                gc.collect()
