"""Benchmark: `ceping scan` on a peer link checker's own test fixtures, against its expectations.

    PYTHONPATH=src .venv/bin/python bench/peer_links.py MIRROR [--commit HEAD] [--json out.json]

MIRROR is the git directory of a LinkChecker snapshot (github linkchecker/linkchecker, e.g.
/work/.mirror/linkchecker+linkchecker/repo from the `fetch` tool). Its fixtures are GPL-2 and
stay outside this repository: they are exported from MIRROR into a temporary directory at run
time, served there on loopback the way the peer's own test server serves them (query strings
ignored, its two redirects), and every HTML, XHTML and CSS fixture that has a `.result` file is
scanned alone, to the depth the peer checks it (its recursion level minus one).

Each link the peer lists is compared with what the scan did: the links it extracted
(`PageResult.links`, the same `run_scan` as `ceping scan`), the answers it got and its
`broken_link` findings. Per fixture: links the peer checks, misses (the peer says broken,
ceping does not), false alarms (ceping says broken, the peer does not), links left unextracted,
and broken findings the peer lists nowhere. Links whose answer needs the Internet (another
host, or a redirect to one) are compared on extraction only: the scan runs loopback only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import socket
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from aiohttp.abc import ResolveResult

from ceping.scan import MemorySink, ScanConfig, fetch, run_scan
from ceping.scan import urls as url_tools
from ceping.scan.address import GuardedResolver
from ceping.scan.embeds import linked_css_links
from ceping.scan.models import BROKEN_LINK, Link

DATA = "tests/checker/data"
SUFFIXES = (".html", ".xhtml", ".css")
# The peer's recursion level where its test sets one other than its default of 1
# (tests/checker/test_anchor.py); ceping's depth is one less (0: the start page's links only).
RECURSION = {"anchor1.html": 4}
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
AS_OF = dt.date(2026, 1, 1)


# -- the peer's fixtures and expectations -------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One URL the peer's result file lists, as it wrote it and as it keys it."""

    written: str
    key: str | None  # absolute; None for a URL the peer cannot parse
    base: str | None
    is_valid: bool
    notes: tuple[str, ...]


