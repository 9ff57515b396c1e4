"""The shared cache on Redis: what the throttles count with when CEPING_CACHE_URL is set."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from ceping.campaign import throttle
from tests.commands import run_ceping

REDIS = {
    "default": {"BACKEND": "ceping.web.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/14"}
}


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS):
        cache = caches["default"]
        yield cache
        cache.clear()
        # Dropped with open sockets, the pool would warn (ResourceWarning) whenever
        # the garbage collector reaches it, as late as the end of the session.
        cache.disconnect()


def test_counters_are_shared_through_redis(redis_cache) -> None:
    ident = uuid.uuid4().hex
    assert [throttle.hit("test", ident, 60) for _ in range(3)] == [1, 2, 3]
    assert throttle.count("test", ident, 60) == 3
    # A second cache object (another worker process) sees the same counter.
    other = type(redis_cache)(REDIS["default"]["LOCATION"], {})
    assert other.get(throttle._key("test", ident, 60)) == 3
    other.disconnect()
    throttle.reset("test", ident, 60)
    assert throttle.count("test", ident, 60) == 0


def test_one_redis_client_serves_every_command(redis_cache) -> None:
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("ceping:test:reuse", 1)
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client() is client  # one server: reads use the same pool


COUNT_IN_A_PROCESS = """
import sys
from ceping.cli.common import setup_django
setup_django()
from ceping.campaign import throttle
for _ in range(int(sys.argv[1])):
    throttle.hit("login", "org", 300)
print(throttle.count("login", "org", 300))
"""


def test_worker_processes_of_the_embedded_default_count_together(tmp_path: Path) -> None:
    # Each `ceping serve` worker is a process of its own: a limit counted in process memory
    # let every one of them allow the full number of failed logins.
    assert run_ceping(tmp_path, "migrate").returncode == 0
    env = {**os.environ, "CEPING_HOME": str(tmp_path), "CEPING_CACHE_URL": ""}
    counts = [
        subprocess.run(
            [sys.executable, "-c", COUNT_IN_A_PROCESS, str(n)],
            env=env, capture_output=True, text=True, check=True, timeout=60,
        ).stdout.strip()
        for n in (3, 2)
    ]  # fmt: skip
    assert counts == ["3", "5"]
