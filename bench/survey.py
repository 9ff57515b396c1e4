"""Benchmark: the public survey endpoint under load on loopback (gunicorn + PostgreSQL + Redis).

The load comes from wrk (Debian's package, installed if absent) with `bench/survey.lua`: C
clients leave both cores to the server rather than a Python load generator taking one. Prints
accepted responses/s and latency percentiles at N concurrent connections, and checks that
every accepted response is in the database. Each request is a new respondent (its own
address, sent as X-Forwarded-For through a trusted proxy, and no respondent cookie).

    .venv/bin/python bench/survey.py [--clients 50] [--seconds 20] [--workers 4] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SETUP = """
import django, json
django.setup()
from ceping.demo import units_path
from ceping.framework import load_framework, shipped_framework_path
from ceping.web.models import Campaign
from ceping.campaign.campaigns import create_campaign
from ceping.campaign.units import import_units
import_units(units_path(), load_framework(shipped_framework_path("shanghai-2012")))
campaign, _, _ = create_campaign("bench", 2012, shipped_framework_path("shanghai-2012"))
campaign.status = "reviewing"
campaign.save()
print(json.dumps({"campaign": campaign.pk, \
"units": list(campaign.units.values_list("pk", flat=True))}))
"""
WARM_UP_S = 3
COUNT = """
import django
django.setup()
from ceping.web.models import SurveyResponse
print(SurveyResponse.objects.count())
"""


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_run(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def csrf(base: str, campaign: int) -> tuple[str, str]:
    """The form's CSRF token and its cookie, fetched once: every request of the run reuses them."""
    with urllib.request.urlopen(f"{base}/survey/{campaign}/") as page:
        html = page.read().decode()
        jar: SimpleCookie = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie"):
            jar.load(header)
        cookie = jar["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    return token.group(1), cookie


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each process still alive (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


def server_pids(gunicorn: int) -> dict[str, list[int]]:
    """The gunicorn master and its workers; PostgreSQL's processes and Redis."""
    workers = Path(f"/proc/{gunicorn}/task/{gunicorn}/children").read_text().split()
    named: dict[str, list[int]] = {
        "gunicorn": [gunicorn, *map(int, workers)],
        "postgres": [],
        "redis": [],
    }
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                name = (entry / "comm").read_text().strip()
            except OSError:
                continue
            for key in ("postgres", "redis"):
                if name.startswith(key):
                    named[key].append(int(entry.name))
    return named


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)


def load(
    base: str, campaign: int, units: list[int], clients: int, seconds: int, run: int
) -> dict[str, float]:
    """Run wrk with bench/survey.lua; its `done` prints one JSON line with counts and latencies.

    `run` numbers the runs against one server, so that each sends from addresses of its own.
    """
    token, cookie = csrf(base, campaign)
    done = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "survey.lua"),
            base,
            "--",
            f"/survey/{campaign}/",
            token,
            cookie,
            ",".join(map(str, units)),
            str(run),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(
            f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    # The defaults are those of `ceping serve`.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (> 1: gthread workers)"
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/ceping_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()

    if not args.port:  # a free port: another program may well be listening on a fixed one
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    ensure_wrk()
    recreate_database(args.pg)
    home = tempfile.mkdtemp(prefix="ceping-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": args.pg,
        "CEPING_HOME": home,
        "CEPING_CACHE_URL": args.redis,
        "CEPING_TRUSTED_PROXIES": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "ceping.web.settings",
        "CEPING_ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run(
        [
            str(BIN / "redis-cli") if (BIN / "redis-cli").exists() else "redis-cli",
            "-u",
            args.redis,
            "flushdb",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run([str(BIN / "ceping"), "migrate"], env=env, check=True, capture_output=True)
    setup = json.loads(django_run(env, SETUP))
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "ceping.web.wsgi:application",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited ({server.returncode}); is port {args.port} free?"
                )
            try:
                subprocess.run(
                    ["curl", "-sf", "-o", "/dev/null", f"{base}/survey/{setup['campaign']}/"],
                    check=True,
                )
                break
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        # Warm-up, not counted: every thread opens its database connection, code paths warm up.
        load(base, setup["campaign"], setup["units"], args.clients, WARM_UP_S, run=1)
        time.sleep(1)  # the warm-up's last requests land
        stored_before = int(django_run(env, COUNT))
        pids = server_pids(server.pid)
        before = {key: cpu_seconds(p) for key, p in pids.items()}
        run = load(base, setup["campaign"], setup["units"], args.clients, args.seconds, run=2)
        pids = server_pids(server.pid)  # PostgreSQL forked a backend per new connection
        after = {key: cpu_seconds(p) for key, p in pids.items()}
        cpu = {
            key: sum(t - before[key].get(pid, 0.0) for pid, t in after[key].items())
            for key in after
        }
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stored = int(django_run(env, COUNT)) - stored_before
    shutil.rmtree(home, ignore_errors=True)
    accepted = int(run["accepted"])
    result = {
        "clients": args.clients,
        "workers": args.workers,
        "threads": args.threads,
        "seconds": round(run["seconds"], 1),
        "requests": int(run["requests"]),
        "accepted": accepted,
        "refused": int(run["refused"]),
        "errors": int(run["errors"]),
        "accepted_per_s": round(accepted / run["seconds"], 1),
        "p50_ms": run["p50_ms"],
        "p90_ms": run["p90_ms"],
        "p99_ms": run["p99_ms"],
        "max_ms": run["max_ms"],
        "stored": stored,
        # CPU per accepted response, which load from other programs does not change much: with
        # the machine to itself the server could take about cores / (sum of these) per second
        "cpu_ms_per_response": {
            key: round(1000 * t / max(accepted, 1), 2) for key, t in cpu.items()
        },
        # wrk stops with requests in flight: the server may have stored a few it never counted
        "lost": max(0, accepted - stored),
        "in_flight_at_end": max(0, stored - accepted),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "survey.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))
    print(
        f"survey: {result['accepted_per_s']} accepted responses/s (target ≥ 300), "
        f"p99 {result['p99_ms']} ms "
        f"(target < 200), lost {result['lost']}; load average {os.getloadavg()[0]:.1f}"
    )
    per = result["cpu_ms_per_response"]
    print(
        "server CPU per accepted response: "
        + ", ".join(f"{k} {v} ms" for k, v in per.items())
        + f" = {sum(per.values()):.2f} ms"
    )
    return 0 if result["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
