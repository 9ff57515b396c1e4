"""Benchmark: the crawl benchmark's nginx farm scanned locally and by 1, 2 and 4 Celery workers.

    .venv/bin/python bench/distributed.py [--sites 20] [--pages 1000] [--workers 1 2 4]

Needs Redis on 127.0.0.1:6379. Each worker is one process (`ceping worker --pool solo`), so
the number of workers is the number of cores the scan may use. Prints pages/s and the speed-up
over the local scan (one process), and the CPU each side used, which shows the bottleneck.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl import _start_nginx
from crawl_farm import nginx_conf, write_farm

from ceping.sitefarm.farm import build_farm
from ceping.sitefarm.server import free_port

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CEPING = HERE.parent / ".venv" / "bin" / "ceping"


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _scan(urls: list[str], as_of: str, out: Path, env: dict[str, str], distributed: bool) -> float:
    command = [
        str(CEPING),
        "scan",
        *urls,
        "--json",
        str(out),
        "--as-of",
        as_of,
        "--allow-private",
        "--quiet",
        "--no-typos",
        "--timeout",
        "10",
    ]
    if distributed:
        command += ["--distributed", "--wait", "1800"]
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.monotonic() - started


def _workers(count: int, env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(
            [str(CEPING), "worker", "--pool", "solo", "--loglevel", "WARNING"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(count)
    ]


def _stop(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        worker.wait(60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--pages", type=int, default=1000, help="pages per site")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()

    farm_dir, run_dir = RESULTS / "dist-farm", RESULTS / "dist-nginx"
    shutil.rmtree(farm_dir, ignore_errors=True)
    farm = build_farm(
        seed=2012,
        sites=args.sites,
        pages_per_site=args.pages,
        port=free_port(),
        dead_port=free_port(),
        dynamic=False,
        typos=False,
    )
    write_farm(farm, farm_dir)
    as_of = farm.as_of.isoformat()
    home = RESULTS / "dist-home"
    shutil.rmtree(home, ignore_errors=True)
    env = {
        **os.environ,
        "CEPING_HOME": str(home),
        "CEPING_QUEUE": f"ceping-bench-{uuid.uuid4().hex[:8]}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/8",
    }
    env.pop("DATABASE_URL", None)
    nginx = _start_nginx(nginx_conf(farm, farm_dir, run_dir), run_dir)
    rows = []
    try:
        cpu = _children_cpu_s()
        seconds = _scan(farm.start_urls, as_of, RESULTS / "dist-local.json", env, distributed=False)
        pages = sum(
            s["pages"] for s in json.loads((RESULTS / "dist-local.json").read_text())["sites"]
        )
        rows.append(
            {"run": "local (1 process)", "seconds": seconds, "cpu_s": _children_cpu_s() - cpu}
        )
        print(f"farm: {args.sites} sites, {pages} pages", flush=True)
        for count in args.workers:
            workers = _workers(count, env)
            time.sleep(3)  # let them connect to the broker
            cpu = _children_cpu_s()
            try:
                seconds = _scan(
                    farm.start_urls, as_of, RESULTS / f"dist-{count}.json", env, distributed=True
                )
            finally:
                _stop(workers)
            rows.append(
                {"run": f"{count} worker(s)", "seconds": seconds, "cpu_s": _children_cpu_s() - cpu}
            )
            print(json.dumps(rows[-1]), flush=True)
    finally:
        nginx.terminate()
        nginx.wait(10)
    base = rows[0]["seconds"]
    print(f"\n{'run':>18} | {'seconds':>8} | {'pages/s':>8} | {'speed-up':>8} | {'CPU s':>7}")
    for row in rows:
        print(
            f"{row['run']:>18} | {row['seconds']:8.1f} | {pages / row['seconds']:8.0f} | "
            f"{base / row['seconds']:8.2f} | {row['cpu_s']:7.1f}"
        )
    print(f"cores on this machine: {os.cpu_count()}")
    (RESULTS / "distributed.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