def export(mirror: Path, commit: str, dest: Path, under: str = DATA) -> Path:
    """The peer's fixture directory, exported from its git snapshot into `dest`."""
    archive = subprocess.run(
        ["git", f"--git-dir={mirror}", "archive", "--format=tar", commit, under],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / under


def expectations(result: Path, origin: str) -> list[Expected]:
    """The entries of a `.result` file, its placeholders filled in for our loopback server."""
    port = urlsplit(origin).port or 80
    text = result.read_text(encoding="utf-8")
    text = text.replace("file://%(curdir)s/%(datadir)s/", f"{origin}/{DATA}/")
    text = text.replace("%(datadir)s", DATA).replace("%(port)d", str(port)).replace("%%", "%")
    entries: list[dict[str, object]] = []
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name == "url":
            entries.append({"written": value, "notes": []})
        elif entries and name in ("cache", "baseurl", "info", "warning"):
            entry = entries[-1]
            if name == "cache":
                key = value.removeprefix("key ")
                entry["key"] = None if key == "None" else key
            elif name == "baseurl":
                entry["base"] = value
            else:
                entry["notes"].append(f"{name} {value}")  # type: ignore[attr-defined]
        elif entries and line in ("valid", "error"):
            entries[-1]["is_valid"] = line == "valid"
    return [
        Expected(
            str(e["written"]),
            e.get("key"),  # type: ignore[arg-type]
            e.get("base"),  # type: ignore[arg-type]
            bool(e.get("is_valid")),
            tuple(e["notes"]),  # type: ignore[arg-type]
        )
        for e in entries
    ]


def fixtures(data: Path) -> list[Path]:
    return sorted(
        p
        for p in data.rglob("*")
        if p.suffix in SUFFIXES and p.with_name(p.name + ".result").is_file()
    )


# -- the loopback server ------------------------------------------------------------------------


class PeerHandler(SimpleHTTPRequestHandler):
    """Serves the exported tree as the peer's test server does: the query string ignored, a
    path with `redirect_newhost` sent to another host, one with `redirect` to `newurl`."""

    def log_message(self, *args: object) -> None:
        pass

    def _redirected(self) -> bool:
        self.path = self.path.split("?", 1)[0]
        if "redirect_newhost" in self.path:
            location = "http://www.example.com/"
        elif "redirect" in self.path:
            location = self.path.replace("redirect", "newurl")
        else:
            return False
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def do_GET(self) -> None:
        if not self._redirected():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._redirected():
            super().do_HEAD()


PeerHandler.extensions_map.update({".xhtml": "application/xhtml+xml"})


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PeerHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class LoopbackOnlyResolver(GuardedResolver):
    """This machine has no Internet: names other than loopback fail at once, as an unknown
    name does, and are never sent to a name server. Their answers are not compared."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host.lower().rstrip(".") not in LOOPBACK:
            raise OSError(f"{host}: not resolved, the benchmark runs on loopback only")
        return await super().resolve(host, port, family)


# -- one fixture --------------------------------------------------------------------------------


@dataclass
class Scanned:
    """What ceping did on one fixture: links extracted, answers, broken findings."""

    links: list[Link] = field(default_factory=list)
    answered: dict[str, bool] = field(default_factory=dict)  # url -> broken
    broken: dict[str, str] = field(default_factory=dict)  # url -> why


def scan_fixture(url: str, depth: int, sheet: Path | None) -> Scanned:
    """Scan one fixture as `ceping scan URL --allow-private` does.

    A style sheet is scanned through a page that links it (ceping reads sheets from pages)."""
    start = url
    if sheet is not None:
        page = sheet.with_name(f"peer-links-{sheet.name}.html")
        page.write_text(f'<link rel="stylesheet" href="{sheet.name}">', encoding="utf-8")
        start = url.rsplit("/", 1)[0] + "/" + page.name
    config = ScanConfig(
        urls=(start,),
        as_of=AS_OF,
        allow_private=True,
        check_external=True,
        check_typos=False,
        check_https=False,
        check_guides=False,
        check_ipv6=False,
        max_depth=depth,
        delay_s=0.0,
        attempts=1,
        home_attempts=1,
        timeout_s=5.0,
    )
    sink = MemorySink()
    fetch.GuardedResolver = LoopbackOnlyResolver  # type: ignore[misc]
    run_scan(config, sink)
    out = Scanned()
    pages = sink.pages.get(start, {})
    for page in pages.values():
        out.links.extend(page.links)
        out.answered[page.url] = not page.ok
    if sheet is not None:
        out.links = list(linked_css_links(sheet.read_text(encoding="utf-8"), url))
    for status in sink.links.values():
        if status.checked:
            out.answered.setdefault(status.url, status.is_broken)
    for finding in sink.site_findings(start):
        if finding.kind == BROKEN_LINK:
            why = finding.get("error") or f"HTTP {finding.get('status')}"
            out.broken[str(finding.get("url"))] = str(why)
    return out


def loose(url: str) -> str:
    """A URL compared loosely: escapes decoded, scheme and host lower-cased, fragment dropped."""
    parts = urlsplit(url.strip())
    rest = unquote(parts.path or "/", errors="surrogateescape")
    query = unquote(parts.query, errors="surrogateescape")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{rest}?{query}"


def scope(entry: Expected, start: str) -> str:
    """How an entry is compared: measured, external/internet (extraction only), or not at all."""
    if any(n.startswith("info ") and n.endswith("URL ignored.") for n in entry.notes):
        return "ignored"  # javascript:, clsid:: the peer itself checks nothing
    written = entry.written.strip()
    if written.startswith("#") or (entry.key or "").split("#")[0] == start:
        return "same page"  # the page itself or an anchor in it: nothing to request
    if entry.key is None:
        return "measured"  # malformed: judged without a request
    scheme = urlsplit(entry.key).scheme.lower()
    if scheme == "file":
        return "measured"
    if scheme not in ("http", "https"):
        return "not web"  # mailto:, dns: (a dns-prefetch hint)
    if (urlsplit(entry.key).hostname or "") not in LOOPBACK:
        return "external"
    if any("Redirected to `http" in n and "localhost" not in n for n in entry.notes):
        return "internet"  # answered by another host, reached only through the Internet
    return "measured"


def match(entry: Expected, links: list[Link], start: str) -> Link | None:
    written = entry.written.strip()
    wanted: set[str] = set()
    if entry.key is not None:
        resolved = url_tools.Resolver(entry.base or start)(written)
        wanted = {loose(entry.key)} | ({loose(resolved)} if resolved else set())
    for link in links:
        if link.error is not None or entry.key is None:
            if link.url == written:
                return link
        elif loose(link.url) in wanted:
            return link
    return None


@dataclass
class Row:
    fixture: str
    counted: int = 0
    measured: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    unextracted: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)


def compare(name: str, entries: list[Expected], start: str, scanned: Scanned) -> Row:
    row = Row(name)
    listed: set[str] = set()
    for entry in entries:
        kind = scope(entry, start)
        if kind in ("ignored", "same page", "not web"):
            if kind == "not web":
                row.not_compared.append(f"{entry.written} ({kind})")
            continue
        row.counted += 1
        link = match(entry, scanned.links, start)
        if link is None:
            row.unextracted.append(entry.written)
        else:
            listed.add(link.url)
        if kind == "external" and link is not None and link.error is not None:
            kind = "measured"  # malformed: ceping judged it without a request
        if kind != "measured":
            row.not_compared.append(f"{entry.written} ({kind}: extraction only)")
            continue
        row.measured += 1
        is_broken = link is not None and link.url in scanned.broken
        if not entry.is_valid and not is_broken:
            answered = link is not None and link.url in scanned.answered
            row.missed.append(f"{entry.written} ({'answered' if answered else 'never asked'})")
        if entry.is_valid and is_broken:
            assert link is not None
            row.false_alarms.append(f"{entry.written} ({scanned.broken[link.url]})")
    row.extra = [
        f"{u} ({why})"
        for u, why in scanned.broken.items()
        if u not in listed and not why.startswith("DNS failure")
    ]
    return row


def run(mirror: Path, commit: str) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="peer-links-") as tmp:
        data = export(mirror, commit, Path(tmp))
        with serve(Path(tmp)) as origin:
            for path in fixtures(data):
                name = str(path.relative_to(data))
                url = f"{origin}/{DATA}/{name}"
                entries = expectations(path.with_name(path.name + ".result"), origin)
                depth = RECURSION.get(name, 1) - 1
                sheet = path if path.suffix == ".css" else None
                scanned = scan_fixture(url, depth, sheet)
                rows.append(compare(name, entries, url, scanned))
                print(f"{name}: {rows[-1].counted} links", flush=True)
    return rows


def table(rows: list[Row]) -> str:
    head = "| fixture | links | measured | missed | false alarms | unextracted | extra |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r.fixture} | {r.counted} | {r.measured} | {len(r.missed)} | "
            f"{len(r.false_alarms)} | {len(r.unextracted)} | {len(r.extra)} |"
        )
    total = [sum(len(getattr(r, a)) for r in rows) for a in ("missed", "false_alarms")]
    total += [sum(len(r.unextracted) for r in rows), sum(len(r.extra) for r in rows)]
    counted, measured = sum(r.counted for r in rows), sum(r.measured for r in rows)
    lines.append(f"| **all {len(rows)}** | {counted} | {measured} | " + " | ".join(map(str, total)))
    lines[-1] += " |"
    return "\n".join(lines)


# -- audit: addresses in any fixture directory that ceping leaves unextracted --------------------

# An attribute value that reads as an address: a scheme, a root or relative path, a file name.
_LOOKS_LIKE_ADDRESS = re.compile(
    r"^(?:https?:|//|/|\.{1,2}/|[\w\-.~%/]+\.(?:s?html?|php|aspx?|jsp|css|js|json|xml|png|jpe?g|gif"
    r"|svg|webp|ico|pdf|docx?|xlsx?|mp[34]|webm|ogg|vtt|swf|txt|md)(?:[?#]\S*)?$)",
    re.IGNORECASE,
)
# Attributes that never hold an address, whatever their value looks like.
_NOT_ADDRESSES = frozenset(
    {"class", "id", "name", "type", "rel", "lang", "alt", "title", "width", "height", "target",
     "hreflang", "media", "sizes", "charset", "method", "value", "for", "style", "xmlns"}
)  # fmt: skip


def audit(root: Path) -> list[tuple[str, str]]:
    """(file, `<tag attr=value>`) of each address-like attribute ceping does not extract."""
    from selectolax.lexbor import LexborHTMLParser

    from ceping.scan.embeds import base_url
    from ceping.scan.parse import extract_links

    left: list[tuple[str, str]] = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".html", ".htm", ".xhtml")):
        name = str(path.relative_to(root))
        page = f"http://peer.test/{name}"
        tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
        resolve = url_tools.Resolver(base_url(tree, page))
        found = {link.url for link in extract_links(tree, page)}
        for node in tree.css("*"):
            if node.tag == "base":
                continue
            for attr, value in (node.attributes or {}).items():
                value = (value or "").strip()
                if attr in _NOT_ADDRESSES or not _LOOKS_LIKE_ADDRESS.match(value):
                    continue
                if value not in found and (resolve(value) or value) not in found:
                    left.append((name, f"<{node.tag} {attr}={value!r}>"))
    return left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", type=Path, help="git directory of a LinkChecker snapshot")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--json", type=Path, help="write every row with its details here")
    parser.add_argument(
        "--audit",
        metavar="DIR",
        help="instead: list the address-like attributes left unextracted in the HTML files "
        "under DIR of MIRROR (another peer's fixtures, e.g. test/fixtures of linkinator)",
    )
    args = parser.parse_args()
    if args.audit:
        with tempfile.TemporaryDirectory(prefix="peer-audit-") as tmp:
            tree = export(args.mirror, args.commit, Path(tmp), args.audit)
            left = audit(tree)
            files = sum(1 for p in tree.rglob("*") if p.suffix in (".html", ".htm", ".xhtml"))
        for name, item in left:
            print(f"  {name}: unextracted: {item}")
        print(f"{files} HTML files under {args.audit}: {len(left)} address-like attributes left")
        return 0
    rows = run(args.mirror, args.commit)
    print(table(rows))
    for r in rows:
        for label in ("missed", "false_alarms", "unextracted", "extra", "not_compared"):
            for item in getattr(r, label):
                print(f"  {r.fixture}: {label}: {item}")
    if args.json:
        payload = [r.__dict__ for r in rows]
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
