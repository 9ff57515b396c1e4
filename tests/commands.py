"""Run the `ceping` command in a child process on a home of its own, as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def embedded_env(home: Path) -> dict[str, str]:
    """This process's environment for a child on `home` with the embedded database: the test
    run's DATABASE_URL and settings module are left out."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["CEPING_HOME"] = str(home)
    return env


def run_ceping(
    home: Path, *args: str, columns: int = 120, timeout_s: float = 300
) -> subprocess.CompletedProcess[str]:
    """`ceping ARGS` with CEPING_HOME=home and the embedded database (no DATABASE_URL)."""
    env = embedded_env(home) | {"COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "ceping.cli", *args],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
