"""`ceping serve`: a fresh home comes up with its first login, static files and kept-alive
connections."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.commands import embedded_env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_starts_on_a_fresh_home(tmp_path: Path) -> None:
    port = _free_port()
    env = embedded_env(tmp_path)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ceping.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        _wait_until_listening(port, server)
        conn.request("GET", "/accounts/login/")
        login = conn.getresponse()
        assert login.status == 200 and "登录" in login.read().decode()
        # The same connection serves the next request: threaded workers (--threads) keep it alive.
        assert not login.will_close
        conn.request("GET", "/static/ceping/ceping.css")
        css = conn.getresponse()
        assert css.status == 200 and css.getheader("Content-Type", "").startswith("text/css")
        css.read()
    finally:
        conn.close()
        server.terminate()
        output, _ = server.communicate(timeout=30)
    first = (tmp_path / "first-login.txt").read_text(encoding="utf-8").split()
    assert first[0] == "organizer"
    assert f"组织方账号：{first[0]}" in output and first[1] in output


def _wait_until_listening(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90  # migrate and collectstatic run first
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[0]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("ceping serve did not answer within 90 s")


JOB_SCRIPT = """
import django, sys, time
django.setup()
from ceping.campaign import jobs
from ceping.web.models import Job
job = jobs.start("create", None, None, {"name": "t", "year": 2013, "framework": "shanghai-2012"})
deadline = time.monotonic() + 60
while Job.objects.get(pk=job.pk).state in ("waiting", "running"):
    assert time.monotonic() < deadline, "no worker took the job"
    time.sleep(0.2)
print(Job.objects.get(pk=job.pk).message)
"""


def test_serve_runs_the_organizers_jobs(tmp_path: Path) -> None:
    """The job runner's worker starts with the web server: a job started meanwhile is run."""
    port = _free_port()
    env = embedded_env(tmp_path)
    command = [sys.executable, "-m", "ceping.cli", "serve", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _wait_until_listening(port, server)  # type: ignore[arg-type]
        done = subprocess.run(
            [sys.executable, "-c", JOB_SCRIPT],
            env={**env, "DJANGO_SETTINGS_MODULE": "ceping.web.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.terminate()
        server.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    # No unit is stored on a fresh home: the job ran, and said why it could not create one.
    assert "下没有单位" in done.stdout
