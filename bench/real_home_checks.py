"""Benchmark: the home-page template checks (missing_identifier, no_accessible_mode,
no_viewport) on saved government pages.

    PYTHONPATH=src .venv/bin/python bench/real_home_checks.py MIRROR [MIRROR ...]

Each MIRROR is the git directory of a snapshot holding one saved page of a government site as
`index.html` with its scripts beside it (the `mhxqwer/<host>.gov.cn` repositories, brought here
with the `fetch` tool: /work/.mirror/mhxqwer+<host>/repo). The page is parsed as the crawler
parses a home page; the scripts it loads are answered from the snapshot (a file it lacks
answers 404), so the checks read what the site's own scripts write (checks/homescripts).
Prints, per site, the marks reported missing, those left unjudged, whether an accessible-mode
entry and a mobile adaptation are reported missing and the scripts asked for, then the totals.
The pages are articles, not home pages: their footers are the home page's template.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import re
import subprocess
from pathlib import Path

from ceping.scan import ScanConfig
from ceping.scan.checks import accessible_mode, site_markers, viewport
from ceping.scan.checks.base import CheckContext, SiteOutcome, SiteView
from ceping.scan.fetch import Response
from ceping.scan.pages import page_from_response

_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.IGNORECASE)


def _show(mirror: Path, path: str) -> bytes:
    done = subprocess.run(
        ["git", f"--git-dir={mirror}", "show", f"HEAD:{path}"], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else b""


def judge(mirror: Path, host: str) -> tuple[SiteOutcome, SiteOutcome, SiteOutcome, list[str]]:
    """The identification, accessible-mode and viewport checks on the snapshot's page."""
    site = f"http://{host}/"
    body = _show(mirror, "index.html")
    declared = _CHARSET.search(body[:4096])
    ctype = f"text/html; charset={declared.group(1).decode()}" if declared else "text/html"
    home = page_from_response(
        Response(site, site, 200, content_type=ctype, body=body), 0, dt.date.today()
    )
    asked: list[str] = []

    async def get(url: str) -> Response | None:
        asked.append(url)
        script = _show(mirror, url.removeprefix(site)) if url.startswith(site) else b""
        status = 200 if script else 404
        return Response(url, url, status, content_type="text/javascript", body=script)

    async def probe(url: str) -> Response:
        raise AssertionError(f"a home-page check probed {url}")

    async def run() -> tuple[SiteOutcome, SiteOutcome, SiteOutcome]:
        view = SiteView(site, home, 1, get, probe)
        ctx = CheckContext(ScanConfig(urls=(site,)), site)  # one per site, as in the crawl
        marks, entry = site_markers.CHECK.on_site, accessible_mode.CHECK.on_site
        mobile = viewport.CHECK.on_site
        assert marks is not None and entry is not None and mobile is not None
        return await marks(view, ctx), await entry(view, ctx), await mobile(view, ctx)

    marks, entry, mobile = asyncio.run(run())
    return marks, entry, mobile, asked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mirrors", nargs="+", type=Path)
    args = parser.parse_args()
    missing = unjudged = sites_missing = no_entry = no_viewport = 0
    for mirror in args.mirrors:
        host = mirror.parent.name.split("+", 1)[-1]
        marks, entry, mobile, asked = judge(mirror, host)
        names = [str(f.get("identifier")) for f in marks.findings]
        left = list(marks.features.get("identifiers_unjudged", {}))
        missing, unjudged = missing + len(names), unjudged + len(left)
        sites_missing += bool(names)
        no_entry += bool(entry.findings)
        no_viewport += bool(mobile.findings)
        scripts = [url.rsplit("/", 1)[-1] for url in asked]
        print(
            f"{host:24} missing {names or '-'}  unjudged {left or '-'}  "
            f"no_accessible_mode {'yes' if entry.findings else '-'}  "
            f"no_viewport {'yes' if mobile.findings else '-'}  scripts read {scripts}"
        )
    print(
        f"{len(args.mirrors)} sites: {missing} marks reported missing on {sites_missing} sites, "
        f"{unjudged} left unjudged; no accessible-mode entry on {no_entry} sites; "
        f"no viewport on {no_viewport} sites"
    )


if __name__ == "__main__":
    main()
