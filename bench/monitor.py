"""Benchmark: one monitoring round of 14,000 sites served on loopback, and a year's storage.

    .venv/bin/python bench/monitor.py [--sites 14000] [--concurrency 200] [--slow-s 1.0]

The sites are served by a separate process, one listening address per site (127.1.x.y, one
port), so every site is a connection of its own as on the Internet; a share of them refuse
connections, answer 503 or answer slowly. The round is the embedded path end to end
(`campaign.monitoring.run_monitor`: probes, samples stored in SQLite, incidents, roll-up).
Prints the round's time, the samples stored, peak memory, and the bytes a stored sample and a
stored day figure take, from which a year of 30-minute samples is sized.

Needs `ulimit -n` above the number of sites (each listening address is a file descriptor).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import datetime as dt
import multiprocessing
import os
import resource
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

DOWN_EVERY = 50  # one site in 50 refuses connections (nothing listens on its address)
ERROR_EVERY = 97  # one in 97 answers 503
SLOW_EVERY = 20  # one in 20 answers after --slow-s seconds

PAGE = (
    b"<html><head><title>\xe9\xa6\x96\xe9\xa1\xb5</title></head><body>"
    + b"x" * 4000
    + b"</body></html>"
)


def address(i: int) -> str:
    return f"127.1.{i // 250}.{i % 250 + 1}"


class _Site(asyncio.Protocol):
    """A minimal HTTP/1.1 server: enough to answer a GET, so the bench measures the prober."""

    def __init__(self, status: int, delay_s: float) -> None:
        self.status, self.delay_s = status, delay_s
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if b"\r\n\r\n" in self.buffer:
            asyncio.get_running_loop().call_later(self.delay_s, self._answer)

    def _answer(self) -> None:
        if self.transport.is_closing():
            return
        reason = b"OK" if self.status == 200 else b"Service Unavailable"
        head = (
            b"HTTP/1.1 %d %s\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (self.status, reason, len(PAGE))
        )
        self.transport.write(head + PAGE)  # type: ignore[attr-defined]
        self.transport.close()


def serve(sites: int, port: int, slow_s: float, ready: multiprocessing.Event) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        for i in range(sites):
            if i % DOWN_EVERY == 0:
                continue
            status = 503 if i % ERROR_EVERY == 0 else 200
            delay = slow_s if i % SLOW_EVERY == 0 else 0.0
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address(i), port))
            await loop.create_server(lambda s=status, d=delay: _Site(s, d), sock=sock, backlog=512)
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table_bytes(connection, tables: tuple[str, ...]) -> int:  # type: ignore[no-untyped-def]
    """Bytes the database uses: SQLite's pages in use (the whole file), PostgreSQL's tables with
    their indexes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            total = 0
            for table in tables:
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                total += cursor.fetchone()[0]
            return total
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        free = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return int((pages - free) * cursor.fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=14_000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--slow-s", type=float, default=1.0)
    parser.add_argument("--size-rounds", type=int, default=4, help="rounds stored to size a row")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if limit < args.sites + 1000:
        sys.exit(f"ulimit -n is {limit}: raise it above {args.sites + 1000}")

    home = Path(tempfile.mkdtemp(prefix="ceping-bench-monitor-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["CEPING_HOME"] = str(home)
    if args.database == "postgres":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from scoring import _fresh_postgres

        os.environ["DATABASE_URL"] = _fresh_postgres("ceping_monitor_bench")
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["CEPING_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    from ceping.cli.common import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from ceping.campaign.campaigns import create_campaign
    from ceping.campaign.monitor_loop import run_monitor
    from ceping.campaign.monitoring import monitored_sites, record_samples
    from ceping.framework import shipped_framework_path
    from ceping.monitor import (
        INTERVAL_S,
        RETENTION_DAYS,
        ProbeSettings,
        Sample,
        store_size,
    )
    from ceping.sitefarm.server import free_port
    from ceping.web.models import MonitorDay, MonitorSample, Site, Unit

    call_command("migrate", interactive=False, verbosity=0)
    port = free_port()
    Unit.objects.bulk_create(
        [
            Unit(code=f"S{i:05d}", name=f"单位{i}", short_name=f"单位{i}", category="区县")
            for i in range(args.sites)
        ],
        batch_size=2000,
    )
    ids = dict(Unit.objects.values_list("code", "id"))
    Site.objects.bulk_create(
        [
            Site(unit_id=ids[f"S{i:05d}"], url=f"http://{address(i)}:{port}/")
            for i in range(args.sites)
        ],
        batch_size=2000,
    )
    campaign, _, _ = create_campaign("监测基准", 2026, shipped_framework_path("shanghai-2012"))

    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=serve, args=(args.sites, port, args.slow_s, ready), daemon=True
    )
    started = time.perf_counter()
    server.start()
    if not ready.wait(300):
        sys.exit("the sites did not start")
    print(f"{args.sites} sites listening on loopback in {time.perf_counter() - started:.1f} s")

    before_rss = rss_mib()
    settings = ProbeSettings(concurrency=args.concurrency, allow_private=True)
    cpu = time.process_time()
    began = time.perf_counter()
    rounds: list[float] = []
    run_monitor(campaign, settings, rounds=1, on_round=lambda done: rounds.append(done.seconds))
    wall = time.perf_counter() - began
    cpu = time.process_time() - cpu
    server.terminate()
    stored = MonitorSample.objects.count()
    failed = MonitorSample.objects.exclude(status=200).count()
    print(
        f"{connection.vendor}, one round: {stored} samples ({failed} failed visits) "
        f"in {wall:.1f} s "
        f"(probe and store {rounds[0]:.1f} s), prober CPU {cpu:.1f} s, "
        f"concurrency {args.concurrency}, peak RSS {rss_mib():.0f} MiB "
        f"(before the round {before_rss:.0f} MiB)"
    )

    # Bytes per stored sample and per day figure, on this database, from more rounds stored.
    sites = monitored_sites(campaign)
    first = list(
        MonitorSample.objects.select_related("site").values_list(
            "site__url", "round_at", "at", "status", "error", "ttfb_ms"
        )
    )
    samples_table, days_table = MonitorSample._meta.db_table, MonitorDay._meta.db_table
    size0, rows0 = table_bytes(connection, (samples_table,)), MonitorSample.objects.count()
    for k in range(1, args.size_rounds + 1):
        shift = k * dt.timedelta(seconds=INTERVAL_S)
        record_samples(
            campaign,
            first[0][1] + shift,
            [Sample(u, u, at + shift, st, er or None, tt) for u, _, at, st, er, tt in first],
            sites,
        )
    added = MonitorSample.objects.count() - rows0
    sample_bytes = (table_bytes(connection, (samples_table,)) - size0) / added
    size1 = table_bytes(connection, (days_table,))
    day0 = dt.date(2026, 1, 1)
    MonitorDay.objects.bulk_create(
        [
            MonitorDay(
                campaign=campaign,
                site_id=site_id,
                day=day0 + dt.timedelta(days=d),
                visits=48,
                failures=1,
                median_ms=120,
                p90_ms=480,
            )
            for site_id in sites.values()
            for d in range(7)
        ],
        batch_size=5000,
    )
    day_bytes = (table_bytes(connection, (days_table,)) - size1) / (len(sites) * 7)
    kept = store_size(14_000, 1, INTERVAL_S, RETENTION_DAYS, sample_bytes, day_bytes)
    raw = store_size(14_000, 1, INTERVAL_S, 365, sample_bytes, 0)
    print(
        f"{connection.vendor}: {sample_bytes:.0f} bytes a sample, "
        f"{day_bytes:.0f} bytes a day figure (table and indexes)"
    )
    print(
        f"a year of 30-minute home-page samples for 14,000 sites: {kept.samples:,} samples kept "
        f"({RETENTION_DAYS} days) + {kept.days:,} day figures = {kept.gib:.1f} GiB; "
        f"without the roll-up {raw.samples:,} samples = {raw.gib:.1f} GiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
