"""Reading the second farm's pages back, as a test checks what a planted finding claims."""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ceping.scan.tls import lenient_context
from ceping.sitefarm.cms.context import CmsSite
from ceping.sitefarm.cms.truth import answer
from ceping.sitefarm.farm import Farm

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})
# Loopback, never a proxy; through the farm's bad certificates as the crawler reads them.
_DIRECT = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=lenient_context())
)
_STATED = re.compile(r'发布时间：(\d{4}-\d{2}-\d{2})|name="PubDate" content="(\d{4}-\d{2}-\d{2})')


class TagBalance(HTMLParser):
    """Every element closed, in order (the farm writes no optional end tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def html_errors(text: str) -> list[str]:
    checker = TagBalance()
    checker.feed(text)
    checker.close()
    errors = checker.errors + [f"<{t}> never closed" for t in checker.open]
    if not text.startswith("<!DOCTYPE html>"):
        errors.append("no doctype")
    return errors


def text_of(site: CmsSite, url: str) -> str:
    found = answer(site, url)
    assert found is not None, url
    codec = "gb18030" if site.template.charset == "gbk" else "utf-8"
    return found.body.decode(codec)


def stated_date(site: CmsSite, url: str) -> dt.date | None:
    """The date an article page states (its text or its PubDate), None for other pages."""
    found = _STATED.search(text_of(site, url))
    if found is None:
        return None
    return dt.date.fromisoformat(found.group(1) or found.group(2))


def status(url: str, farm: Farm | None = None) -> int | str:
    """The live server's status for `url`, or why no answer came; a named site of `farm` is
    reached at its address, as the scanner's pins reach it (no name server knows it)."""
    parts = urlsplit(url)
    named = {s.domain: s.host for s in farm.all_sites() if s.domain} if farm else {}
    request = urllib.request.Request(url)
    if parts.hostname in named:
        request = urllib.request.Request(
            parts._replace(netloc=f"{named[parts.hostname]}:{parts.port}").geturl(),
            headers={"Host": parts.netloc},
        )
    try:
        with _DIRECT.open(request, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError as exc:
        return str(exc.reason)
