"""One crawler process per core: sites handed out to processes as slots free up, results merged.

The event loop of one process saturates one core on a fast network (parsing and checks are
Python), so a scan of many sites uses every core only with several processes. Each process runs
the ordinary engine (its own fetcher, robots cache, link book and checks) over the sites the
parent gives it, a few at a time, as Celery workers do with one site per task. The parent:

* hands out sites one at a time as a process finishes one, so a big site does not leave the
  other cores idle while it holds back a queue of small ones;
* forwards what the processes write to the caller's one sink, so a database has one writer
  (SQLite allows one writer at a time: processes writing their own sites would wait on its lock
  and fail with "database is locked" under load) and the sink needs no process safety;
* returns the reports in the order of `config.urls`, as `run_scan` does.

A process that dies (killed for memory, a crash in a C extension) takes its in-flight sites with
it. Each of those is run again alone in a new process; one that kills that process too is
reported failed (`failed` in its stats, no findings), and the other sites complete. An external
link shared by sites of two processes is checked once per process (the same answer each time).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from ceping.scan import loop
from ceping.scan.checks.registry import enabled_checks
from ceping.scan.config import ScanConfig
from ceping.scan.crawler import Progress, SiteCrawl
from ceping.scan.engine import run_scan
from ceping.scan.fetch import Fetcher
from ceping.scan.linkbook import LinkBook
from ceping.scan.models import Finding, LinkStatus, PageResult
from ceping.scan.parsepool import ParsePool
from ceping.scan.report import SiteReport
from ceping.scan.robots import RobotsRules
from ceping.scan.sink import NullSink, Restored, Sink

# The sink methods a process may call in the parent (never `restore`: the parent sends what the
# sink holds for a site with the site itself).
SINK_WRITES = frozenset({"page", "link", "finding", "site_done"})
NO_FEATURES: dict[str, Any] = {"search": False, "english": False, "sections": {}}
PARENT_GONE = 70  # a crawler process's exit code when the scan that started it was killed
STOP_POLL_S = 0.5  # how soon a scan notices it was asked to stop
STOP_GRACE_S = 15.0  # after Ctrl-C, how long the processes may take to send what they found


def default_processes() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count); one in a
    daemonic process (a Celery prefork worker's child), which may not start processes."""
    if multiprocessing.current_process().daemon:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class StopRequested(Exception):
    """The caller's `should_stop` said yes: the processes were stopped, what they had sent kept."""


def run_scan_processes(
    config: ScanConfig,
    processes: int,
    sink: Sink | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    keep_when_stopped: bool = False,
) -> list[SiteReport]:
    """`run_scan` spread over `processes` crawler processes; in this process when 1 is enough.

    `should_stop` (with more than one process) is asked every STOP_POLL_S; when it says yes the
    processes are ended and StopRequested is raised. With one process the caller runs the engine
    itself to stop it (`asyncio` cancellation), so `should_stop` is not taken there.
    With `keep_when_stopped`, Ctrl-C (KeyboardInterrupt) ends the scan with every site's result
    so far, marked partial (`stopped`), instead of raising."""
    processes = min(processes, len(config.urls))
    if processes <= 1:
        if should_stop is not None:
            raise ValueError("should_stop needs more than one process")
        return run_scan(config, sink, progress, keep_when_stopped=keep_when_stopped)
    forward_sink = sink is not None and not isinstance(sink, NullSink)
    parent = _Parent(config, processes, sink if forward_sink else None, progress, should_stop)
    parent.keep_when_stopped = keep_when_stopped
    return parent.run()


def failed_report(url: str, reason: str) -> SiteReport:
    """A site the scanner could not finish: no findings, so nothing is deducted for our fault."""
    return SiteReport(url, False, 0, dict(NO_FEATURES), (), {"failed": reason})


def stopped_report(url: str) -> SiteReport:
    """A site the scan was stopped before it began: nothing known of it, and said so."""
    features = {"unchecked": True, "sections": {}}
    return SiteReport(url, False, 0, features, (), {"limits_hit": ["stopped"]})


def is_failed(report: SiteReport) -> bool:
    return bool(report.stats.get("failed"))


# -- the parent ------------------------------------------------------------------------------


@dataclass
class _Worker:
    proc: BaseProcess
    tasks: Connection  # parent -> process: (index, url, restored) or None (no more)
    results: Connection  # process -> parent: ("report" | "error" | "sink" | "progress", ...)
    slots: int
    held: set[int] = field(default_factory=set)
    closed: bool = False  # told there is no more


