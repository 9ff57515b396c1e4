"""`ceping serve`: a fresh home comes up with its first login, static files and kept-alive
connections."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_starts_on_a_fresh_home(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["CEPING_HOME"] = str(tmp_path)
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
