"""Benchmark: the public survey endpoint under load on loopback (gunicorn + PostgreSQL + Redis).

Prints accepted responses/s and latency percentiles at N concurrent clients, and checks that
every accepted response is in the database. Each request is a new respondent (its own
address, sent as X-Forwarded-For through a trusted proxy, and no respondent cookie).

    .venv/bin/python bench/survey.py [--clients 50] [--seconds 20] [--workers 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SETUP = """
import django, json
django.setup()
from ceping.demo import units_path
from ceping.framework import shipped_framework_path
from ceping.web.models import Campaign
from ceping.web.services.campaigns import create_campaign
from ceping.web.services.units import import_units
import_units(units_path())
campaign, _ = create_campaign("bench", 2012, shipped_framework_path("shanghai-2012"))
campaign.status = "reviewing"
campaign.save()
print(json.dumps({"campaign": campaign.pk, "units": list(campaign.units.values_list("pk", flat=True))}))
"""
COUNT = """
import django
django.setup()
from ceping.web.models import SurveyResponse
print(SurveyResponse.objects.count())
"""
ITEMS = [f"C{n}" for n in range(1, 5)] + [f"D{n}" for n in range(1, 11)]
CHOICES = {"C": ("方便", "基本方便", "不方便"), "D": ("满意", "基本满意", "不满意")}


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_run(env: dict[str, str], code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


async def client(base: str, campaign: int, units: list[int], deadline: float, counter: list[int],
                 latencies: list[float], outcomes: dict[str, int]) -> None:
    jar = aiohttp.DummyCookieJar()  # cookies are sent by hand: only the CSRF one, never a respondent's
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"{base}/survey/{campaign}/") as first:
            page = await first.text()
            csrf_cookie = first.cookies["csrftoken"].value
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        while time.monotonic() < deadline:
            counter[0] += 1
            n = counter[0]
            data = {"csrfmiddlewaretoken": token.group(1), "unit": str(random.choice(units))}
            for code in ITEMS:
                data[f"q-{code}"] = random.choice(CHOICES[code[0]])
            headers = {"X-Forwarded-For": f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}",
                       "User-Agent": "bench", "Cookie": f"csrftoken={csrf_cookie}"}
            started = time.perf_counter()
            try:
                async with session.post(f"{base}/survey/{campaign}/", data=data, headers=headers,
                                        allow_redirects=False) as response:
                    await response.read()
                    status = response.status
            except aiohttp.ClientError:
                status = 0
            latencies.append(time.perf_counter() - started)
            key = "accepted" if status == 302 else f"status {status}"
            outcomes[key] = outcomes.get(key, 0) + 1


async def load(base: str, campaign: int, units: list[int], clients: int, seconds: float) -> tuple[list[float], dict[str, int], float]:
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(client(base, campaign, units, deadline, COUNTER, latencies, outcomes)
                           for _ in range(clients)))
    return latencies, outcomes, time.monotonic() - started


COUNTER = [0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/ceping_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()

    if not args.port:  # a free port: another program may well be listening on a fixed one
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    recreate_database(args.pg)
    home = tempfile.mkdtemp(prefix="ceping-bench-")
    env = {**os.environ, "DATABASE_URL": args.pg, "CEPING_HOME": home, "CEPING_CACHE_URL": args.redis,
           "CEPING_TRUSTED_PROXIES": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "ceping.web.settings",
           "CEPING_ALLOWED_HOSTS": "127.0.0.1"}
    subprocess.run([str(BIN / "redis-cli") if (BIN / "redis-cli").exists() else "redis-cli",
                    "-u", args.redis, "flushdb"], check=True, capture_output=True)
    subprocess.run([str(BIN / "ceping"), "migrate"], env=env, check=True, capture_output=True)
    setup = json.loads(django_run(env, SETUP))
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ceping.web.wsgi:application", "-b", f"127.0.0.1:{args.port}",
         "-w", str(args.workers), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited ({server.returncode}); is port {args.port} free?")
            try:
                subprocess.run(["curl", "-sf", "-o", "/dev/null", f"{base}/survey/{setup['campaign']}/"], check=True)
                break
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        latencies, outcomes, elapsed = asyncio.run(
            load(base, setup["campaign"], setup["units"], args.clients, args.seconds))
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stored = int(django_run(env, COUNT))
    shutil.rmtree(home, ignore_errors=True)
    accepted = outcomes.get("accepted", 0)
    ordered = sorted(latencies)
    result = {
        "clients": args.clients, "workers": args.workers, "seconds": round(elapsed, 1), "requests": len(ordered),
        "accepted": accepted, "outcomes": outcomes, "accepted_per_s": round(accepted / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1),
        "stored": stored, "lost": accepted - stored,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "survey.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))
    print(f"survey: {result['accepted_per_s']} accepted responses/s (target ≥ 300), p99 {result['p99_ms']} ms "
          f"(target < 200), lost {result['lost']}")
    return 0 if result["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
