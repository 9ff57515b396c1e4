"""The crawlers of the benchmark: install each where absent, run it, read its broken links."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE / "results" / "tools"
ROOT = HERE.parent
Pair = tuple[str, str]  # (broken target, linking page)


@dataclass
class Run:
    name: str
    seconds: float
    peak_mib: float
    broken: set[Pair]
    rc: int
    stderr: str
    cpu_s: float = 0.0  # user + system seconds of all its processes


def ensure_nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx-light"], check=True)
    return "/usr/sbin/nginx"


def ensure_linkchecker() -> Path:
    exe = TOOLS / "lc-venv" / "bin" / "linkchecker"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS / "lc-venv")], check=True)
        subprocess.run(
            [str(TOOLS / "lc-venv" / "bin" / "pip"), "install", "-q", "linkchecker"], check=True
        )
    return exe


def ensure_linkinator() -> Path:
    exe = TOOLS / "node" / "node_modules" / ".bin" / "linkinator"
    if not exe.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(TOOLS / "node"),
                "--no-audit",
                "--no-fund",
                "linkinator",
            ],
            check=True,
        )
    return exe


TOOL_TIMEOUT_S = 1800.0


CPU_S: dict[str, float] = {}  # the last run's CPU seconds, by tool name


def _measure(
    name: str, command: list[str], stdout: Path | None = None
) -> tuple[float, float, int, str]:
    """Wall time, peak memory, exit code (-9: stopped at TOOL_TIMEOUT_S) and the end of stderr;
    its CPU seconds go to CPU_S."""
    wrapper = [
        sys.executable,
        str(HERE / "crawl_measure.py"),
        str(TOOL_TIMEOUT_S),
        str(stdout or "-"),
        *command,
    ]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    CPU_S[name] = result["cpu_s"]
    return result["seconds"], result["peak_mib"], result["rc"], result["stderr"]


def run_ceping(
    name: str,
    urls: list[str],
    concurrency: int,
    as_of: str,
    out: Path,
    processes: int,
    checks: str = "default",
    resources: str = "on",
) -> Run:
    """ceping's scan (`crawl_ceping.py`: the command's engine and process driver, typos off)."""
    command = [
        sys.executable,
        str(HERE / "crawl_ceping.py"),
        str(out),
        as_of,
        str(concurrency),
        str(processes),
        checks,
        resources,
        *urls,
    ]
    seconds, peak, rc, err = _measure(name, command)
    doc = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"sites": []}
    broken = {
        (f["url"], f["page"])
        for s in doc["sites"]
        for f in s["findings"]
        if f["kind"] == "broken_link"
    }
    return Run(name, seconds, peak, broken, rc, err)


def ensure_scrapy() -> None:
    try:
        import scrapy  # noqa: F401
    except ImportError:
        raise SystemExit(
            "Scrapy is not installed: pip install -e '.[bench]' (the bench extra of pyproject.toml)"
        ) from None


def run_scrapy(urls: list[str], concurrency: int, out: Path) -> Run:
    ensure_scrapy()
    command = [sys.executable, str(HERE / "crawl_scrapy.py"), str(out), str(concurrency), *urls]
    seconds, peak, rc, err = _measure("scrapy", command)
    doc = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"broken": []}
    broken = {(url, page) for url, page in doc["broken"]}
    return Run("scrapy", seconds, peak, broken, rc, err)


LINKCHECKER_RC = """[checking]
# No delays: LinkChecker allows more than 10 requests/s per host only to servers that answer
# with a LinkChecker header, which our nginx configuration adds.
maxrequestspersecond=10000
"""


def run_linkchecker(urls: list[str], concurrency: int, out: Path) -> Run:
    exe = ensure_linkchecker()
    # Run as root, LinkChecker drops to nobody: its output goes to a directory nobody may write.
    scratch = Path(tempfile.mkdtemp(prefix="ceping-bench-"))
    scratch.chmod(0o777)
    rc_file = scratch / "linkcheckerrc"
    rc_file.write_text(LINKCHECKER_RC, encoding="utf-8")
    rc_file.chmod(0o644)
    csv_out = scratch / "out.csv"
    command = [
        str(exe),
        "-f",
        str(rc_file),
        "-t",
        str(concurrency),
        "--check-extern",
        "--no-status",
        "--no-warnings",
        "-o",
        "none",
        "-F",
        f"csv/utf-8/{csv_out}",
        "--timeout",
        "10",
        "-r",
        "-1",
        *urls,
    ]
    seconds, peak, rc, err = _measure("linkchecker", command)
    if csv_out.exists():
        shutil.copyfile(csv_out, out)
    else:
        out.write_text("", encoding="utf-8")
    broken: set[Pair] = set()
    with out.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter=";")
        for row in rows:
            if row.get("valid") == "False":
                broken.add(
                    (row.get("url") or row.get("urlname") or "", row.get("parentname") or "")
                )
    return Run("linkchecker", seconds, peak, broken, rc, err)


def run_linkinator(urls: list[str], concurrency: int, out: Path) -> Run:
    exe = ensure_linkinator()
    # No --timeout: with one, linkinator reports most of a 50,000-page farm as status 0 on this
    # 2-core machine (requests time out while waiting in its own queue).
    command = [str(exe), *urls, "--recurse", "--concurrency", str(concurrency), "--format", "json"]
    seconds, peak, rc, err = _measure("linkinator", command, stdout=out)
    text = out.read_text(encoding="utf-8")
    doc = json.loads(text[text.index("{") :]) if "{" in text else {"links": []}
    broken = {
        (link["url"], link.get("parent") or "")
        for link in doc.get("links", [])
        if link.get("state") == "BROKEN"
    }
    return Run("linkinator", seconds, peak, broken, rc, err)