class _Parent:
    def __init__(
        self,
        config: ScanConfig,
        processes: int,
        sink: Sink | None,
        progress: Progress | None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.urls = config.urls
        self.should_stop = should_stop
        # The scan's concurrency is shared out, so N processes open no more connections than one.
        share = max(config.per_host, math.ceil(config.concurrency / processes))
        # Parsing runs in each crawler process itself: the processes already use the cores (and a
        # daemon process may not start a pool of its own).
        self.child_config = replace(config, urls=(), concurrency=share, parse_workers=0)
        self.slots = max(1, math.ceil(share / config.per_host))
        self.processes = processes
        self.sink, self.progress = sink, progress
        self.pending: deque[int] = deque(range(len(self.urls)))
        self.suspects: deque[int] = deque()  # held by a process that died: run alone
        self.reports: list[SiteReport | None] = [None] * len(self.urls)
        self.workers: list[_Worker] = []
        self.keep_when_stopped = False
        # spawn, not fork: the caller may run threads (a database writer, a console, a test
        # server) whose locks a forked child would inherit.
        self.context = multiprocessing.get_context("spawn")

    def run(self) -> list[SiteReport]:
        try:
            for _ in range(self.processes):
                self._start(self.slots)
            self._hand_out()
            while any(r is None for r in self.reports):
                self._step()
                if self.should_stop is not None and self.should_stop():
                    raise StopRequested
        except KeyboardInterrupt:
            if not self.keep_when_stopped:
                raise
            self._wind_down()
            return [r or stopped_report(u) for r, u in zip(self.reports, self.urls, strict=True)]
        finally:
            for worker in self.workers:
                self._stop(worker)
        return [r for r in self.reports if r is not None]

    def _wind_down(self) -> None:
        """After Ctrl-C: every process is asked to stop (a terminal's Ctrl-C reached them
        already, a kill of this process alone did not; a process takes it once) and sends what
        its sites had found, read here for up to STOP_GRACE_S."""
        self.pending.clear()
        self.suspects.clear()
        deadline = time.monotonic() + STOP_GRACE_S
        while self.workers and (left := deadline - time.monotonic()) > 0:
            # Asked again until it ends: a process still starting up ignores the signal.
            for worker in self.workers:
                if worker.proc.is_alive() and worker.proc.pid is not None:
                    with contextlib.suppress(OSError):
                        os.kill(worker.proc.pid, signal.SIGINT)
            by_conn = {id(w.results): w for w in self.workers}
            by_sentinel = {w.proc.sentinel: w for w in self.workers}
            waited = [w.results for w in self.workers] + list(by_sentinel)
            for item in wait(waited, min(left, STOP_POLL_S)):
                worker = by_sentinel[item] if isinstance(item, int) else by_conn[id(item)]
                if worker not in self.workers:
                    continue
                if isinstance(item, int) or not self._drain(worker, block=False):
                    worker.proc.join()
                    self._drain(worker, block=True)
                    self.workers.remove(worker)
                    worker.tasks.close()
                    worker.results.close()

    def _start(self, slots: int) -> _Worker:
        task_read, task_write = self.context.Pipe(duplex=False)
        result_read, result_write = self.context.Pipe(duplex=False)
        proc = self.context.Process(
            target=child_main,
            args=(
                self.child_config,
                self.sink is not None,
                self.progress is not None,
                task_read,
                result_write,
            ),
            daemon=True,
            name="ceping-crawler",
        )
        proc.start()
        task_read.close()
        result_write.close()  # the child's end: EOF here once the child is gone
        worker = _Worker(proc, task_write, result_read, slots)
        self.workers.append(worker)
        return worker

    def _send(self, worker: _Worker, index: int) -> None:
        url = self.urls[index]
        restored = self.sink.restore(url) if self.sink is not None else Restored()
        worker.held.add(index)
        try:
            worker.tasks.send((index, url, restored))
        except OSError:  # the process is gone: its sentinel tells, and the site is run again
            pass

    def _hand_out(self) -> None:
        # One site at a time to the process holding the fewest, so the sites spread evenly; but
        # sites of one host (a 集约化 platform's departments under one name) go to the process
        # already crawling that host, whose limit per host they then share: two processes would
        # each send the host its own `per_host` requests at once.
        while self.pending:
            limit = self._limit()
            open_ = [w for w in self.workers if not w.closed and len(w.held) < limit(w)]
            if not open_:
                break
            owners = {_host(self.urls[i]): w for w in self.workers for i in w.held}
            for position, index in enumerate(self.pending):
                owner = owners.get(_host(self.urls[index]))
                fits = open_ if owner is None else [owner] if owner in open_ else []
                if fits:
                    del self.pending[position]
                    self._send(min(fits, key=lambda w: len(w.held)), index)
                    break
            else:
                break  # every site left waits for its host's process to take it
        if not self.pending:
            for worker in self.workers:
                self._close(worker)
        while self.suspects and self._alive() < self.processes:
            solo = self._start(1)
            self._send(solo, self.suspects.popleft())
            self._close(solo)

    def _limit(self) -> Callable[[_Worker], int]:
        """How many sites a process may hold now: its slots, or up to twice as many once every
        site still pending fits in that room. Otherwise the last sites start only as the first
        ones end and run alone at the end, each capped at `per_host` requests, too few to keep a
        core busy: measured on 20 equal sites in 2 processes, the last 4 sites took 9.4 s after
        the first 16 had taken 25 s together (docs/decisions/0017-crawl-cpu.md). Handed out
        early, they share their process with the others and all end together, as in one process
        holding every site. Twice the slots bounds the sites (and memory) one process holds."""
        room = sum(max(2 * w.slots - len(w.held), 0) for w in self.workers if not w.closed)
        if len(self.pending) <= room:
            return lambda w: 2 * w.slots
        return lambda w: w.slots

    def _alive(self) -> int:
        return sum(1 for w in self.workers if w.proc.is_alive())

    def _close(self, worker: _Worker) -> None:
        if not worker.closed:
            worker.closed = True
            try:
                worker.tasks.send(None)
            except OSError:  # already gone; its sentinel tells
                pass

    def _step(self) -> None:
        by_conn = {id(w.results): w for w in self.workers}
        by_sentinel = {w.proc.sentinel: w for w in self.workers}
        timeout = None if self.should_stop is None else STOP_POLL_S
        ready = wait([w.results for w in self.workers] + list(by_sentinel), timeout)
        for item in ready:
            worker = by_sentinel[item] if isinstance(item, int) else by_conn[id(item)]
            if worker not in self.workers:
                continue  # its sentinel and its pipe were both ready: handled once
            if isinstance(item, int) or not self._drain(worker, block=False):
                self._gone(worker)
        self._hand_out()

    def _drain(self, worker: _Worker, block: bool) -> bool:
        """Read what the process sent (with `block`, all of it); False once its end is closed."""
        while block or worker.results.poll():
            try:
                message = worker.results.recv()
            except (EOFError, OSError):
                return False
            except Exception:  # noqa: BLE001 - a message cut short by the process's death
                return False
            self._handle(worker, message)
        return True

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "report":
            _, index, report = message
            self._done(worker, index, report)
        elif kind == "error":
            _, index, reason = message
            self._done(worker, index, failed_report(self.urls[index], reason))
        elif kind == "sink" and self.sink is not None and message[1] in SINK_WRITES:
            getattr(self.sink, message[1])(*message[2])
        elif kind == "progress" and self.progress is not None:
            self.progress(*message[1])

    def _done(self, worker: _Worker, index: int, report: SiteReport) -> None:
        worker.held.discard(index)
        self.reports[index] = report
        if is_failed(report) and self.progress is not None:
            self.progress(self.urls[index], 0, 0, 0, True)

    def _gone(self, worker: _Worker) -> None:
        """The process has ended: keep what it sent; what it still held was lost with it."""
        worker.proc.join()
        self._drain(worker, block=True)
        code = worker.proc.exitcode
        for index in sorted(worker.held):
            if worker.slots == 1:
                reason = f"检测进程意外退出（退出码 {code}），该网站未完成检测"
                self._done(worker, index, failed_report(self.urls[index], reason))
            else:
                self.suspects.append(index)
        worker.held.clear()
        self.workers.remove(worker)
        worker.tasks.close()
        worker.results.close()

    def _stop(self, worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.terminate()
        worker.proc.join(10)
        worker.tasks.close()
        worker.results.close()


# -- the crawler process -----------------------------------------------------------------------


class _Outbox:
    """Sends to the parent from a thread, so the event loop never blocks on a full pipe."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.queue: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._send_all, name="ceping-outbox", daemon=True)
        self.thread.start()

    def put(self, message: tuple[Any, ...]) -> None:
        self.queue.put(message)

    def _send_all(self) -> None:
        while (message := self.queue.get()) is not None:
            try:
                self.conn.send(message)
            except OSError:  # the parent is gone (killed): nobody reads what this crawl finds
                os._exit(PARENT_GONE)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.conn.close()


class ForwardSink:
    """The sink of a crawler process: writes go to the parent's sink; `restore` answers what the
    parent sent with the site."""

    def __init__(self, outbox: _Outbox) -> None:
        self.outbox = outbox
        self.restored: dict[str, Restored] = {}

    def page(self, site: str, page: PageResult, findings: Any) -> None:
        self.outbox.put(("sink", "page", (site, page, tuple(findings))))

    def link(self, status: LinkStatus) -> None:
        self.outbox.put(("sink", "link", (status,)))

    def finding(self, site: str, finding: Finding) -> None:
        self.outbox.put(("sink", "finding", (site, finding)))

    def site_done(self, site: str) -> None:
        self.outbox.put(("sink", "site_done", (site,)))

    def restore(self, site: str) -> Restored:
        return self.restored.pop(site, Restored())


def child_main(
    config: ScanConfig,
    forward_sink: bool,
    forward_progress: bool,
    tasks: Connection,
    results: Connection,
) -> None:
    """The body of a crawler process (module level: spawn imports it by name)."""
    # SIGINT is the event loop's while it serves (_stop_once_on_sigint), ignored before and
    # after: a second Ctrl-C, or the parent's, must not cut the last reports short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    outbox = _Outbox(results)
    try:
        loop.run(_serve(config, forward_sink, forward_progress, tasks, outbox))
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        outbox.close()


async def _serve(
    config: ScanConfig,
    forward_sink: bool,
    forward_progress: bool,
    tasks: Connection,
    outbox: _Outbox,
) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[tuple[int, str, Restored] | None] = asyncio.Queue()
    running: dict[asyncio.Task[None], SiteCrawl] = {}
    _stop_once_on_sigint(loop, running)

    def read_tasks() -> None:  # a thread: a blocking recv must not hold the loop
        while True:
            try:
                message = tasks.recv()
            except (EOFError, OSError):
                # The parent closes this pipe only after this process has ended: it was killed.
                # Stop at once rather than crawl on for nobody (a resumed scan starts anew).
                os._exit(PARENT_GONE)
            loop.call_soon_threadsafe(inbox.put_nowait, message)
            if message is None:
                return

    threading.Thread(target=read_tasks, name="ceping-inbox", daemon=True).start()
    sink = ForwardSink(outbox) if forward_sink else None
    progress: Progress | None = None
    if forward_progress:

        def progress(site: str, pages: int, links: int, findings: int, done: bool) -> None:
            outbox.put(("progress", (site, pages, links, findings, done)))

    active = enabled_checks(config)
    for check in active:
        if check.prepare is not None:
            check.prepare()
    with ParsePool(config) as parse:
        async with Fetcher(config) as fetcher:
            robots = RobotsRules(fetcher, config.user_agent, config.obey_robots)
            writes: Sink = sink if sink is not None else NullSink()
            book = LinkBook(fetcher, robots, writes)
            try:
                while (message := await inbox.get()) is not None:
                    index, url, restored = message
                    if sink is not None:
                        sink.restored[url] = restored
                    crawl = SiteCrawl(
                        url,
                        config,
                        fetcher,
                        robots,
                        book,
                        sink or NullSink(),
                        active,
                        progress,
                        parse,
                    )
                    task = asyncio.create_task(_crawl_one(index, crawl, outbox.put))
                    running[task] = crawl
                    task.add_done_callback(lambda done: running.pop(done, None))
                await asyncio.gather(*running)
            except asyncio.CancelledError:
                # Stopped (Ctrl-C): each site still crawled sends what it found (_crawl_one).
                for task in list(running):
                    task.cancel()
                await asyncio.gather(*running, return_exceptions=True)
            finally:
                await book.aclose()


def _stop_once_on_sigint(
    loop: asyncio.AbstractEventLoop, running: dict[asyncio.Task[None], SiteCrawl]
) -> None:
    """SIGINT (a terminal's Ctrl-C, or the parent passing a kill on) halts the crawls and cancels
    the serving task, once; a second one, which the parent may send after the terminal's,
    changes nothing. A plain handler, not the loop's: the loop's writes to its wake-up pipe,
    which a late signal finds closed as the loop shuts down."""
    main = asyncio.current_task()
    asked: list[bool] = []

    def stop() -> None:
        for crawl in running.values():
            crawl.halt()  # a crawl that a cancellation misses still ends (SiteCrawl.halt)
        if main is not None:
            main.cancel()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if asked:
            return
        asked.append(True)
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing left to stop
            loop.call_soon_threadsafe(stop)

    signal.signal(signal.SIGINT, on_sigint)


async def _crawl_one(index: int, crawl: SiteCrawl, send: Callable[[tuple[Any, ...]], None]) -> None:
    try:
        report = await crawl.run()
    except asyncio.CancelledError:  # stopped: what the site had shown by then, marked so
        send(("report", index, await crawl.stopped()))
    except Exception as exc:  # noqa: BLE001 - one site's bug must not stop the others
        send(("error", index, f"检测该网站时程序出错（{type(exc).__name__}），该网站未完成检测"))
    else:
        send(("report", index, report))


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
