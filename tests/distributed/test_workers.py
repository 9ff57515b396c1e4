"""Scans on real Celery workers over Redis: a worker killed mid-scan loses nothing."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from scanfarm import campaigns_over, ceping, child_env, scan_command, served_farm, stored_findings

from ceping.web.models import ScanPage, ScanRun, ScanStatus

REDIS = ("127.0.0.1", 6379)
BROKER = "redis://127.0.0.1:6379/7"
VISIBILITY_S = "6"  # how soon a dead worker's task goes to another worker


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, 2):
            return True
    except OSError:
        return False


if not _redis_up():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but Redis on 127.0.0.1:6379 is not reachable")
    pytest.skip(
        "Redis on 127.0.0.1:6379 is not reachable (CI=true makes this fail)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue_env() -> dict[str, str]:
    """A queue of this test's own, so no other worker on the machine takes its tasks."""
    return child_env(
        CEPING_QUEUE=f"ceping-test-{uuid.uuid4().hex[:8]}",
        CELERY_BROKER_URL=BROKER,
        CEPING_TASK_VISIBILITY_S=VISIBILITY_S,
    )


@pytest.fixture
def farm_urls() -> Iterator[list[str]]:
    with served_farm(sites=3, pages_per_site=160) as urls:
        yield urls


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ceping("worker", "--pool", "solo", "--loglevel", "WARNING"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(30)


def test_killed_worker_task_is_rerun_and_findings_equal_a_local_scan(
    farm_urls: list[str], queue_env: dict[str, str]
) -> None:
    campaigns_over(farm_urls, "本地", "分布式")
    local = subprocess.run(
        scan_command("本地"),
        env=child_env(),
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert local.returncode == 0, local.stderr

    victim, survivor = start_worker(queue_env), start_worker(queue_env)
    try:
        scan = subprocess.Popen(
            scan_command("分布式", "--distributed", "--wait", "600", "--per-host", "1"),
            env=queue_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while ScanRun.objects.filter(
            campaign__name="分布式", status=ScanStatus.RUNNING
        ).count() < 2 or (ScanPage.objects.filter(scan_run__campaign__name="分布式").count() < 40):
            assert scan.poll() is None, scan.communicate()
            assert time.monotonic() < deadline, "the workers never got busy"
            time.sleep(0.05)
        os.killpg(victim.pid, signal.SIGKILL)
        # The survivor scans its own site, then the queued one, then the victim's: one after the
        # other, one request at a time. On a loaded 2-core machine that took over 240 s once.
        out, err = scan.communicate(timeout=660)
        assert scan.returncode == 0, out + err
    finally:
        stop(victim)
        stop(survivor)

    statuses = set(ScanRun.objects.filter(campaign__name="分布式").values_list("status", flat=True))
    assert statuses == {ScanStatus.DONE}
    assert ScanPage.objects.filter(scan_run__campaign__name="分布式").count() == (
        ScanPage.objects.filter(scan_run__campaign__name="本地").count()
    )
    assert stored_findings("分布式") == stored_findings("本地") != []


VOLATILE = ("stats", "measurements")  # timings: they differ between any two scans


def _stable(path: Path) -> list[dict[str, object]]:
    sites = json.loads(path.read_text(encoding="utf-8"))["sites"]
    return [{k: v for k, v in site.items() if k not in VOLATILE} for site in sites]


def test_distributed_scan_json_equals_the_local_scan(
    farm_urls: list[str], queue_env: dict[str, str], tmp_path: Path
) -> None:
    args = ["scan", *farm_urls, "--allow-private", "--as-of", "2013-01-15", "--quiet"]
    local = subprocess.run(
        ceping(*args, "--json", str(tmp_path / "local.json")),
        env=queue_env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert local.returncode == 0, local.stderr
    worker = start_worker(queue_env)
    try:
        remote = subprocess.run(
            ceping(
                *args, "--json", str(tmp_path / "remote.json"), "--distributed", "--wait", "240"
            ),
            env=queue_env,
            check=False,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert remote.returncode == 0, remote.stderr
    finally:
        stop(worker)
    assert _stable(tmp_path / "remote.json") == _stable(tmp_path / "local.json")
    assert any(site["findings"] for site in _stable(tmp_path / "local.json"))
