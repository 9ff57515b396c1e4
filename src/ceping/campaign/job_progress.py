"""A running job's progress: kept in memory by the work, written to its row by a heartbeat thread.

The work may report progress from anywhere, an event loop included (the scan's crawler calls
back inside asyncio, where Django refuses database calls), so `tell` only stores numbers; one
thread writes them with the heartbeat every `FLUSH_S` and reads back whether the organizer
asked the job to stop.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connections
from django.utils import timezone

from ceping.errors import CepingError
from ceping.web.models import Job

log = logging.getLogger(__name__)

FLUSH_S = 1.0  # progress in the page lags the work by at most this (plus the page's own poll)


class JobStopped(CepingError):
    """The organizer stopped the job; the work ends at its next safe point."""


class Reporter:
    """What a job's work is handed: `tell(done, total, message)`, `stopping`, `check()`."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._lock = threading.Lock()
        self._state = (0, 0, "")
        self._written: tuple[int, int, str] | None = None
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"ceping-job-{job_id}", daemon=True)

    # -- the work's side ----------------------------------------------------------------------
    def tell(self, done: int, total: int, message: str = "") -> None:
        with self._lock:
            self._state = (done, total, message)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise JobStopped when the organizer asked to stop (call between steps)."""
        if self._stop.is_set():
            raise JobStopped("已按要求停止")

    # -- the runner's side --------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Stop the heartbeat and write the last progress (in the caller's thread)."""
        self._closing.set()
        self._thread.join()
        self._flush()

    def _beat(self) -> None:
        try:
            while not self._closing.wait(FLUSH_S):
                try:
                    self._flush()
                except DatabaseError:  # a busy database: the next beat writes it
                    log.warning("job %s: progress not written this time", self.job_id)
        finally:
            connections.close_all()  # this thread's own connection

    def _flush(self) -> None:
        with self._lock:
            state = self._state
        fields = {"heartbeat": timezone.now()}
        if state != self._written:
            fields.update(done=state[0], total=state[1], message=state[2])
        Job.objects.filter(pk=self.job_id).update(**fields)
        self._written = state
        if Job.objects.filter(pk=self.job_id, stop_requested=True).exists():
            self._stop.set()
