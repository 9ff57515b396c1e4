"""`ceping campaign scan` stores findings as it goes and, killed with SIGKILL, resumes to the same
end."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator

import pytest
from scanfarm import campaigns_over, child_env, scan_command, served_farm, stored_findings

from ceping.web.models import ScanPage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def farm_urls() -> Iterator[list[str]]:
    with served_farm() as urls:
        yield urls


def pages(name: str) -> int:
    return ScanPage.objects.filter(scan_run__campaign__name=name).count()


def test_killed_scan_resumes_to_exactly_the_findings_of_an_uninterrupted_one(
    farm_urls: list[str],
) -> None:
    campaigns_over(farm_urls, "一次完成", "中途被杀")
    whole = subprocess.run(
        scan_command("一次完成"),
        env=child_env(),
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert whole.returncode == 0, whole.stderr

    victim = subprocess.Popen(
        scan_command("中途被杀"),
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while pages("中途被杀") < 60:
        assert victim.poll() is None, "the scan ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(30)
    assert 60 <= pages("中途被杀") < pages("一次完成")

    resumed = subprocess.run(
        scan_command("中途被杀"),
        env=child_env(),
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert pages("中途被杀") == pages("一次完成")
    expected = stored_findings("一次完成")
    assert expected, "the farm plants defects: an uninterrupted scan must find some"
    assert stored_findings("中途被杀") == expected
